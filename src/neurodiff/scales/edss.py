"""Kurtzke Expanded Disability Status Scale (EDSS) from functional systems and walking.

Steps 0-5.0 follow the functional-system (FS) grade combinations of Kurtzke 1983 as
tabulated in the Neurostatus definitions, using the converted visual and
bowel/bladder grades of current practice (visual 0,1,2,3,4,5,6 -> 0,1,2,2,3,3,4;
bowel/bladder 0,1,2,3,4,5,6 -> 0,1,2,3,3,4,5) and ignoring cerebral grade 1.
"Combinations exceeding" a step are resolved as in docs/criteria.md.

Walking sets a floor: unaided 300-499 m -> 4.5, 200-299 m -> 5.0, 100-199 m -> 5.5,
< 100 m -> 6.0 (Neurostatus); a unilateral aid -> 6.0, bilateral aid -> 6.5 (Kurtzke);
wheelchair -> 7.0 and bed -> 8.0, the lowest steps consistent with those words (7.5
and 8.5-9.5 need transfer, arm-use and self-care details this input does not hold).
The EDSS is the larger of the FS step and the walking floor.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator

from neurodiff.criteria.result import ScaleResult, rule
from neurodiff.criteria.validation import STRICT, integer_between

REFERENCES = [
    "Kurtzke JF. Rating neurologic impairment in multiple sclerosis: an expanded disability "
    "status scale (EDSS). Neurology 1983;33(11):1444-1452",
    "Kappos L. Neurostatus: definitions for a standardised, quantified neurological "
    "examination and assessment of Kurtzke's functional systems and EDSS (neurostatus.net)",
]
FS_MAXIMA = {
    "visual": 6,
    "brainstem": 5,
    "pyramidal": 6,
    "cerebellar": 5,
    "sensory": 6,
    "bowel_bladder": 6,
    "cerebral": 5,
}
VISUAL = (0, 1, 2, 2, 3, 3, 4)
BOWEL_BLADDER = (0, 1, 2, 3, 3, 4, 5)
AID_FLOOR = {"unilateral": 6.0, "bilateral": 6.5, "wheelchair": 7.0, "bed": 8.0}
Aid = Literal["none", "unilateral", "bilateral", "wheelchair", "bed"]


Grade5 = Annotated[int | None, BeforeValidator(integer_between(0, 5, optional=True))]
Grade6 = Annotated[int | None, BeforeValidator(integer_between(0, 6, optional=True))]


class FunctionalSystems(BaseModel):
    """Raw Kurtzke FS grades (null = not examined)."""

    model_config = STRICT
    visual: Grade6 = None
    brainstem: Grade5 = None
    pyramidal: Grade6 = None
    cerebellar: Grade5 = None
    sensory: Grade6 = None
    bowel_bladder: Grade6 = None
    cerebral: Grade5 = None


class EDSSInput(BaseModel):
    """Input of ``edss``."""

    model_config = STRICT
    fs: FunctionalSystems
    walking_distance_m: Annotated[
        int | None, BeforeValidator(integer_between(0, 100_000, optional=True))
    ] = None
    walking_aid: Aid = "none"


class EDSSResult(ScaleResult):
    """EDSS step and the rule that decided it."""

    edss: float
    edss_is_minimum: bool
    deciding_rule: str
    fs_step: float
    walking_floor: float | None
    converted_fs: dict[str, int | None]


def converted(system: str, grade: int) -> int:
    """Grade used for EDSS steps: converted visual and bowel/bladder, cerebral 1 as 0."""
    if system == "visual":
        return VISUAL[grade]
    if system == "bowel_bladder":
        return BOWEL_BLADDER[grade]
    if system == "cerebral" and grade == 1:
        return 0
    return grade


def functional_system_step(grades: Sequence[int]) -> float:
    """EDSS step (0-5.0) implied by converted FS grades alone."""
    n = Counter(grades)
    top = max(grades, default=0)
    if top >= 5:
        return 5.0
    if top == 4:
        if n[4] >= 2 or n[3] >= 3:
            return 5.0
        return 4.5 if n[3] or n[2] else 4.0
    if top == 3:
        if n[3] >= 6:
            return 5.0
        if n[3] == 5:
            return 4.5
        if n[3] >= 3 or (n[3] == 2 and n[2] >= 1) or n[2] >= 3:
            return 4.0
        return 3.0 if n[3] == 1 and n[2] == 0 else 3.5
    if top == 2:
        return {1: 2.0, 2: 2.5, 3: 3.0, 4: 3.0, 5: 3.5}.get(n[2], 4.0)
    if top == 1:
        return 1.0 if n[1] == 1 else 1.5
    return 0.0


def walking_floor(aid: Aid, distance: int | None) -> float | None:
    """Lowest EDSS consistent with walking ability (None if distance unknown)."""
    if aid != "none":
        return AID_FLOOR[aid]
    if distance is None:
        return None
    for limit, floor in ((500, 0.0), (300, 4.5), (200, 5.0), (100, 5.5)):
        if distance >= limit:
            return floor
    return 6.0


def _fs_step(fs: FunctionalSystems, fill_max: bool) -> float:
    grades = []
    for system, maximum in FS_MAXIMA.items():
        raw = getattr(fs, system)
        grades.append(converted(system, maximum if raw is None and fill_max else raw or 0))
    return functional_system_step(grades)


def evaluate(data: EDSSInput) -> EDSSResult:
    """Compute the EDSS."""
    fs_low, fs_high = _fs_step(data.fs, False), _fs_step(data.fs, True)
    floor = walking_floor(data.walking_aid, data.walking_distance_m)
    low = max(fs_low, floor or 0.0)
    high = max(fs_high, 6.0 if floor is None else floor)
    by_walking = floor is not None and floor > 0 and floor >= fs_low
    table = {s: getattr(data.fs, s) for s in FS_MAXIMA}
    conv = {s: None if g is None else converted(s, g) for s, g in table.items()}
    unknown_fs = [s for s, g in table.items() if g is None]
    missing = [f"grade of FS {s} (may raise the EDSS)" for s in unknown_fs if fs_high > low]
    if floor is None and low < 6.0:
        missing.append("unaided walking distance (< 500 m would raise the EDSS to >= 4.5)")
    return EDSSResult(
        scale="edss",
        outcome=f"{low:.1f}",
        rules=[
            rule(
                "functional_systems",
                None if fs_low != fs_high else not by_walking,
                f"converted grades {conv} give step {fs_low:.1f}",
            ),
            rule(
                "ambulation",
                None if floor is None else by_walking,
                f"walking aid {data.walking_aid}, unaided distance "
                f"{data.walking_distance_m} m: floor {floor}",
            ),
        ],
        missing=missing,
        reference=REFERENCES,
        edss=low,
        edss_is_minimum=low != high,
        deciding_rule="ambulation" if by_walking else "functional_systems",
        fs_step=fs_low,
        walking_floor=floor,
        converted_fs=conv,
    )
