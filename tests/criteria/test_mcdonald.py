"""McDonald 2017 and 2024: Table 1 cells, unknown evidence, progressive course."""

from __future__ import annotations

from itertools import product
from typing import Any

import pytest

from neurodiff.criteria import evaluate

# MRI dissemination-in-space scenarios: lesion counts per area (None = not imaged).
DIS_MRI = {
    "none": {
        "periventricular": 0,
        "cortical_juxtacortical": 0,
        "infratentorial": 0,
        "spinal_cord": 0,
    },
    "one_area": {
        "periventricular": 3,
        "cortical_juxtacortical": 0,
        "infratentorial": 0,
        "spinal_cord": 0,
    },
    "two_areas": {
        "periventricular": 1,
        "cortical_juxtacortical": 0,
        "infratentorial": 0,
        "spinal_cord": 1,
    },
    "unknown": {"periventricular": 1},
}
# MRI dissemination-in-time scenarios.
DIT_MRI = {
    "none": {"gadolinium_enhancing": False, "non_enhancing": True, "new_lesion_on_followup": False},
    "simultaneous": {"gadolinium_enhancing": True, "non_enhancing": True},
    "new_lesion": {"gadolinium_enhancing": False, "new_lesion_on_followup": True},
    "unknown": {},
}
TRUTH = {
    "none": False,
    "one_area": False,
    "two_areas": True,
    "unknown": None,
    "simultaneous": True,
    "new_lesion": True,
}


def kleene_all(values: list[bool | None]) -> bool | None:
    if False in values:
        return False
    return None if None in values else True


def kleene_any(values: list[bool | None]) -> bool | None:
    if True in values:
        return True
    return None if None in values else False


def table_1(attacks: int, lesions: int, historical: bool) -> str:
    """Row of Table 1 (Thompson et al. 2018), as reproduced in Clin Med 2020;20(4):380
    Table 2 (PMC7385797): what is additionally needed."""
    if attacks >= 2 and (lesions >= 2 or (lesions == 1 and historical)):
        return "nothing"
    if attacks >= 2 and lesions == 1:
        return "DIS"
    if attacks == 1 and lesions >= 2:
        return "DIT"
    if attacks == 1 and lesions == 1:
        return "DIS and DIT"
    return "not applicable"  # no attack or no objective lesion


def expected(
    attacks: int,
    lesions: int,
    historical: bool,
    dis: str,
    dit: str,
    ocb: bool | None,
    revision: str = "mcdonald-2017",
) -> bool | None:
    needed = table_1(attacks, lesions, historical)
    if needed == "not applicable":
        return False
    requirements = []
    if "DIS" in needed:
        requirements.append(TRUTH[dis])
    if "DIT" in needed:
        # 2024 also waives DIT when MRI shows 4 of 5 areas: only possible when unimaged.
        extensive = None if revision == "mcdonald-2024" and dis == "unknown" else False
        requirements.append(kleene_any([TRUTH[dit], ocb, extensive]))
    return kleene_all(requirements)


def mcdonald_case(
    attacks: int, lesions: int, historical: bool, dis: str, dit: str, ocb: bool | None
) -> dict[str, Any]:
    return {
        "attacks": attacks,
        "objective_lesions": lesions,
        "historical_attack_evidence": historical,
        "mri": {**DIS_MRI[dis], **DIT_MRI[dit]},
        "csf_oligoclonal_bands": ocb,
        "course": "relapsing",
        "alternative_excluded": True,
    }


CELLS = list(product(range(4), range(4), (False, True), DIS_MRI, DIT_MRI, (False, True, None)))


