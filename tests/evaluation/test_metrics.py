"""Metrics on hand-computed examples, and diagnosis mapping."""

from __future__ import annotations

import numpy as np
import pytest

from neurodiff.evaluation.metrics import (
    brier_score,
    evaluate_matrix,
    expected_calibration_error,
    ms_vs_als,
    ranks,
    reliability_bins,
)
from neurodiff.evaluation.reliability import reliability_svg
from neurodiff.evaluation.truth import disease_for_term
from neurodiff.knowledge.load import KnowledgeBase

P = np.array([[0.7, 0.2, 0.1], [0.3, 0.6, 0.1], [0.5, 0.1, 0.4]])
TRUTH = np.array([0, 0, 2])


def test_ranks_are_one_based_positions_of_the_truth() -> None:
    assert ranks(P, TRUTH).tolist() == [1, 2, 2]


def test_brier_score_matches_a_hand_computation() -> None:
    expected = (
        (0.3**2 + 0.2**2 + 0.1**2) + (0.7**2 + 0.6**2 + 0.1**2) + (0.5**2 + 0.1**2 + 0.6**2)
    ) / 3
    assert brier_score(P, TRUTH) == pytest.approx(expected)


def test_calibration_error_of_a_perfectly_calibrated_set_is_zero() -> None:
    # four cases at confidence 0.75, three right: calibrated
    p = np.array([[0.75, 0.25]] * 4)
    truth = np.array([0, 0, 0, 1])
    assert expected_calibration_error(reliability_bins(p, truth)) == pytest.approx(0.0)


def test_calibration_error_of_overconfident_predictions() -> None:
    p = np.array([[0.95, 0.05]] * 4)
    truth = np.array([0, 1, 0, 1])
    assert expected_calibration_error(reliability_bins(p, truth)) == pytest.approx(0.45)


def test_ms_vs_als_counts_only_ms_and_als_cases() -> None:
    p = np.array([[0.6, 0.3, 0.1], [0.5, 0.4, 0.1], [0.2, 0.1, 0.7]])
    cases, accuracy = ms_vs_als(p, np.array([0, 1, 2]), ms=0, als=1)
    assert cases == 2
    assert accuracy == pytest.approx(0.5)


def test_evaluate_matrix_reports_per_disease_and_confusion() -> None:
    metrics = evaluate_matrix(P, TRUTH, ("ms", "als", "other"))
    assert metrics.top1 == pytest.approx(1 / 3)
    assert metrics.top3 == 1.0
    # macro averages weigh each disease the same: ms 1/2, other 0/1 -> 0.25 (micro 1/3)
    assert metrics.macro_top1 == pytest.approx(0.25)
    per = metrics.per_disease
    assert metrics.macro_top1 == pytest.approx(sum(d.top1 for d in per.values()) / len(per))
    assert metrics.macro_top3 == pytest.approx(sum(d.top3 for d in per.values()) / len(per))
    assert metrics.per_disease["ms"].cases == 2
    assert metrics.confusion["ms"] == {"ms": 1, "als": 1}
    svg = reliability_svg(metrics.reliability, "test")
    assert svg.startswith("<svg") and "</svg>" in svg


@pytest.mark.parametrize(
    ("term", "label", "expected"),
    [
        ("OMIM:105400", "Amyotrophic lateral sclerosis 1", "als"),
        ("NEURODIFF:ms", "Multiple sclerosis", "ms"),
        ("MONDO:9999999", "Spastic paraplegia 4, autosomal dominant", "hsp"),
        ("OMIM:313200", "Spinal and bulbar muscular atrophy of Kennedy", "sbma"),
        ("OMIM:000000", "Migraine with aura", None),
    ],
)
def test_diagnosis_terms_map_by_id_then_label(
    kb: KnowledgeBase, term: str, label: str, expected: str | None
) -> None:
    assert disease_for_term(term, label, kb) == expected
