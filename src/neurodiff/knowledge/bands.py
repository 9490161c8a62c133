"""The article-style comparison table, derived from the knowledge base's own numbers.

Each cell's band ('Yes', 'Yes (less common)', 'Yes (less severe)', 'Rare', 'No')
follows from the disease's frequency of the finding over its course and its typical
severity, compared with the other diseases in the row (rules in comparison.yaml).

>>> table = comparison_table(load_knowledge(), ["als", "ms"])
>>> table.rows[7].label, table.rows[7].bands
('Vision changes', {'als': 'No', 'ms': 'Yes'})
"""

from __future__ import annotations

from pydantic import BaseModel

from neurodiff.errors import InvalidCaseError
from neurodiff.knowledge.load import KnowledgeBase, load_knowledge
from neurodiff.knowledge.schema import SEVERITY_LEVEL, Band, BandRules, Estimate, Severity

__all__ = ["ComparisonRow", "ComparisonTable", "comparison_table", "load_knowledge"]


class ComparisonRow(BaseModel):
    finding: str
    label: str
    bands: dict[str, Band]
    frequencies: dict[str, float]
    sources: dict[str, list[str]]


class ComparisonTable(BaseModel):
    diseases: list[str]
    names: dict[str, str]
    source: str
    rows: list[ComparisonRow]


def comparison_table(
    kb: KnowledgeBase, disease_ids: list[str], *, include_extra: bool = True
) -> ComparisonTable:
    """The comparison of ``disease_ids`` (article rows first, in the article's order)."""
    for disease_id in disease_ids:
        if not kb.has_disease(disease_id):
            raise InvalidCaseError(
                f"unknown disease {disease_id!r}; use one of {', '.join(kb.disease_ids)}",
                field="diseases",
            )
    if len(set(disease_ids)) < 2:
        raise InvalidCaseError("compare needs at least two different diseases", field="diseases")
    rows = kb.comparison.article_rows + (kb.comparison.extra_rows if include_extra else [])
    return ComparisonTable(
        diseases=list(disease_ids),
        names={d: kb.disease(d).name for d in disease_ids},
        source=kb.comparison.source,
        rows=[_row(kb, row.finding, row.label, disease_ids) for row in rows],
    )


def _row(kb: KnowledgeBase, finding_id: str, label: str, disease_ids: list[str]) -> ComparisonRow:
    frequency: dict[str, float] = {}
    severity: dict[str, Severity] = {}
    sources: dict[str, list[str]] = {}
    estimate: Estimate
    for disease_id in disease_ids:
        entry = kb.disease(disease_id).findings.get(finding_id)
        if entry is not None and entry.course is not None:
            frequency[disease_id] = entry.course.p
            severity[disease_id] = entry.course.severity
            estimate = entry.course
        elif entry is not None:
            frequency[disease_id] = entry.presentation.p
            severity[disease_id] = Severity.moderate
            estimate = entry.presentation
        else:
            estimate = kb.presentation(kb.disease(disease_id), finding_id)
            frequency[disease_id] = estimate.p
            severity[disease_id] = Severity.moderate
        sources[disease_id] = [estimate.source or estimate.kind.value]
    rules = kb.comparison.bands
    return ComparisonRow(
        finding=finding_id,
        label=label,
        bands={d: band(frequency, severity, d, rules) for d in disease_ids},
        frequencies={d: round(frequency[d], 4) for d in disease_ids},
        sources=sources,
    )


def band(
    frequency: dict[str, float], severity: dict[str, Severity], disease_id: str, rules: BandRules
) -> Band:
    """One cell's band from the row's frequencies and severities."""
    p = frequency[disease_id]
    if p < rules.no_below:
        return "No"
    highest = max(frequency.values())
    if p < rules.rare_below or p < rules.rare_ratio * highest:
        return "Rare"
    present = [d for d in frequency if frequency[d] >= rules.rare_below]
    worst = max(SEVERITY_LEVEL[severity[d]] for d in present)
    if worst - SEVERITY_LEVEL[severity[disease_id]] >= rules.less_severe_levels:
        return "Yes (less severe)"
    if p < rules.less_common_ratio * max(frequency[d] for d in present):
        return "Yes (less common)"
    return "Yes"
