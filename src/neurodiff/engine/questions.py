"""Questions for the interview: single findings, or groups asked at once.

A group with a ``question`` in groups.yaml can be asked as one multiple-choice question
(exclusive groups: the first symptom, the speed of onset, the course) or one checklist
(correlated groups: e.g. bulbar symptoms). Its expected information gain is computed over
all joint answers, so a group is chosen only when asking it at once is worth more per
unit cost than the best single question.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from neurodiff.engine.likelihood import ABSENT, PRESENT, States, log_likelihood
from neurodiff.engine.model import FloatArray, Model
from neurodiff.engine.next_best import (
    candidate_findings,
    costs_by_finding,
    expected_information_gain,
)
from neurodiff.engine.predictive import predictive_present
from neurodiff.knowledge.load import KnowledgeBase
from neurodiff.knowledge.schema import GroupKind
from neurodiff.models import Mode, Question, QuestionOption, Sex

MAX_CHECKLIST = 6
OPTION_COST = 0.25  # each extra option costs a quarter of a question to read and answer


@dataclass(frozen=True)
class QuestionCandidate:
    id: str
    kind: str
    members: tuple[int, ...]
    gain_bits: float
    cost: float
    shifts: FloatArray

    @property
    def gain_per_cost(self) -> float:
        return self.gain_bits / self.cost


def information_gain(
    posterior: FloatArray, outcome_given_disease: FloatArray
) -> tuple[float, FloatArray]:
    """Expected entropy reduction over K outcomes; ``outcome_given_disease`` is (K, D).

    Also returns each disease's expected absolute change in probability.
    """
    joint = outcome_given_disease * posterior[None, :]
    p_outcome = joint.sum(axis=1)
    after = joint / np.where(p_outcome > 0, p_outcome, 1.0)[:, None]
    entropy = _entropy(posterior[None, :])[0]
    expected = float((p_outcome * _entropy(after)).sum())
    shifts = (p_outcome[:, None] * np.abs(after - posterior[None, :])).sum(axis=0)
    return max(entropy - expected, 0.0), shifts


def question_candidates(
    states: States,
    posterior: FloatArray,
    asked: NDArray[np.bool_],
    kb: KnowledgeBase,
    model: Model,
    mode: Mode,
    sex: Sex = Sex.unknown,
) -> list[QuestionCandidate]:
    """Every single and group question worth considering, best gain per cost first."""
    open_findings = candidate_findings(states, asked, kb, model, mode, sex)
    costs = costs_by_finding(kb)
    predictive = predictive_present(states, model.point, model.structure)
    singles_yes = predictive[:, open_findings].T
    gains, shifts = expected_information_gain(posterior, singles_yes)
    candidates = [
        QuestionCandidate(
            id=kb.findings[int(finding)].id,
            kind="single",
            members=(int(finding),),
            gain_bits=float(gains[j]),
            cost=float(costs[finding]),
            shifts=shifts[j],
        )
        for j, finding in enumerate(open_findings)
    ]
    open_set = set(open_findings.tolist())
    index = {fid: i for i, fid in enumerate(kb.finding_ids)}
    for group in kb.groups:
        if not group.question:
            continue
        members = tuple(index[m] for m in group.members if index[m] in open_set)
        if len(members) < 2:
            continue
        if group.kind is GroupKind.exclusive:
            if len(members) != len(group.members):
                continue
            categories = predictive[:, list(members)].T
            outcome = np.vstack([categories, np.clip(1.0 - categories.sum(axis=0), 0.0, 1.0)])
            kind = "choice"
        else:
            members = members[:MAX_CHECKLIST]
            outcome = _checklist_outcomes(states, members, model)
            kind = "checklist"
        gain, shifts = information_gain(posterior, outcome)
        cost = float(max(costs[list(members)])) * (1.0 + OPTION_COST * (len(members) - 1))
        candidates.append(
            QuestionCandidate(
                id=group.id,
                kind=kind,
                members=members,
                gain_bits=gain,
                cost=cost,
                shifts=shifts,
            )
        )
    screen = _screen_candidate(states, posterior, candidates, costs, model)
    if screen is not None:
        candidates.append(screen)
    candidates.sort(key=lambda c: (-c.gain_per_cost, c.id))
    return candidates


SCREEN_ID = "symptom_screen"
SCREEN_TEXT = "Which of these do you have? Tick every one that applies."
SCREEN_TEXT_CLINICIAN = "Which of these are present?"
SCREEN_SIZE = 5


def _screen_candidate(
    states: States,
    posterior: FloatArray,
    candidates: list[QuestionCandidate],
    costs: FloatArray,
    model: Model,
) -> QuestionCandidate | None:
    """A checklist of the most informative single questions of the cheapest kind
    ("Which of these do you have?"), valued over all their joint answers."""
    singles = [c for c in candidates if c.kind == "single"]
    if not singles:
        return None
    cheapest = min(c.cost for c in singles)
    pool = sorted((c for c in singles if c.cost == cheapest), key=lambda c: (-c.gain_bits, c.id))[
        :SCREEN_SIZE
    ]
    if len(pool) < 3:
        return None
    members = tuple(c.members[0] for c in pool)
    gain, shifts = information_gain(posterior, _checklist_outcomes(states, members, model))
    return QuestionCandidate(
        id=SCREEN_ID,
        kind="checklist",
        members=members,
        gain_bits=gain,
        cost=cheapest * (1.0 + OPTION_COST * (len(members) - 1)),
        shifts=shifts,
    )


def _checklist_outcomes(states: States, members: tuple[int, ...], model: Model) -> FloatArray:
    """(2^m, D) probability of every joint present/absent answer to the members."""
    patterns = np.array(list(itertools.product([PRESENT, ABSENT], repeat=len(members))))
    trial = np.repeat(states[None, :], patterns.shape[0], axis=0)
    trial[:, list(members)] = patterns
    base = log_likelihood(states[None, :], model.point, model.structure)[0, 0]
    result: FloatArray = np.exp(log_likelihood(trial, model.point, model.structure)[0] - base)
    return result


def to_question(
    candidate: QuestionCandidate, kb: KnowledgeBase, mode: Mode = Mode.clinician
) -> Question:
    """The question as shown to the person, with the reason for asking it."""
    findings = [kb.findings[i] for i in candidate.members]
    if candidate.kind == "single":
        text = findings[0].question
    elif candidate.id == SCREEN_ID:
        text = SCREEN_TEXT if mode is Mode.patient else SCREEN_TEXT_CLINICIAN
    else:
        group = next(g for g in kb.groups if g.id == candidate.id)
        plain = group.patient_question if mode is Mode.patient else None
        text = plain or group.question or group.label
    movers = [kb.diseases[int(d)] for d in np.argsort(-candidate.shifts)[:2]]
    if mode is Mode.patient:
        names = " and ".join(d.plain_name for d in movers)
        reason = f"Your answer helps tell apart {names}."
    else:
        reason = (
            f"Expected to narrow the differential by {candidate.gain_bits:.2f} bits "
            f"(cost {candidate.cost:g}); the answer matters most for "
            f"{' and '.join(d.name for d in movers)}."
        )
    return Question(
        id=candidate.id,
        kind=candidate.kind,
        text=text,
        options=[
            QuestionOption(finding=f.id, label=f.plain if f.patient_askable else f.label, hpo=f.hpo)
            for f in findings
        ],
        category=findings[0].category.value,
        gain_bits=round(candidate.gain_bits, 4),
        cost=candidate.cost,
        reason=reason,
    )


def _entropy(probabilities: FloatArray) -> FloatArray:
    safe = np.where(probabilities > 0, probabilities, 1.0)
    result: FloatArray = -(probabilities * np.log2(safe)).sum(axis=-1)
    return result
