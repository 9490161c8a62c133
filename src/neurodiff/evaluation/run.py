"""Evaluate the engine on a folder of phenopackets (I/O lives here, the maths in metrics)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from neurodiff.engine.assess import assess
from neurodiff.errors import InvalidCaseError
from neurodiff.evaluation.metrics import Metrics, evaluate_matrix
from neurodiff.evaluation.truth import disease_for_term
from neurodiff.interop.case_input import read_json_file
from neurodiff.interop.phenopacket import case_from_phenopacket, disease_terms
from neurodiff.knowledge.load import KnowledgeBase


@dataclass(frozen=True)
class CaseResult:
    path: Path
    truth: str
    probabilities: dict[str, float]


@dataclass(frozen=True)
class Evaluation:
    metrics: Metrics
    results: list[CaseResult]
    skipped: list[tuple[Path, str]]


def evaluate_directory(
    directory: Path,
    kb: KnowledgeBase,
    *,
    setting: str = "neurology",
    progress: Callable[[int, int], None] | None = None,
) -> Evaluation:
    """Assess every phenopacket under ``directory`` whose diagnosis maps to a modelled disease."""
    if not directory.is_dir():
        raise InvalidCaseError("not a directory", field=str(directory))
    paths = sorted(directory.rglob("*.json"))
    if not paths:
        raise InvalidCaseError("no .json phenopackets found", field=str(directory))
    results: list[CaseResult] = []
    skipped: list[tuple[Path, str]] = []
    for done, path in enumerate(paths, start=1):
        if progress:
            progress(done, len(paths))
        data = read_json_file(path)
        if not isinstance(data, dict) or "phenotypicFeatures" not in data:
            skipped.append((path, "not a phenopacket"))
            continue
        terms = disease_terms(data)
        truth = disease_for_term(*terms[0], kb) if terms else None
        if truth is None:
            skipped.append((path, f"diagnosis not modelled: {terms[0] if terms else 'none'}"))
            continue
        result = assess(case_from_phenopacket(data, setting=setting, source=str(path)), kb=kb)
        results.append(
            CaseResult(
                path=path,
                truth=truth,
                probabilities={d.id: d.probability for d in result.differential},
            )
        )
    if not results:
        raise InvalidCaseError("no phenopacket with a modelled diagnosis", field=str(directory))
    ids = kb.disease_ids
    matrix = np.array([[r.probabilities[d] for d in ids] for r in results])
    matrix /= matrix.sum(axis=1, keepdims=True)
    truth_index = np.array([ids.index(r.truth) for r in results], dtype=np.intp)
    metrics = evaluate_matrix(matrix, truth_index, ids)
    return Evaluation(metrics=metrics, results=results, skipped=skipped)