@pytest.mark.parametrize("revision", ["mcdonald-2017", "mcdonald-2024"])
def test_every_cell_of_table_1(revision: str) -> None:
    # The 2024 revision keeps Table 1 for people with attacks and objective lesions;
    # with no attack or no objective lesion 2024 allows a separate pathway, checked below.
    wrong = []
    for attacks, lesions, historical, dis, dit, ocb in CELLS:
        if revision == "mcdonald-2024" and (attacks == 0 or lesions == 0):
            continue
        want = expected(attacks, lesions, historical, dis, dit, ocb, revision)
        data = mcdonald_case(attacks, lesions, historical, dis, dit, ocb)
        if revision == "mcdonald-2024":
            # Known-negative 2024-only evidence, so that Table 1 alone decides.
            if dis != "unknown":
                data["mri"]["optic_nerve"] = 0
            data.update(kappa_flc_index_elevated=ocb, central_vein_sign_lesions=0)
        got = evaluate(revision, data)
        outcome = "ms" if want else "not_met"
        if (got.outcome, got.decided) != (outcome, want is not None):
            wrong.append((attacks, lesions, historical, dis, dit, ocb, got.outcome, got.decided))
    assert wrong == []


def test_dis_and_dit_fields_report_three_valued_evidence() -> None:
    result = evaluate("mcdonald-2017", mcdonald_case(1, 1, False, "two_areas", "unknown", None))
    assert (result.dis, result.dit) == (True, None)  # type: ignore[attr-defined]
    assert result.outcome == "not_met" and result.decided is False
    assert any(m.startswith("dissemination in time") for m in result.missing)


def test_missing_names_the_uninvolved_areas() -> None:
    result = evaluate("mcdonald-2017", mcdonald_case(1, 1, False, "one_area", "simultaneous", None))
    assert result.outcome == "not_met" and result.decided
    assert any("cortical_juxtacortical, infratentorial, spinal_cord" in m for m in result.missing)


def test_no_better_explanation_is_required() -> None:
    data = mcdonald_case(2, 2, False, "none", "none", False)
    assert evaluate("mcdonald-2017", data).outcome == "ms"
    data["alternative_excluded"] = None
    undecided = evaluate("mcdonald-2017", data)
    assert (undecided.outcome, undecided.decided) == ("not_met", False)
    data["alternative_excluded"] = False
    assert evaluate("mcdonald-2017", data).decided is True


def ppms(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "course": "progressive",
        "progression_years": 1.5,
        "mri": {"periventricular": 2, "spinal_cord": 0},
        "csf_oligoclonal_bands": True,
        "alternative_excluded": True,
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("overrides", "outcome", "decided"),
    [
        ({}, "ppms", True),  # brain lesion + OCB: 2 of 3
        ({"csf_oligoclonal_bands": False}, "not_met", True),
        ({"csf_oligoclonal_bands": None}, "not_met", False),
        ({"progression_years": 0.5}, "not_met", True),
        (
            {
                "mri": {
                    "periventricular": 0,
                    "cortical_juxtacortical": 0,
                    "infratentorial": 0,
                    "spinal_cord": 2,
                }
            },
            "ppms",
            True,
        ),  # cord lesions + OCB
    ],
)
def test_primary_progressive_2017(overrides: dict[str, Any], outcome: str, decided: bool) -> None:
    result = evaluate("mcdonald-2017", ppms(**overrides))
    assert (result.outcome, result.decided) == (outcome, decided)


def cis_2024(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "attacks": 1,
        "objective_lesions": 1,
        "mri": {
            "periventricular": 3,
            "cortical_juxtacortical": 0,
            "infratentorial": 0,
            "spinal_cord": 0,
            "optic_nerve": 1,
            "gadolinium_enhancing": False,
            "new_lesion_on_followup": False,
        },
        "csf_oligoclonal_bands": False,
        "kappa_flc_index_elevated": False,
        "central_vein_sign_lesions": 0,
        "paramagnetic_rim_lesions": 0,
        "age": 30,
        "alternative_excluded": True,
    }
    data.update(overrides)
    return data


def test_2024_is_marked_provisional_and_cites_the_publication() -> None:
    result = evaluate("mcdonald-2024", cis_2024())
    assert result.provisional is True
    assert "10.1016/S1474-4422(25)00270-4" in result.reference[0]
    assert evaluate("mcdonald-2017", ppms()).provisional is False


