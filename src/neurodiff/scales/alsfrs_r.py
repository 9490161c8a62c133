"""ALS Functional Rating Scale - Revised (ALSFRS-R), Cedarbaum et al. 1999.

Twelve items scored 0-4 (4 = normal) in the scale's order; the total is 0-48. The
subscores group items 1-3 (bulbar), 4-6 (fine motor), 7-9 (gross motor) and 10-12
(respiratory). Item 5 is scored on 5a or 5b (with gastrostomy); both use 0-4.
"""

from __future__ import annotations

from pydantic import BaseModel

from neurodiff.criteria.result import RuleResult, RuleStatus, ScaleResult
from neurodiff.criteria.validation import STRICT, ALSFRSItems

REFERENCE = (
    "Cedarbaum JM, et al. The ALSFRS-R: a revised ALS functional rating "
    "scale that incorporates assessments of respiratory function. J Neurol Sci 1999;169:13-21"
)
ITEMS = (
    "speech",
    "salivation",
    "swallowing",
    "handwriting",
    "cutting_food",
    "dressing_hygiene",
    "turning_in_bed",
    "walking",
    "climbing_stairs",
    "dyspnea",
    "orthopnea",
    "respiratory_insufficiency",
)
SUBSCORES = {
    "bulbar": (0, 3),
    "fine_motor": (3, 6),
    "gross_motor": (6, 9),
    "respiratory": (9, 12),
}


class ALSFRSRInput(BaseModel):
    """Input of ``alsfrs-r``: the twelve item scores in order."""

    model_config = STRICT
    items: ALSFRSItems


class ALSFRSRResult(ScaleResult):
    """ALSFRS-R total and domain subscores."""

    total: int
    bulbar: int
    fine_motor: int
    gross_motor: int
    respiratory: int


def subscores(items: list[int]) -> dict[str, int]:
    """The four domain subscores of twelve ALSFRS-R items."""
    return {name: sum(items[start:stop]) for name, (start, stop) in SUBSCORES.items()}


def evaluate(data: ALSFRSRInput) -> ALSFRSRResult:
    """Score the ALSFRS-R."""
    parts = subscores(data.items)
    total = sum(data.items)
    rules = [
        RuleResult(
            rule=f"{name}_subscore",
            status=RuleStatus.met,
            reason=f"items {start + 1}-{stop} ({', '.join(ITEMS[start:stop])}) = {parts[name]}/12",
        )
        for name, (start, stop) in SUBSCORES.items()
    ]
    return ALSFRSRResult(
        scale="alsfrs-r",
        outcome=f"{total}/48",
        rules=rules,
        reference=[REFERENCE],
        total=total,
        **parts,
    )
