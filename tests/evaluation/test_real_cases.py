"""The real-case set (tests/data/cases): published patients, encoded with their sources.

Thresholds here are the acceptance figures of the issues; the per-disease figures are
printed by `neurodiff eval tests/data/cases`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from neurodiff.evaluation.run import Evaluation, evaluate_directory
from neurodiff.knowledge.load import KnowledgeBase

CASES = Path(__file__).parents[1] / "data" / "cases"


@pytest.fixture(scope="module")
def evaluation(kb: KnowledgeBase) -> Evaluation:
    return evaluate_directory(CASES, kb)


def test_every_case_file_is_a_usable_phenopacket(evaluation: Evaluation) -> None:
    assert evaluation.skipped == []
    assert len(evaluation.results) >= 100


def test_ms_versus_als_ranking_is_right_in_at_least_95_percent(evaluation: Evaluation) -> None:
    metrics = evaluation.metrics
    assert metrics.ms_vs_als_cases >= 35
    assert metrics.ms_vs_als_accuracy is not None
    assert metrics.ms_vs_als_accuracy >= 0.95


def test_ms_and_als_cases_rank_their_disease_first(evaluation: Evaluation) -> None:
    for disease_id in ("ms", "als"):
        assert evaluation.metrics.per_disease[disease_id].top1 >= 0.85
