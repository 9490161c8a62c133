"""The adaptive interview: information gain, grouped questions, triage first, stop rule."""

from __future__ import annotations

import numpy as np
import pytest

from neurodiff.engine.answers import apply_answer
from neurodiff.engine.interview import interview_step
from neurodiff.engine.questions import information_gain
from neurodiff.engine.triage import triage
from neurodiff.errors import InvalidCaseError
from neurodiff.knowledge.load import KnowledgeBase
from neurodiff.models import Case, FindingState, Question, QuestionOption


def test_information_gain_is_zero_for_a_finding_every_disease_shares_equally() -> None:
    posterior = np.array([0.5, 0.3, 0.2])
    same = np.array([[0.4, 0.4, 0.4], [0.6, 0.6, 0.6]])
    gain, _ = information_gain(posterior, same)
    assert gain == pytest.approx(0.0, abs=1e-12)


def test_information_gain_of_a_perfect_test_is_the_entropy() -> None:
    posterior = np.array([0.5, 0.5])
    perfect = np.array([[1.0, 0.0], [0.0, 1.0]])
    gain, _ = information_gain(posterior, perfect)
    assert gain == pytest.approx(1.0)


def test_patient_mode_asks_only_questions_a_person_can_answer(kb: KnowledgeBase) -> None:
    case = {"age": 50, "findings": {"limb_weakness": "present", "fasciculations": "present"}}
    asked = 0
    for _ in range(6):
        step = interview_step(case, mode="patient", kb=kb)
        if step.question is None:
            break
        asked += 1
        for option in step.question.options:
            assert kb.finding(option.finding).patient_askable
        answer = (
            "no"
            if step.question.kind == "single"
            else ("none" if step.question.kind == "choice" else [])
        )
        case["findings"] = apply_answer(case["findings"], step.question, answer)
    assert asked >= 2


def test_a_group_is_asked_as_one_question_when_it_is_worth_more(kb: KnowledgeBase) -> None:
    kinds = set()
    findings: dict[str, FindingState] = {}
    for _ in range(12):
        step = interview_step({"age": 40, "findings": findings}, mode="patient", kb=kb)
        if step.question is None:
            break
        kinds.add(step.question.kind)
        answer = "unknown"
        findings = apply_answer(findings, step.question, answer)
    assert "single" in kinds and kinds & {"choice", "checklist"}


def test_red_flags_come_before_any_differential(kb: KnowledgeBase) -> None:
    step = interview_step({"findings": {"choking": "present"}}, mode="patient", kb=kb)
    assert step.triage.level == "emergency"
    assert step.triage.flags[0].finding == "choking"
    assert list(step.model_dump()).index("triage") < list(step.model_dump()).index("differential")


def test_findings_that_jointly_escalate_raise_the_level(kb: KnowledgeBase) -> None:
    states = np.full(len(kb.findings), -1, dtype=np.int8)
    ids = kb.finding_ids
    states[ids.index("breathing_problems")] = 1
    assert triage(states, kb).level == "urgent"
    states[ids.index("orthopnea")] = 1
    result = triage(states, kb)
    assert result.level == "emergency"
    assert result.flags[0].finding == "respiratory_weakness"
    assert set(result.flags[0].findings) == {"breathing_problems", "orthopnea"}


def test_no_symptoms_means_no_triage_and_no_early_stop(kb: KnowledgeBase) -> None:
    step = interview_step({"findings": {}}, mode="patient", kb=kb)
    assert step.triage.level == "none"
    assert not step.should_stop and step.question is not None


def test_stop_rule_triggers_when_the_leader_is_certain(kb: KnowledgeBase) -> None:
    case = Case(
        age=62,
        sex="male",
        findings={
            "onset_limb_weakness": "present",
            "fasciculations": "present",
            "muscle_atrophy": "present",
            "hyperreflexia": "present",
            "babinski": "present",
            "emg_denervation": "present",
            "sensory_symptoms": "absent",
            "course_progressive": "present",
        },
    )
    step = interview_step(case, mode="clinician", kb=kb)
    assert step.should_stop and step.question is None
    assert step.differential[0].id == "als"
    assert "lower 95 % bound" in (step.stop_reason or "")


def test_stop_rule_triggers_after_the_maximum(kb: KnowledgeBase) -> None:
    findings = {fid: "unknown" for fid in kb.finding_ids[:5]}
    step = interview_step({"findings": findings}, mode="patient", kb=kb, max_questions=5)
    assert step.should_stop and "maximum 5" in (step.stop_reason or "")


def test_answers_are_applied_as_the_question_kind_says() -> None:
    options = [QuestionOption(finding=f, label=f) for f in ("a", "b", "c")]
    choice = Question(
        id="g",
        kind="choice",
        text="?",
        options=options,
        category="history",
        gain_bits=0,
        cost=1,
        reason="",
    )
    assert apply_answer({}, choice, "b") == {"a": "absent", "b": "present", "c": "absent"}
    assert apply_answer({}, choice, "none") == {"a": "absent", "b": "absent", "c": "absent"}
    checklist = choice.model_copy(update={"kind": "checklist"})
    assert apply_answer({}, checklist, ["a", "c"]) == {
        "a": "present",
        "b": "absent",
        "c": "present",
    }
    assert apply_answer({}, checklist, "unknown") == {
        "a": "unknown",
        "b": "unknown",
        "c": "unknown",
    }
    with pytest.raises(InvalidCaseError):
        apply_answer({}, choice, "z")