def test_2024_optic_nerve_is_a_fifth_area() -> None:
    # Periventricular + optic nerve = 2 of 5 areas; the same MRI gives 1 of 4 in 2017.
    base = cis_2024(kappa_flc_index_elevated=True)
    assert evaluate("mcdonald-2024", base).dis is True  # type: ignore[attr-defined]
    as_2017 = {
        k: v
        for k, v in base.items()
        if k
        not in {
            "kappa_flc_index_elevated",
            "central_vein_sign_lesions",
            "paramagnetic_rim_lesions",
            "age",
        }
    }
    as_2017["mri"] = {k: v for k, v in base["mri"].items() if k != "optic_nerve"}
    assert evaluate("mcdonald-2017", as_2017).dis is False  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("overrides", "outcome"),
    [
        ({}, "not_met"),  # DIS without DIT, CSF or CVS
        ({"kappa_flc_index_elevated": True}, "ms"),  # kappa-FLC as CSF evidence
        ({"csf_oligoclonal_bands": True}, "ms"),
        ({"central_vein_sign_lesions": 6}, "ms"),  # select-six CVS
        ({"central_vein_sign_lesions": 5}, "not_met"),
        ({"paramagnetic_rim_lesions": 3}, "not_met"),  # PRL supportive only here
        (
            {
                "mri": {
                    "periventricular": 3,
                    "cortical_juxtacortical": 1,
                    "infratentorial": 1,
                    "spinal_cord": 1,
                    "optic_nerve": 0,
                }
            },
            "ms",
        ),  # 4 of 5 areas: no DIT needed
    ],
)
def test_2024_single_attack(overrides: dict[str, Any], outcome: str) -> None:
    assert evaluate("mcdonald-2024", cis_2024(**overrides)).outcome == outcome


@pytest.mark.parametrize(
    ("overrides", "outcome"),
    [
        # Radiologically isolated syndrome: DIS plus DIT, positive CSF or select-six CVS.
        ({"mri": {"periventricular": 3, "spinal_cord": 1, "new_lesion_on_followup": True}}, "ms"),
        ({"mri": {"periventricular": 3, "spinal_cord": 1}, "csf_oligoclonal_bands": True}, "ms"),
        ({"mri": {"periventricular": 3, "spinal_cord": 1}, "central_vein_sign_lesions": 8}, "ms"),
        # Four areas alone are not enough without an attack in the text we verified.
        (
            {
                "mri": {
                    "periventricular": 3,
                    "spinal_cord": 1,
                    "infratentorial": 1,
                    "cortical_juxtacortical": 1,
                    "new_lesion_on_followup": False,
                }
            },
            "not_met",
        ),
    ],
)
def test_2024_without_attack(overrides: dict[str, Any], outcome: str) -> None:
    data = cis_2024(attacks=0, objective_lesions=0, **overrides)
    assert evaluate("mcdonald-2024", data).outcome == outcome
    assert (
        evaluate(
            "mcdonald-2017",
            {
                k: v
                for k, v in data.items()
                if k
                in {"attacks", "objective_lesions", "csf_oligoclonal_bands", "alternative_excluded"}
            },
        ).outcome
        == "not_met"
    )


def test_2024_progressive_course() -> None:
    data = cis_2024(
        course="progressive",
        progression_years=2,
        attacks=None,
        objective_lesions=None,
        csf_oligoclonal_bands=True,
    )
    assert evaluate("mcdonald-2024", data).outcome == "ppms"
    data["csf_oligoclonal_bands"] = False
    assert evaluate("mcdonald-2024", data).outcome == "not_met"
    data["mri"] = {**data["mri"], "spinal_cord": 2}  # two cord lesions in place of CSF
    assert evaluate("mcdonald-2024", data).outcome == "ppms"


def test_2024_older_age_is_advisory() -> None:
    older = evaluate(
        "mcdonald-2024",
        cis_2024(age=62, central_vein_sign_lesions=0, kappa_flc_index_elevated=True),
    )
    assert older.outcome == "ms"
    advisory = {r.rule: r for r in older.rules}["advisory_older_age_supportive_evidence"]
    assert advisory.status == "met"  # positive CSF is supportive evidence
    bare = evaluate(
        "mcdonald-2024",
        cis_2024(
            age=62,
            mri={
                "periventricular": 3,
                "cortical_juxtacortical": 1,
                "infratentorial": 1,
                "optic_nerve": 1,
                "spinal_cord": 0,
            },
        ),
    )
    assert bare.outcome == "ms"
    assert bare.advisories  # type: ignore[attr-defined]
