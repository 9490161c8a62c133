"""One step of the adaptive interview (stateless: the caller resends all answers).

>>> step = interview_step({"findings": {}}, mode="patient")
>>> step.question is not None and step.triage.level
'none'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from pydantic import BaseModel, Field

from neurodiff.engine.assess import MAX_QUESTIONS, assess
from neurodiff.engine.model import compile_model
from neurodiff.engine.observations import resolve
from neurodiff.engine.posterior import Demographics, log_posterior
from neurodiff.engine.questions import question_candidates, to_question
from neurodiff.engine.triage import triage
from neurodiff.interop.case_input import case_from_mapping
from neurodiff.knowledge.load import KnowledgeBase, load_knowledge
from neurodiff.models import Case, DifferentialEntry, Mode, Question, Triage


class InterviewStep(BaseModel):
    """What to show now: triage first, then the next question and the running differential."""

    triage: Triage
    question: Question | None
    differential: list[DifferentialEntry]
    should_stop: bool
    stop_reason: str | None
    answered: int = Field(description="Findings answered so far (including don't know).")
    mode: str
    disclaimer: str


def interview_step(
    case: Case | Mapping[str, Any],
    *,
    mode: Mode | str = Mode.patient,
    kb: KnowledgeBase | None = None,
    max_questions: int = MAX_QUESTIONS,
    min_gain: float | None = None,
) -> InterviewStep:
    """The next question (single or grouped) for the evidence so far, or why to stop.

    Stops when the leading disease's lower 95 % bound reaches ``stop_threshold`` (after
    ``min_answers``), when no question gains ``min_gain`` bits per unit cost (default: in
    patient mode ``meta.interview_min_gain`` times the remaining entropy, for clinicians
    ``meta.min_gain_per_cost``), or after ``max_questions``.
    """
    kb = kb or load_knowledge()
    model = compile_model(kb)
    mode = Mode(mode)
    parsed = case_from_mapping(case)
    assessment = assess(parsed, kb=kb, mode=mode)
    observations = resolve(parsed.findings, kb, parsed.sex)
    states = observations.states
    demographics = Demographics.single(parsed.age, parsed.sex.value, parsed.onset_age)
    posterior = np.exp(log_posterior(states[None, :], demographics, parsed.setting, model))[0, 0]
    asked = observations.asked()
    candidates = question_candidates(states, posterior, asked, kb, model, mode, parsed.sex)
    answered = observations.answered
    best = candidates[0] if candidates else None
    leader = assessment.differential[0]
    # In patient mode the bar is relative: stop when no question is expected to remove
    # `interview_min_gain` of the remaining uncertainty (bits) per unit cost.
    remaining = float(-(posterior * np.log2(np.where(posterior > 0, posterior, 1.0))).sum())
    threshold = (
        kb.meta.interview_min_gain * remaining
        if mode is Mode.patient
        else kb.meta.min_gain_per_cost
    )
    reason: str | None = None
    if leader.interval[0] >= kb.meta.stop_threshold and answered >= kb.meta.min_answers:
        reason = (
            f"the lower 95 % bound for {leader.id} is {leader.interval[0]:.2f} "
            f"(threshold {kb.meta.stop_threshold})"
        )
    elif best is None:
        reason = "no question left to ask"
    elif answered >= kb.meta.min_answers and best.gain_per_cost < (
        threshold if min_gain is None else min_gain
    ):
        reason = "no remaining question is worth asking"
    elif answered >= max_questions:
        reason = f"{answered} answers given (maximum {max_questions})"
    question = None if reason or best is None else to_question(best, kb, mode)
    return InterviewStep(
        triage=triage(states, kb),
        question=question,
        differential=assessment.differential,
        should_stop=question is None,
        stop_reason=reason,
        answered=answered,
        mode=mode.value,
        disclaimer=kb.meta.patient_disclaimer if mode is Mode.patient else kb.meta.disclaimer,
    )
