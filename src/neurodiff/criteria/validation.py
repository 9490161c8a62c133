"""Input validation shared by criteria and scales.

Input models are strict pydantic models (no silent coercion of ``"3"`` or ``true``
into numbers, no unknown fields). :func:`parse_input` turns a pydantic
``ValidationError`` into one :class:`~neurodiff.errors.InvalidCaseError` line that
names the first bad field, e.g. ``items[3]: must be an integer 0-4, got 7``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Generic, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError
from pydantic_core import PydanticCustomError

from neurodiff.errors import InvalidCaseError

Model = TypeVar("Model", bound=BaseModel)
Result = TypeVar("Result")

STRICT = ConfigDict(strict=True, extra="forbid", frozen=True)
"""Configuration for every input model."""


def shown(value: Any) -> str:
    """Render an input value the way it would appear in JSON."""
    try:
        return json.dumps(value)
    except (TypeError, ValueError):
        return repr(value)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def integer_between(low: int, high: int, *, optional: bool = False) -> Callable[[Any], Any]:
    """A before-validator accepting integers in ``[low, high]`` (and None when optional)."""

    def check(value: Any) -> Any:
        if value is None and optional:
            return value
        if not _is_int(value) or not low <= value <= high:
            null = " or null" if optional else ""
            raise PydanticCustomError(
                "out_of_range",
                "must be an integer {low}-{high}{null}, got {got}",
                {"low": low, "high": high, "null": null, "got": shown(value)},
            )
        return value

    return check


def number_above(
    low: float, high: float, *, inclusive: bool, optional: bool = False
) -> Callable[[Any], Any]:
    """A before-validator accepting numbers in ``(low, high]`` (``[low, high]`` if inclusive)."""

    def check(value: Any) -> Any:
        if value is None and optional:
            return value
        above = _is_number(value) and (value >= low if inclusive else value > low)
        if not above or value > high:
            bound = f">= {low:g}" if inclusive else f"> {low:g}"
            null = " or null" if optional else ""
            raise PydanticCustomError(
                "out_of_range",
                "must be a number {bound} and <= {high}{null}, got {got}",
                {"bound": bound, "high": f"{high:g}", "null": null, "got": shown(value)},
            )
        return value

    return check


def list_of_scores(length: int, low: int, high: int) -> Callable[[Any], Any]:
    """A before-validator for a fixed-length list of integer scores."""

    def check(value: Any) -> Any:
        if not isinstance(value, list | tuple) or len(value) != length:
            got = f"{len(value)} items" if isinstance(value, list | tuple) else shown(value)
            raise PydanticCustomError(
                "wrong_length",
                "must be a list of exactly {length} integers {low}-{high}, got {got}",
                {"length": length, "low": low, "high": high, "got": got},
            )
        return list(value)

    return check


Count = Annotated[int | None, BeforeValidator(integer_between(0, 1000, optional=True))]
"""A lesion or event count (0-1000), or None when not assessed."""

ItemScore = Annotated[int, BeforeValidator(integer_between(0, 4))]
"""One ALSFRS-R item score (0-4)."""

ALSFRSItems = Annotated[list[ItemScore], BeforeValidator(list_of_scores(12, 0, 4))]
"""The twelve ALSFRS-R item scores in the scale's order."""


def _location(loc: tuple[int | str, ...]) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text or "input"


def _message(error: Mapping[str, Any]) -> str:
    kind = error["type"]
    if kind in {"out_of_range", "wrong_length"}:
        return str(error["msg"])
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown field (check the spelling against the documented input fields)"
    text = str(error["msg"])
    if text.startswith("Input should be"):
        text = "must be" + text[len("Input should be") :]
    return f"{text}, got {shown(error.get('input'))}"


def invalid_case(error: ValidationError) -> InvalidCaseError:
    """Convert a pydantic ``ValidationError`` into one line naming the first bad field."""
    first = error.errors()[0]
    field = _location(tuple(first["loc"]))
    return InvalidCaseError(_message(first), field=field)


def parse_input(model: type[Model], data: Mapping[str, Any]) -> Model:
    """Validate ``data`` against ``model`` or raise one :class:`InvalidCaseError` line."""
    if not isinstance(data, Mapping):
        raise InvalidCaseError(f"input must be a JSON object, got {shown(data)}")
    try:
        return model.model_validate(dict(data))
    except ValidationError as exc:
        raise invalid_case(exc) from None


@dataclass(frozen=True)
class Registered(Generic[Result]):
    """A registered criterion or scale: a title, its input model and its function."""

    title: str
    input_model: type[BaseModel]
    function: Callable[[Any], Result]


def run_registered(
    registry: Mapping[str, Registered[Result]], kind: str, name: str, data: Mapping[str, Any]
) -> Result:
    """Validate ``data`` for entry ``name`` of ``registry`` and evaluate it; an unknown name
    or invalid input raises one :class:`~neurodiff.errors.InvalidCaseError` line."""
    entry = registry.get(name)
    if entry is None:
        valid = ", ".join(registry)
        raise InvalidCaseError(f"unknown {kind} {name!r}; valid: {valid}", field=kind)
    return entry.function(parse_input(entry.input_model, data))
