"""The one result shape shared by every criterion and every scale.

Every evaluation returns an :class:`ExplainedResult` subclass: an ``outcome``
string, the ``rules`` that led to it (each met, not met or unknown, with a one-line
reason), the ``missing`` evidence that would change the outcome, the ``reference``
implemented and whether the implementation is ``provisional``. Criterion- and
scale-specific fields sit at the top level beside these. ``model_dump(mode="json")``
is the JSON output.

Unknown evidence is carried with three-valued (Kleene) logic: ``True``, ``False``
or ``None`` for "not known". :func:`all_of` and :func:`any_of` combine such values.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

Tri = bool | None
"""A three-valued truth: True, False, or None when the evidence is not known."""


class RuleStatus(StrEnum):
    """Whether one rule of a criterion or scale is fulfilled."""

    met = "met"
    not_met = "not_met"
    unknown = "unknown"


class RuleResult(BaseModel):
    """One rule, its status and a one-line reason."""

    model_config = ConfigDict(frozen=True)

    rule: str = Field(description="Rule name in the domain language, e.g. dissemination_in_space.")
    status: RuleStatus
    reason: str = Field(description="One line explaining the status.")


class ExplainedResult(BaseModel):
    """Fields common to every criterion and scale result."""

    model_config = ConfigDict(frozen=True)

    outcome: str = Field(description="The category, stage or value decided.")
    rules: list[RuleResult] = Field(default_factory=list)
    missing: list[str] = Field(
        default_factory=list,
        description="The smallest additional evidence that would change the outcome.",
    )
    reference: list[str] = Field(default_factory=list, description="Citations implemented.")
    provisional: bool = Field(
        default=False, description="True when the implemented text is not final or is ambiguous."
    )


class CriterionResult(ExplainedResult):
    """The result of a diagnostic criterion."""

    criterion: str = Field(description="Registry name, e.g. mcdonald-2017.")
    decided: bool = Field(
        default=True,
        description="False when unknown inputs could still change the outcome.",
    )


class ScaleResult(ExplainedResult):
    """The result of a rating scale or staging system."""

    scale: str = Field(description="Registry name, e.g. alsfrs-r.")


def status_of(value: Tri) -> RuleStatus:
    """Map a three-valued truth to a rule status."""
    if value is None:
        return RuleStatus.unknown
    return RuleStatus.met if value else RuleStatus.not_met


def rule(name: str, value: Tri, reason: str) -> RuleResult:
    """Build a :class:`RuleResult` from a three-valued truth."""
    return RuleResult(rule=name, status=status_of(value), reason=reason)


def all_of(values: Iterable[Tri]) -> Tri:
    """Kleene AND: False if any is False, else None if any is unknown, else True."""
    result: Tri = True
    for value in values:
        if value is False:
            return False
        if value is None:
            result = None
    return result


def any_of(values: Iterable[Tri]) -> Tri:
    """Kleene OR: True if any is True, else None if any is unknown, else False."""
    result: Tri = False
    for value in values:
        if value is True:
            return True
        if value is None:
            result = None
    return result


def at_least(count: int, values: Iterable[Tri]) -> Tri:
    """True if at least ``count`` values are True; None if unknowns could still make it so."""
    known = unknown = 0
    for value in values:
        if value is True:
            known += 1
        elif value is None:
            unknown += 1
    if known >= count:
        return True
    if known + unknown >= count:
        return None
    return False


def describe(value: Tri, *, yes: str, no: str, unknown: str) -> str:
    """Pick the phrase matching a three-valued truth."""
    if value is None:
        return unknown
    return yes if value else no
