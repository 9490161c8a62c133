"""Revised El Escorial, Awaji and Gold Coast: exhaustive oracle checks and properties."""

from __future__ import annotations

from itertools import product
from typing import Any

import pytest
from als_oracle import awaji as awaji_oracle
from als_oracle import el_escorial as el_escorial_oracle
from als_oracle import gold_coast as gold_coast_oracle
from hypothesis import given
from hypothesis import strategies as st

from neurodiff.criteria import evaluate
from neurodiff.criteria.als_regions import REGIONS

ALL_CODES = list(product(range(8), repeat=4))  # 8^4 = 2^12 sign combinations
RANKS = {
    "el-escorial-revised": [
        "not_met",
        "possible",
        "probable_laboratory_supported",
        "probable",
        "definite",
    ],
    "awaji": ["not_met", "possible", "probable", "definite"],
    "gold-coast": ["not_met", "met"],
}
ORACLES = {
    "el-escorial-revised": el_escorial_oracle,
    "awaji": awaji_oracle,
    "gold-coast": gold_coast_oracle,
}


def case(codes: tuple[int, ...], **extra: Any) -> dict[str, Any]:
    regions = {
        region: {"umn": bool(c & 1), "lmn": bool(c & 2), "emg_lmn": bool(c & 4)}
        for region, c in zip(REGIONS, codes, strict=True)
    }
    return {"regions": regions, "progression": True, "alternative_excluded": True, **extra}


@pytest.mark.parametrize("name", list(ORACLES))
def test_every_region_combination_matches_the_oracle(name: str) -> None:
    oracle = ORACLES[name]
    mismatches = [
        (codes, evaluate(name, case(codes)).outcome, oracle(codes))
        for codes in ALL_CODES
        if evaluate(name, case(codes)).outcome != oracle(codes)
    ]
    assert mismatches == []


def test_oracle_reaches_every_el_escorial_category() -> None:
    seen = {el_escorial_oracle(codes) for codes in ALL_CODES}
    assert seen == set(RANKS["el-escorial-revised"])


def test_familial_variant_with_signs_in_one_region_is_definite() -> None:
    # Revised El Escorial: clinically definite familial ALS - laboratory-supported.
    data = case((0, 1, 0, 0), familial_pathogenic_variant=True)
    assert evaluate("el-escorial-revised", data).outcome == "definite"
    assert evaluate("awaji", data).outcome == "definite"
    assert evaluate("gold-coast", data).outcome == "not_met"  # UMN alone: not enough


@pytest.mark.parametrize("name", list(ORACLES))
def test_more_evidence_never_lowers_the_category_exhaustively(name: str) -> None:
    rank = RANKS[name]
    category = {codes: rank.index(evaluate(name, case(codes)).outcome) for codes in ALL_CODES}
    for codes, level in category.items():
        for region in range(4):
            for bit in (1, 2, 4):
                more = list(codes)
                more[region] |= bit
                assert category[tuple(more)] >= level, (codes, region, bit)


@given(
    name=st.sampled_from(list(ORACLES)),
    codes=st.tuples(*[st.integers(0, 7)] * 4),
    region=st.integers(0, 3),
    bit=st.sampled_from([1, 2, 4]),
    familial=st.booleans(),
)
def test_adding_a_sign_never_lowers_the_category(
    name: str, codes: tuple[int, ...], region: int, bit: int, familial: bool
) -> None:
    more = list(codes)
    more[region] |= bit
    rank = RANKS[name]
    before = evaluate(name, case(codes, familial_pathogenic_variant=familial)).outcome
    after = evaluate(name, case(tuple(more), familial_pathogenic_variant=familial)).outcome
    assert rank.index(after) >= rank.index(before)


def test_brief_example_probable_needs_one_more_region_for_definite() -> None:
    data = case((3, 3, 0, 0))
    result = evaluate("el-escorial-revised", data)
    assert result.outcome == "probable"
    assert "UMN+LMN findings in lumbosacral would give 'definite'" in result.missing
    assert result.regions_with_umn_and_lmn == ["bulbar", "cervical"]  # type: ignore[attr-defined]


def test_laboratory_supported_category_exists_only_in_el_escorial() -> None:
    # UMN in cervical, EMG denervation in cervical and lumbosacral.
    data = case((0, 1 | 4, 0, 4))
    assert evaluate("el-escorial-revised", data).outcome == "probable_laboratory_supported"
    # Awaji counts EMG as LMN: UMN+LMN in cervical only -> possible; LMN (EMG) in lumbosacral.
    assert evaluate("awaji", data).outcome == "possible"


def test_awaji_emg_equals_clinical_lmn() -> None:
    # de Carvalho 2008: EMG evidence is equivalent to clinical LMN signs in a region.
    clinical = case((3, 3, 0, 3))
    emg = case((1 | 4, 1 | 4, 0, 1 | 4))
    assert evaluate("awaji", clinical).outcome == evaluate("awaji", emg).outcome == "definite"
    assert evaluate("el-escorial-revised", emg).outcome == "probable_laboratory_supported"


@pytest.mark.parametrize(
    ("codes", "expected"),
    [
        ((0, 3, 0, 0), "met"),  # UMN and LMN in one region
        ((0, 2, 0, 4), "met"),  # LMN in two regions (one by EMG), no UMN
        ((1, 0, 0, 2), "met"),  # UMN and LMN in different regions (two regions involved)
        ((0, 2, 0, 0), "not_met"),  # LMN in one region only
        ((1, 1, 1, 1), "not_met"),  # UMN alone everywhere
    ],
)
def test_gold_coast_box(codes: tuple[int, ...], expected: str) -> None:
    # Criteria as boxed in Turner MR, Pract Neurol 2022 ("Diagnosing ALS: the Gold
    # Coast criteria and the role of EMG"), quoting Shefner et al. 2020.
    assert evaluate("gold-coast", case(codes)).outcome == expected


@pytest.mark.parametrize("name", list(ORACLES))
def test_no_progression_or_other_cause_means_not_met(name: str) -> None:
    full = (3, 3, 3, 3)
    assert evaluate(name, case(full, progression=False)).outcome == "not_met"
    blocked = evaluate(name, case(full, alternative_excluded=False))
    assert (blocked.outcome, blocked.decided) == ("not_met", True)


def test_unknown_progression_is_undecided_with_anatomical_category() -> None:
    result = evaluate("el-escorial-revised", case((3, 3, 3, 0), progression=None))
    assert (result.outcome, result.decided) == ("not_met", False)
    assert result.anatomical_category == "definite"  # type: ignore[attr-defined]
    assert result.missing[0].startswith("documented progression")
    statuses = {r.rule: r.status for r in result.rules}
    assert statuses["progression"] == "unknown"


def test_unknown_emg_leaves_the_category_undecided() -> None:
    data = case((0, 1, 0, 0))
    data["regions"]["cervical"]["emg_lmn"] = None
    data["regions"]["lumbosacral"]["emg_lmn"] = None
    result = evaluate("el-escorial-revised", data)
    assert (result.outcome, result.decided) == ("not_met", False)
    statuses = {r.rule: r.status for r in result.rules}
    assert statuses["umn_plus_emg_lmn_in_two_regions"] == "unknown"
    assert statuses["umn_lmn_in_three_regions"] == "not_met"


def test_unknown_signs_that_cannot_matter_keep_the_outcome_decided() -> None:
    data = case((3, 3, 3, 0))
    data["regions"]["lumbosacral"] = {"umn": None, "lmn": None, "emg_lmn": None}
    result = evaluate("el-escorial-revised", data)
    assert (result.outcome, result.decided) == ("definite", True)
    assert result.missing == []
