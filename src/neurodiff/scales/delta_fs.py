"""ALSFRS-R progression rate ΔFS = (48 - ALSFRS-R) / months since symptom onset.

Kimura et al. 2006 introduced ΔFS; Labra et al. 2016 validated it and reported
prognostic groups at < 0.47, 0.47-1.11 and > 1.11 points/month. ``category`` uses the
project's rounded cut-offs (slow < 0.5 <= intermediate <= 1.0 < fast);
``labra_category`` gives the published Labra groups for comparison.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator

from neurodiff.criteria.result import RuleResult, RuleStatus, ScaleResult
from neurodiff.criteria.validation import STRICT, integer_between, number_above

REFERENCES = [
    "Kimura F, et al. Progression rate of ALSFRS-R at time of diagnosis "
    "predicts survival time in ALS. Neurology 2006;66:265-267",
    "Labra J, Menon P, et al. Rate of disease progression: a prognostic "
    "biomarker in ALS. J Neurol Neurosurg Psychiatry 2016;87(6):628-632. PMID 26152368. "
    "doi:10.1136/jnnp-2015-310998",
]
Category = Literal["slow", "intermediate", "fast"]


class DeltaFSInput(BaseModel):
    """Input of ``delta-fs``."""

    model_config = STRICT
    alsfrs_r: Annotated[int, BeforeValidator(integer_between(0, 48))]
    months_since_onset: Annotated[float, BeforeValidator(number_above(0, 600, inclusive=False))]


class DeltaFSResult(ScaleResult):
    """ΔFS value (points per month) and progression category."""

    value: float
    category: Category
    labra_category: Category


def category(value: float) -> Category:
    """Project cut-offs: slow < 0.5 <= intermediate <= 1.0 < fast."""
    if value < 0.5:
        return "slow"
    return "intermediate" if value <= 1.0 else "fast"


def labra_category(value: float) -> Category:
    """Labra et al. 2016 groups: < 0.47, 0.47-1.11, > 1.11."""
    if value < 0.47:
        return "slow"
    return "intermediate" if value <= 1.11 else "fast"


def evaluate(data: DeltaFSInput) -> DeltaFSResult:
    """Compute ΔFS and its category."""
    value = (48 - data.alsfrs_r) / data.months_since_onset
    found = category(value)
    return DeltaFSResult(
        scale="delta-fs",
        outcome=found,
        rules=[
            RuleResult(
                rule="progression_rate",
                status=RuleStatus.met,
                reason=f"(48 - {data.alsfrs_r}) / {data.months_since_onset:g} months "
                f"= {value:.3f} points/month",
            ),
            RuleResult(
                rule=f"category_{found}",
                status=RuleStatus.met,
                reason="slow < 0.5 <= intermediate <= 1.0 < fast (project cut-offs)",
            ),
        ],
        reference=REFERENCES,
        value=round(value, 6),
        category=found,
        labra_category=labra_category(value),
    )
