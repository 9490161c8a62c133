"""Ranking and calibration metrics (pure functions over probability matrices).

``probabilities``: (N, D) rows summing to 1; ``truth``: (N,) column indices.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel, Field

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.intp]


class ReliabilityBin(BaseModel):
    low: float
    high: float
    count: int
    confidence: float
    accuracy: float


class DiseaseScore(BaseModel):
    cases: int
    top1: float
    top3: float
    mean_reciprocal_rank: float


class Metrics(BaseModel):
    cases: int
    top1: float
    top3: float
    mean_reciprocal_rank: float
    macro_top1: float = Field(description="top-1 averaged over diseases (each weighs the same)")
    macro_top3: float = Field(description="top-3 averaged over diseases (each weighs the same)")
    brier: float
    expected_calibration_error: float
    ms_vs_als_cases: int
    ms_vs_als_accuracy: float | None
    per_disease: dict[str, DiseaseScore]
    confusion: dict[str, dict[str, int]]
    reliability: list[ReliabilityBin]


def ranks(probabilities: FloatArray, truth: IntArray) -> IntArray:
    """1-based rank of the true disease (ties broken against the truth)."""
    true_p = probabilities[np.arange(truth.size), truth]
    result: IntArray = 1 + (probabilities > true_p[:, None]).sum(axis=1)
    return result


def brier_score(probabilities: FloatArray, truth: IntArray) -> float:
    """Multi-class Brier score: mean squared distance to the one-hot truth (0 best, 2 worst)."""
    onehot = np.zeros_like(probabilities)
    onehot[np.arange(truth.size), truth] = 1.0
    return float(((probabilities - onehot) ** 2).sum(axis=1).mean())


def reliability_bins(
    probabilities: FloatArray, truth: IntArray, bins: int = 10
) -> list[ReliabilityBin]:
    """Top-label reliability: confidence of the top disease against how often it is right."""
    confidence = probabilities.max(axis=1)
    correct = probabilities.argmax(axis=1) == truth
    edges = np.linspace(0.0, 1.0, bins + 1)
    index = np.clip(np.digitize(confidence, edges[1:-1]), 0, bins - 1)
    result = []
    for b in range(bins):
        chosen = index == b
        count = int(chosen.sum())
        result.append(
            ReliabilityBin(
                low=float(edges[b]),
                high=float(edges[b + 1]),
                count=count,
                confidence=float(confidence[chosen].mean()) if count else 0.0,
                accuracy=float(correct[chosen].mean()) if count else 0.0,
            )
        )
    return result


def expected_calibration_error(bins: list[ReliabilityBin]) -> float:
    total = sum(b.count for b in bins)
    if not total:
        return 0.0
    return float(sum(b.count * abs(b.confidence - b.accuracy) for b in bins) / total)


def ms_vs_als(
    probabilities: FloatArray, truth: IntArray, ms: int, als: int
) -> tuple[int, float | None]:
    """Among MS and ALS cases: share where the true one of the two is ranked above the other."""
    chosen = (truth == ms) | (truth == als)
    if not chosen.any():
        return 0, None
    other = np.where(truth[chosen] == ms, als, ms)
    rows = np.flatnonzero(chosen)
    right = probabilities[rows, truth[chosen]] > probabilities[rows, other]
    return int(chosen.sum()), float(right.mean())


def evaluate_matrix(
    probabilities: FloatArray, truth: IntArray, disease_ids: tuple[str, ...]
) -> Metrics:
    """All metrics for a set of cases with known diagnoses."""
    rank = ranks(probabilities, truth)
    bins = reliability_bins(probabilities, truth)
    ms_cases, ms_accuracy = ms_vs_als(
        probabilities, truth, disease_ids.index("ms"), disease_ids.index("als")
    )
    predicted = probabilities.argmax(axis=1)
    per_disease = {}
    confusion: dict[str, dict[str, int]] = {}
    for d, disease_id in enumerate(disease_ids):
        chosen = truth == d
        if not chosen.any():
            continue
        per_disease[disease_id] = DiseaseScore(
            cases=int(chosen.sum()),
            top1=float((rank[chosen] == 1).mean()),
            top3=float((rank[chosen] <= 3).mean()),
            mean_reciprocal_rank=float((1.0 / rank[chosen]).mean()),
        )
        counts = np.bincount(predicted[chosen], minlength=len(disease_ids))
        confusion[disease_id] = {disease_ids[k]: int(counts[k]) for k in np.flatnonzero(counts)}
    return Metrics(
        cases=int(truth.size),
        top1=float((rank == 1).mean()),
        top3=float((rank <= 3).mean()),
        mean_reciprocal_rank=float((1.0 / rank).mean()),
        macro_top1=float(np.mean([score.top1 for score in per_disease.values()])),
        macro_top3=float(np.mean([score.top3 for score in per_disease.values()])),
        brier=brier_score(probabilities, truth),
        expected_calibration_error=expected_calibration_error(bins),
        ms_vs_als_cases=ms_cases,
        ms_vs_als_accuracy=ms_accuracy,
        per_disease=per_disease,
        confusion=confusion,
        reliability=bins,
    )
