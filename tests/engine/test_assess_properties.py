"""Invariants of assess(), checked with hypothesis over random cases."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from neurodiff import assess
from neurodiff.engine.likelihood import PRESENT, log_likelihood
from neurodiff.engine.model import compile_model
from neurodiff.engine.observations import resolve
from neurodiff.knowledge.load import load_knowledge
from neurodiff.models import Case

KB = load_knowledge()
MODEL = compile_model(KB)
FINDINGS = list(KB.finding_ids)
EXCLUSIVE = {m for g in KB.groups if g.kind.value == "exclusive" for m in g.members}
FREE = [f for f in FINDINGS if f not in EXCLUSIVE]

cases = st.builds(
    lambda findings, age, sex, setting: Case(age=age, sex=sex, setting=setting, findings=findings),
    st.dictionaries(st.sampled_from(FREE), st.sampled_from(["present", "absent"]), max_size=8),
    st.one_of(st.none(), st.integers(min_value=0, max_value=100)),
    st.sampled_from(["female", "male", "unknown"]),
    st.sampled_from(sorted(KB.meta.settings)),
)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def probabilities(result) -> dict[str, float]:  # type: ignore[no-untyped-def]
    return {d.id: d.probability for d in result.differential}


@SETTINGS
@given(cases)
def test_probabilities_sum_to_one_and_cover_every_disease(case: Case) -> None:
    result = assess(case)
    assert {d.id for d in result.differential} == set(KB.disease_ids)
    assert math.isclose(sum(d.probability for d in result.differential), 1.0, abs_tol=1e-4)
    values = [d.probability for d in result.differential]
    assert values == sorted(values, reverse=True)
    for entry in result.differential:
        assert 0.0 <= entry.interval[0] <= entry.probability <= entry.interval[1] <= 1.0


@SETTINGS
@given(cases, st.sampled_from(FREE))
def test_unknown_never_changes_anything(case: Case, extra: str) -> None:
    if extra in case.findings:
        return
    with_unknown = Case.model_validate(
        {**case.model_dump(), "findings": {**case.findings, extra: "unknown"}}
    )
    assert probabilities(assess(case)) == probabilities(assess(with_unknown))


@SETTINGS
@given(cases, st.sampled_from(FREE))
def test_present_finding_that_favours_a_disease_never_lowers_it(case: Case, extra: str) -> None:
    if extra in case.findings:
        return
    observations = resolve(case.findings, KB)
    states = observations.states.copy()
    column = FINDINGS.index(extra)
    if states[column] != -1:
        return
    base = log_likelihood(states[None, :], MODEL.point, MODEL.structure)[0, 0]
    states[column] = PRESENT
    after = log_likelihood(states[None, :], MODEL.point, MODEL.structure)[0, 0]
    p_given = np.exp(after - base)  # P(extra present | evidence so far, d)
    favoured = int(np.argmax(p_given))
    if not np.all(p_given[favoured] >= p_given):
        return
    before = probabilities(assess(case))[KB.disease_ids[favoured]]
    updated = Case.model_validate(
        {**case.model_dump(), "findings": {**case.findings, extra: "present"}}
    )
    assert probabilities(assess(updated))[KB.disease_ids[favoured]] >= before - 1e-9


@SETTINGS
@given(cases)
def test_explanation_adds_up_to_the_posterior_odds(case: Case) -> None:
    result = assess(case)
    prior = MODEL.log_prior[case.setting]
    for index, disease_id in enumerate(KB.disease_ids):
        p0 = math.exp(prior[index])
        total = math.log10(p0 / (1 - p0))
        total += sum(row.log10_lr[disease_id] for row in result.demographics)
        total += sum(row.log10_lr[disease_id] for row in result.evidence)
        p = probabilities(result)[disease_id]
        if 1e-9 < p < 1 - 1e-9:
            assert math.isclose(total, math.log10(p / (1 - p)), abs_tol=2e-3)


def test_absent_differs_from_unknown() -> None:
    base = {"age": 50, "sex": "female", "findings": {"limb_weakness": "present"}}
    unknown = assess({**base, "findings": {**base["findings"], "optic_neuritis": "unknown"}})
    absent = assess({**base, "findings": {**base["findings"], "optic_neuritis": "absent"}})
    assert probabilities(unknown) != probabilities(absent)
    assert probabilities(absent)["ms"] < probabilities(unknown)["ms"]


def test_same_case_gives_the_same_assessment() -> None:
    case = {
        "age": 40,
        "sex": "male",
        "findings": {"fasciculations": "present", "dysarthria": "present"},
    }
    assert assess(case).model_dump() == assess(case).model_dump()


def test_setting_changes_the_prior() -> None:
    case = {"age": 35, "sex": "female", "findings": {"optic_neuritis": "present"}}
    general = probabilities(assess(case, setting="general"))
    neurology = probabilities(assess(case, setting="neurology"))
    assert general["other"] > neurology["other"]


@SETTINGS
@given(cases)
def test_explanation_posterior_equals_the_direct_posterior(case: Case) -> None:
    from neurodiff.engine.explain import explain
    from neurodiff.engine.posterior import Demographics, log_posterior

    states = resolve(case.findings, KB).states
    demographics = Demographics.single(case.age, case.sex.value)
    direct = np.exp(log_posterior(states[None, :], demographics, case.setting, MODEL))[0, 0]
    chained = explain(states, demographics, case.setting, MODEL).posterior
    np.testing.assert_allclose(chained, direct, rtol=1e-9, atol=1e-15)


def test_criteria_in_the_case_join_the_assessment_and_suggest_the_completing_test() -> None:
    mri = {
        "periventricular": 2,
        "cortical_juxtacortical": 1,
        "infratentorial": 0,
        "spinal_cord": 0,
        "gadolinium_enhancing": False,
        "non_enhancing": True,
    }
    case = {
        "age": 30,
        "sex": "female",
        "findings": {"optic_neuritis": "present"},
        "criteria": {
            "mcdonald-2017": {
                "attacks": 1,
                "objective_lesions": 1,
                "mri": mri,
                "course": "relapsing",
                "alternative_excluded": True,
            }
        },
    }
    result = assess(case)
    assert result.criteria[0]["criterion"] == "mcdonald-2017"
    assert result.criteria[0]["dis"] is True and result.criteria[0]["outcome"] == "not_met"
    assert result.next_best[0].finding == "csf_ocb"
    assert "mcdonald-2017" in (result.next_best[0].reason or "")
    with_bands = {**case, "findings": {**case["findings"], "csf_ocb": "present"}}
    assert assess(with_bands).next_best[0].finding != "csf_ocb"
