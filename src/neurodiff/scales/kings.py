"""King's clinical staging for ALS (Roche et al. 2012), directly or from ALSFRS-R items.

Stages 1-3 count the functionally involved body regions (bulbar, upper limb, lower
limb); 4A is the need for gastrostomy and 4B the need for non-invasive ventilation
(NIV). Stage 5 (death) is not covered. With both 4A and 4B the higher, 4B, is given.

From ALSFRS-R items (Balendra et al. 2014): bulbar involvement is any of items 1-3
below 4, upper limb item 4 or 5 below 4, lower limb item 8 below 4; NIV is item 10
(dyspnoea) = 0 or item 12 (respiratory insufficiency) below 4. Gastrostomy is read
from the use of item 5b, which twelve plain scores cannot show: pass ``gastrostomy``
alongside the items, otherwise 4A is reported as undetermined.

A person with no involved region is given stage 1, the first stage of the system.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator

from neurodiff.criteria.result import ScaleResult, rule
from neurodiff.criteria.validation import STRICT, ALSFRSItems, integer_between
from neurodiff.errors import InvalidCaseError

REFERENCES = [
    "Roche JC, Rojas-Garcia R, Scott KM, et al. A proposed staging system for amyotrophic "
    "lateral sclerosis. Brain 2012;135:847-852. doi:10.1093/brain/awr351",
    "Balendra R, et al. Estimating clinical stage of amyotrophic lateral sclerosis from the "
    "ALS Functional Rating Scale. Amyotroph Lateral Scler Frontotemporal Degener "
    "2014;15(3-4):279-284. doi:10.3109/21678421.2014.897357",
]
Stage = Literal["1", "2", "3", "4A", "4B"]
STAGE_ORDER: tuple[Stage, ...] = ("1", "2", "3", "4A", "4B")


class KingsInput(BaseModel):
    """Input of ``kings``: either ``regions_involved`` or ``alsfrs_r_items``."""

    model_config = STRICT
    regions_involved: Annotated[
        int | None, BeforeValidator(integer_between(0, 3, optional=True))
    ] = None
    gastrostomy: bool | None = None
    niv: bool | None = None
    alsfrs_r_items: ALSFRSItems | None = None


class KingsResult(ScaleResult):
    """King's stage with the evidence used."""

    stage: Stage
    regions: list[str]
    gastrostomy: bool | None
    niv: bool | None
    stage_is_minimum: bool


def regions_from_items(items: list[int]) -> list[str]:
    """Regions functionally involved according to Balendra et al. 2014."""
    involved = {
        "bulbar": min(items[0:3]) < 4,
        "upper_limb": min(items[3:5]) < 4,
        "lower_limb": items[7] < 4,
    }
    return [name for name, yes in involved.items() if yes]


def niv_from_items(items: list[int]) -> bool:
    """NIV needed: dyspnoea item 10 scored 0 or respiratory insufficiency item 12 below 4."""
    return items[9] == 0 or items[11] < 4


def _stage(regions: int, gastrostomy: bool, niv: bool) -> Stage:
    if niv:
        return "4B"
    if gastrostomy:
        return "4A"
    return STAGE_ORDER[max(regions, 1) - 1]


def evaluate(data: KingsInput) -> KingsResult:
    """Stage ALS with King's system."""
    if (data.regions_involved is None) == (data.alsfrs_r_items is None):
        raise InvalidCaseError(
            "give exactly one of regions_involved (0-3) or alsfrs_r_items (12 scores)",
            field="regions_involved",
        )
    if data.alsfrs_r_items is not None:
        regions = regions_from_items(data.alsfrs_r_items)
        count = len(regions)
        niv: bool | None = niv_from_items(data.alsfrs_r_items) or bool(data.niv)
        source = "from ALSFRS-R items (Balendra 2014)"
    else:
        count = data.regions_involved or 0
        regions = [f"{count} region(s)"]
        niv = data.niv
        source = "as given"
    gastrostomy = data.gastrostomy
    named = ", ".join(regions)
    low = _stage(count, bool(gastrostomy), bool(niv))
    high = _stage(count, gastrostomy is not False, niv is not False)
    missing = []
    if low != high:
        if niv is None:
            missing.append("whether NIV is needed (would give stage 4B)")
        if gastrostomy is None and low != "4B":
            missing.append("whether gastrostomy is needed or in place (would give stage 4A)")
    return KingsResult(
        scale="kings",
        outcome=low,
        rules=[
            rule("regions_involved", True, f"{count} involved {source}: {named or 'none'}"),
            rule("gastrostomy", gastrostomy, "need for gastrostomy (stage 4A)"),
            rule("niv", niv, "need for non-invasive ventilation (stage 4B)"),
        ],
        missing=missing,
        reference=REFERENCES,
        stage=low,
        regions=regions,
        gastrostomy=gastrostomy,
        niv=niv,
        stage_is_minimum=low != high,
    )
