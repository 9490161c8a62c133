"""assess(case) -> Assessment: the differential, its evidence, and what to ask next.

>>> from neurodiff import assess
>>> result = assess({"age": 30, "sex": "female", "findings": {"optic_neuritis": "present"}})
>>> result.differential[0].id
'ms'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from neurodiff.engine.explain import Explanation, explain
from neurodiff.engine.formal import formal_results, tests_that_complete
from neurodiff.engine.model import FloatArray, Model, compile_model
from neurodiff.engine.next_best import Candidate, candidate_findings, rank_next_steps
from neurodiff.engine.observations import Observations, resolve
from neurodiff.engine.posterior import Demographics, credible_intervals
from neurodiff.engine.triage import triage
from neurodiff.errors import InvalidCaseError
from neurodiff.interop.case_input import case_from_mapping
from neurodiff.knowledge.load import KnowledgeBase, load_knowledge
from neurodiff.knowledge.schema import Category
from neurodiff.models import (
    Assessment,
    Case,
    DemographicEvidence,
    DifferentialEntry,
    Evidence,
    FindingState,
    Mode,
    NextStep,
)

NEXT_STEPS_SHOWN = 5
MAX_QUESTIONS = 30
KIND_BY_CATEGORY = {Category.history: "question", Category.examination: "examination"}


def assess(
    case: Case | Mapping[str, Any],
    *,
    kb: KnowledgeBase | None = None,
    mode: Mode | str = Mode.clinician,
    setting: str | None = None,
) -> Assessment:
    """Assess a Case (or a Case dict, or a Phenopacket v2 dict).

    ``setting`` overrides the case's setting. Raises InvalidCaseError (or its subclass
    UnknownTermError) with a one-line message for bad input.
    """
    kb = kb or load_knowledge()
    model = compile_model(kb)
    parsed = case_from_mapping(case)
    if setting is not None:
        parsed = parsed.model_copy(update={"setting": setting})
    _check_setting(parsed.setting, kb)
    mode = Mode(mode)
    observations = resolve(parsed.findings, kb, parsed.sex)
    demographics = Demographics.single(parsed.age, parsed.sex.value, parsed.onset_age)
    states = observations.states
    explanation = explain(states, demographics, parsed.setting, model)
    posterior = explanation.posterior
    intervals = credible_intervals(states[None, :], demographics, parsed.setting, model)[0]
    asked = observations.asked()
    candidates = candidate_findings(states, asked, kb, model, mode, parsed.sex)
    ranked = rank_next_steps(states, posterior, candidates, kb, model)
    should_stop, reason = stop_rule(intervals, posterior, ranked, observations, kb)
    case_triage = triage(states, kb)
    criteria = formal_results(parsed.criteria)
    steps = _with_criteria_tests(
        [_next_step(c, kb) for c in ranked[:NEXT_STEPS_SHOWN]], criteria, states, kb
    )
    return Assessment(
        differential=_differential(posterior, intervals, kb),
        evidence=_evidence(observations, explanation, kb, model),
        demographics=_demographic_evidence(parsed, explanation, kb),
        unmodelled=list(observations.unmodelled),
        next_best=steps,
        should_stop=should_stop,
        stop_reason=reason,
        red_flags=case_triage.flags,
        triage=case_triage,
        criteria=criteria,
        setting=parsed.setting,
        knowledge_version=kb.version,
        disclaimer=kb.meta.disclaimer,
    )


def stop_rule(
    intervals: FloatArray,
    posterior: FloatArray,
    ranked: list[Candidate],
    observations: Observations,
    kb: KnowledgeBase,
) -> tuple[bool, str | None]:
    """Stop when the leading disease is certain enough, nothing is worth asking, or enough."""
    top = int(np.argmax(posterior))
    answered = observations.answered
    if intervals[top, 0] >= kb.meta.stop_threshold and answered >= kb.meta.min_answers:
        return True, (
            f"the lower 95 % bound for {kb.diseases[top].id} is {intervals[top, 0]:.2f} "
            f"(threshold {kb.meta.stop_threshold})"
        )
    if not ranked or ranked[0].gain_per_cost < kb.meta.min_gain_per_cost:
        return True, "no remaining question or test is worth its cost"
    if answered >= MAX_QUESTIONS:
        return True, f"{answered} findings answered (maximum {MAX_QUESTIONS})"
    return False, None


def _check_setting(setting: str, kb: KnowledgeBase) -> None:
    if setting not in kb.meta.settings:
        raise InvalidCaseError(
            f"unknown setting {setting!r}; use one of {', '.join(sorted(kb.meta.settings))}",
            field="setting",
        )


def _differential(
    posterior: FloatArray, intervals: FloatArray, kb: KnowledgeBase
) -> list[DifferentialEntry]:
    order = sorted(range(posterior.size), key=lambda d: (-posterior[d], d))
    return [
        DifferentialEntry(
            id=kb.diseases[d].id,
            name=kb.diseases[d].name,
            probability=_significant(posterior[d]),
            interval=(
                _significant(min(intervals[d, 0], posterior[d])),
                _significant(max(intervals[d, 1], posterior[d])),
            ),
        )
        for d in order
    ]


def _significant(value: float) -> float:
    """Six significant digits: small probabilities keep their precision."""
    return float(f"{float(value):.6g}")


def _evidence(
    observations: Observations, explanation: Explanation, kb: KnowledgeBase, model: Model
) -> list[Evidence]:
    disease_ids = kb.disease_ids
    ratios = np.round(explanation.finding_log10_lr, 4).tolist()
    rows = []
    for step, column in enumerate(explanation.finding_order.tolist()):
        finding = kb.findings[column]
        rows.append(
            Evidence(
                finding=finding.id,
                hpo=finding.hpo,
                label=finding.label,
                state=FindingState.present
                if observations.states[column] == 1
                else FindingState.absent,
                log10_lr=dict(zip(disease_ids, ratios[step], strict=True)),
                sources=list(model.finding_sources[column]),
                via=list(observations.via.get(column, ())),
            )
        )
    return rows


def _demographic_evidence(
    case: Case, explanation: Explanation, kb: KnowledgeBase
) -> list[DemographicEvidence]:
    rows = []
    for factor, value, ratios in (
        ("age", _age_text(case), explanation.age_log10_lr),
        ("sex", case.sex.value, explanation.sex_log10_lr),
    ):
        if ratios is None:
            continue
        models = [getattr(d, factor) for d in kb.diseases]
        if factor == "age" and case.age is not None:  # the delay enters with the current age
            models += [d.delay for d in kb.diseases if d.delay is not None]
        sources = sorted({model.source for model in models if model.source})
        rows.append(
            DemographicEvidence(
                factor=factor,
                value=value,
                log10_lr=dict(zip(kb.disease_ids, np.round(ratios, 4).tolist(), strict=True)),
                sources=sources,
            )
        )
    return rows


def _age_text(case: Case) -> str:
    if case.onset_age is None:
        return f"{case.age:g}" if case.age is not None else ""
    if case.age is None:
        return f"onset at {case.onset_age:g}"
    return f"{case.age:g}, symptoms for {case.age - case.onset_age:g} years"


def _with_criteria_tests(
    steps: list[NextStep], criteria: list[dict[str, Any]], states: Any, kb: KnowledgeBase
) -> list[NextStep]:
    """Put first the unanswered tests that would complete an unmet criterion."""
    chosen: list[NextStep] = []
    for finding_id, reason in tests_that_complete(criteria):
        column = kb.finding_ids.index(finding_id)
        if states[column] != -1 or any(s.finding == finding_id for s in chosen):
            continue
        criterion_test = Candidate(finding=column, gain_bits=0.0, cost=0.0, separates=())
        chosen.append(_next_step(criterion_test, kb, reason=f"completes a criterion: {reason}"))
    return chosen + [s for s in steps if s.finding not in {c.finding for c in chosen}]


def _next_step(candidate: Candidate, kb: KnowledgeBase, reason: str | None = None) -> NextStep:
    finding = kb.findings[candidate.finding]
    cost = candidate.cost or kb.meta.costs[finding.category]
    return NextStep(
        finding=finding.id,
        hpo=finding.hpo,
        label=finding.label,
        kind=KIND_BY_CATEGORY.get(finding.category, "test"),
        category=finding.category.value,
        gain_bits=round(candidate.gain_bits, 4),
        cost=cost,
        gain_per_cost=round(candidate.gain_bits / cost, 5),
        question=finding.question,
        separates=[kb.diseases[d].id for d in candidate.separates],
        reason=reason,
    )


def next_best(
    case: Case | Mapping[str, Any],
    *,
    mode: Mode | str = Mode.patient,
    kb: KnowledgeBase | None = None,
) -> list[NextStep]:
    """The most useful next questions (patient mode) or questions and tests (clinician)."""
    return assess(case, kb=kb, mode=mode).next_best
