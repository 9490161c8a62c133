"""The next most useful question or test: expected information gain per unit cost.

For every finding not yet answered, the gain is the expected fall in the entropy (bits)
of the differential if it were asked, averaging over the answers the current evidence
predicts. Gains are divided by the finding's cost (history < examination < blood <
imaging < neurophysiology < CSF < genetics; ``meta.yaml``). In ``patient`` mode only
questions a person can answer about themselves are offered.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
from numpy.typing import NDArray

from neurodiff.engine.likelihood import PRESENT, UNKNOWN, States
from neurodiff.engine.model import FloatArray, Model
from neurodiff.engine.predictive import predictive_present
from neurodiff.knowledge.load import KnowledgeBase
from neurodiff.models import Mode, Sex


@dataclass(frozen=True)
class Candidate:
    finding: int
    gain_bits: float
    cost: float
    separates: tuple[int, ...]

    @property
    def gain_per_cost(self) -> float:
        return self.gain_bits / self.cost


def candidate_findings(
    states: States,
    asked: NDArray[np.bool_],
    kb: KnowledgeBase,
    model: Model,
    mode: Mode,
    sex: Sex = Sex.unknown,
) -> NDArray[np.intp]:
    """Findings worth considering: unanswered, askable in this mode, category still open,
    and not male-only in a woman."""
    open_ = (states == UNKNOWN) & ~asked
    if sex is Sex.female:
        open_ &= ~np.array([f.male_only for f in kb.findings])
    for members in model.structure.exclusive:
        if (states[members] == PRESENT).any():
            open_[members] = False
    if mode is Mode.patient:
        open_ &= np.array([f.patient_askable for f in kb.findings])
    return np.flatnonzero(open_)


def rank_next_steps(
    states: States,
    posterior: FloatArray,
    candidates: NDArray[np.intp],
    kb: KnowledgeBase,
    model: Model,
    *,
    limit: int = 10,
) -> list[Candidate]:
    """The ``limit`` best candidates by gain per unit cost; ``posterior`` is (D,)."""
    if candidates.size == 0:
        return []
    p_yes = np.clip(predictive_present(states, model.point, model.structure)[:, candidates].T, 0, 1)
    gains, shifts = expected_information_gain(posterior, p_yes)
    costs = costs_by_finding(kb)[candidates]
    ratio = gains / costs
    order = np.lexsort((candidates, -ratio))[:limit]
    best: list[Candidate] = []
    for j in order:
        movers = np.argsort(-shifts[j])[:3]
        best.append(
            Candidate(
                finding=int(candidates[j]),
                gain_bits=float(gains[j]),
                cost=float(costs[j]),
                separates=tuple(int(d) for d in movers if shifts[j, d] > 0.01),
            )
        )
    return best


@cache
def costs_by_finding(kb: KnowledgeBase) -> FloatArray:
    """The cost of finding out each finding, by its category (meta.yaml costs)."""
    return np.array([kb.meta.costs[f.category] for f in kb.findings], dtype=np.float64)


def expected_information_gain(
    posterior: FloatArray, p_yes_given_disease: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """Expected entropy reduction (bits) for each candidate, and how far each disease moves.

    ``posterior``: (D,); ``p_yes_given_disease``: (C, D) probability of a 'present'
    answer under each disease. Returns gains (C,) and |P(d | yes) - P(d | no)| (C, D).
    """
    joint_yes = posterior[None, :] * p_yes_given_disease
    joint_no = posterior[None, :] * (1.0 - p_yes_given_disease)
    p_yes = joint_yes.sum(axis=1)
    p_no = joint_no.sum(axis=1)
    post_yes = joint_yes / np.where(p_yes > 0, p_yes, 1.0)[:, None]
    post_no = joint_no / np.where(p_no > 0, p_no, 1.0)[:, None]
    expected = p_yes * _entropy(post_yes) + p_no * _entropy(post_no)
    gains = np.maximum(_entropy(posterior[None, :])[0] - expected, 0.0)
    return gains, np.abs(post_yes - post_no)


def _entropy(probabilities: FloatArray) -> FloatArray:
    safe = np.where(probabilities > 0, probabilities, 1.0)
    result: FloatArray = -(probabilities * np.log2(safe)).sum(axis=-1)
    return result
