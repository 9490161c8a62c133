"""Diagnostic criteria as pure, explained functions.

>>> from neurodiff.criteria import evaluate
>>> result = evaluate("gold-coast", {
...     "regions": {"cervical": {"umn": True, "lmn": True}},
...     "progression": True, "alternative_excluded": True})
>>> result.outcome
'met'

``CRITERIA`` maps each name to a :class:`Criterion` (its input model and function);
:func:`evaluate` validates a plain mapping (e.g. parsed JSON) and runs the criterion.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from neurodiff.criteria import awaji, el_escorial, gold_coast, mcdonald
from neurodiff.criteria.als_regions import ALSInput
from neurodiff.criteria.result import CriterionResult, RuleResult, RuleStatus
from neurodiff.criteria.validation import Registered, run_registered

__all__ = ["CRITERIA", "Criterion", "CriterionResult", "RuleResult", "RuleStatus", "evaluate"]

Criterion = Registered[CriterionResult]
"""A registered criterion: a title, its input model and its evaluation function."""


CRITERIA: dict[str, Criterion] = {
    "mcdonald-2017": Criterion(
        "McDonald criteria for MS, 2017 revision",
        mcdonald.McDonald2017Input,
        mcdonald.evaluate_2017,
    ),
    "mcdonald-2024": Criterion(
        "McDonald criteria for MS, 2024 revision (provisional)",
        mcdonald.McDonald2024Input,
        mcdonald.evaluate_2024,
    ),
    "el-escorial-revised": Criterion(
        "Revised El Escorial criteria for ALS", ALSInput, el_escorial.evaluate
    ),
    "awaji": Criterion("Awaji criteria for ALS", ALSInput, awaji.evaluate),
    "gold-coast": Criterion("Gold Coast criteria for ALS", ALSInput, gold_coast.evaluate),
}


def evaluate(name: str, data: Mapping[str, Any]) -> CriterionResult:
    """Validate ``data`` for criterion ``name`` and evaluate it.

    Raises :class:`~neurodiff.errors.InvalidCaseError` (one line naming the field)
    for an unknown name or invalid input.
    """
    return run_registered(CRITERIA, "criterion", name, data)
