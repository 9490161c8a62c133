"""King's and MiToS staging, directly and from ALSFRS-R items."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from neurodiff.errors import InvalidCaseError
from neurodiff.scales import SCALES, evaluate

NORMAL = [4] * 12
KINGS_ORDER = ["1", "2", "3", "4A", "4B"]


def with_items(**changes: int) -> list[int]:
    """Items by 1-based position, e.g. with_items(i1=3)."""
    items = list(NORMAL)
    for key, value in changes.items():
        items[int(key[1:]) - 1] = value
    return items


def test_scale_registry_names() -> None:
    assert list(SCALES) == ["alsfrs-r", "delta-fs", "kings", "mitos", "edss"]


@pytest.mark.parametrize(
    ("regions", "gastrostomy", "niv", "stage"),
    [
        (1, False, False, "1"),
        (2, False, False, "2"),
        (3, False, False, "3"),
        (3, True, False, "4A"),
        (1, True, True, "4B"),
        (0, False, False, "1"),
    ],
)
def test_kings_direct(regions: int, gastrostomy: bool, niv: bool, stage: str) -> None:
    data = {"regions_involved": regions, "gastrostomy": gastrostomy, "niv": niv}
    result = evaluate("kings", data)
    assert (result.outcome, result.stage_is_minimum) == (stage, False)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("items", "stage"),
    [
        # Balendra 2014 mapping (as implemented in github.com/yoonhohong/proact,
        # staging/estimate_king_mitos_alsfrs.R): bulbar items 1-3, upper limb 4-5,
        # lower limb 8, NIV from item 10 = 0 or item 12 < 4.
        (with_items(i2=3), "1"),
        (with_items(i1=3, i8=3), "2"),
        (with_items(i1=3, i5=2, i8=3), "3"),
        (with_items(i9=1, i6=2), "1"),  # climbing stairs and dressing are not region items
        (with_items(i12=3), "4B"),
        (with_items(i10=0), "4B"),
        (with_items(i10=1), "1"),
    ],
)
def test_kings_from_items(items: list[int], stage: str) -> None:
    result = evaluate("kings", {"alsfrs_r_items": items, "gastrostomy": False})
    assert result.outcome == stage


def test_kings_gastrostomy_unknown_from_items() -> None:
    result = evaluate("kings", {"alsfrs_r_items": with_items(i1=3, i8=3)})
    assert (result.outcome, result.stage_is_minimum) == ("2", True)  # type: ignore[attr-defined]
    assert result.missing == ["whether gastrostomy is needed or in place (would give stage 4A)"]
    assert evaluate("kings", {"alsfrs_r_items": NORMAL, "gastrostomy": True}).outcome == "4A"


@pytest.mark.parametrize("data", [{}, {"regions_involved": 2, "alsfrs_r_items": NORMAL}])
def test_kings_needs_exactly_one_source(data: dict[str, Any]) -> None:
    with pytest.raises(InvalidCaseError, match="exactly one"):
        evaluate("kings", data)


def test_kings_rejects_out_of_range_regions() -> None:
    with pytest.raises(InvalidCaseError) as info:
        evaluate("kings", {"regions_involved": 4})
    assert info.value.field == "regions_involved"
    assert "0-3" in str(info.value)


ITEMS = st.lists(st.integers(0, 4), min_size=12, max_size=12)


@given(ITEMS, st.integers(0, 11), st.booleans())
def test_kings_monotone_as_items_decrease(items: list[int], index: int, gastro: bool) -> None:
    worse = list(items)
    worse[index] = max(0, worse[index] - 1)
    before = evaluate("kings", {"alsfrs_r_items": items, "gastrostomy": gastro}).outcome
    after = evaluate("kings", {"alsfrs_r_items": worse, "gastrostomy": gastro}).outcome
    assert KINGS_ORDER.index(after) >= KINGS_ORDER.index(before)


@pytest.mark.parametrize(
    ("items", "lost"),
    [
        # Thresholds of Chiò et al. 2015, Table 1 (JNNP 2015;86:38-44).
        (NORMAL, []),
        (with_items(i8=1), ["walking_self_care"]),
        (with_items(i6=1), ["walking_self_care"]),
        (with_items(i8=2, i6=2), []),
        (with_items(i3=1), ["swallowing"]),
        (with_items(i1=1, i4=2), []),  # communicating needs speech AND handwriting
        (with_items(i1=0, i4=1), ["communicating"]),
        (with_items(i10=1), ["breathing"]),
        (with_items(i12=2), ["breathing"]),
        (with_items(i12=3), []),
        (
            with_items(i1=1, i3=0, i4=1, i8=0, i12=0),
            ["walking_self_care", "swallowing", "communicating", "breathing"],
        ),
    ],
)
def test_mitos_domains(items: list[int], lost: list[str]) -> None:
    result = evaluate("mitos", {"alsfrs_r_items": items}).model_dump()
    assert result["lost_domains"] == lost
    assert result["stage"] == len(lost)


def test_mitos_death_is_stage_5() -> None:
    assert evaluate("mitos", {"alsfrs_r_items": NORMAL, "deceased": True}).outcome == "5"


@given(ITEMS, st.integers(0, 11))
def test_mitos_monotone_as_items_decrease(items: list[int], index: int) -> None:
    worse = list(items)
    worse[index] = max(0, worse[index] - 1)
    before = evaluate("mitos", {"alsfrs_r_items": items}).model_dump()["stage"]
    after = evaluate("mitos", {"alsfrs_r_items": worse}).model_dump()["stage"]
    assert after >= before


def test_unknown_scale_names_the_valid_ones() -> None:
    with pytest.raises(InvalidCaseError) as info:
        evaluate("frs", {})
    assert info.value.field == "scale"
    assert "alsfrs-r" in str(info.value) and "edss" in str(info.value)
