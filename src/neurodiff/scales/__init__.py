"""Rating scales and staging systems as pure, explained functions.

>>> from neurodiff.scales import evaluate
>>> evaluate("delta-fs", {"alsfrs_r": 36, "months_since_onset": 12}).outcome
'intermediate'

``SCALES`` maps each name to a :class:`Scale` (its input model and function);
:func:`evaluate` validates a plain mapping (e.g. parsed JSON) and runs the scale.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from neurodiff.criteria.result import RuleResult, RuleStatus, ScaleResult
from neurodiff.criteria.validation import Registered, run_registered
from neurodiff.scales import alsfrs_r, delta_fs, edss, kings, mitos

__all__ = ["SCALES", "RuleResult", "RuleStatus", "Scale", "ScaleResult", "evaluate"]

Scale = Registered[ScaleResult]
"""A registered scale: a title, its input model and its evaluation function."""


SCALES: dict[str, Scale] = {
    "alsfrs-r": Scale(
        "ALS Functional Rating Scale - Revised", alsfrs_r.ALSFRSRInput, alsfrs_r.evaluate
    ),
    "delta-fs": Scale("ALSFRS-R progression rate (ΔFS)", delta_fs.DeltaFSInput, delta_fs.evaluate),
    "kings": Scale("King's clinical staging for ALS", kings.KingsInput, kings.evaluate),
    "mitos": Scale("ALS Milano-Torino staging (MiToS)", mitos.MitosInput, mitos.evaluate),
    "edss": Scale("Kurtzke Expanded Disability Status Scale", edss.EDSSInput, edss.evaluate),
}


def evaluate(name: str, data: Mapping[str, Any]) -> ScaleResult:
    """Validate ``data`` for scale ``name`` and evaluate it.

    Raises :class:`~neurodiff.errors.InvalidCaseError` (one line naming the field)
    for an unknown name or invalid input.
    """
    return run_registered(SCALES, "scale", name, data)
