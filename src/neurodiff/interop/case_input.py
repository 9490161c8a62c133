"""Read a Case from JSON text, a dict, or a GA4GH Phenopacket (translate only, never score)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from neurodiff.errors import InvalidCaseError
from neurodiff.models import Case

PHENOPACKET_KEYS = frozenset({"phenotypicFeatures", "phenotypic_features", "metaData", "subject"})


def looks_like_phenopacket(data: Mapping[str, Any]) -> bool:
    return bool(PHENOPACKET_KEYS & set(data))


def case_from_mapping(data: Any, *, source: str = "case") -> Case:
    """A Case from a Case dict or a Phenopacket dict; one clear error if malformed."""
    if isinstance(data, Case):
        return data
    if not isinstance(data, Mapping):
        raise InvalidCaseError(f"expected a JSON object, got {type(data).__name__}", field=source)
    if looks_like_phenopacket(data):
        from neurodiff.interop.phenopacket import case_from_phenopacket

        return case_from_phenopacket(data, source=source)
    try:
        return Case.model_validate(data)
    except ValidationError as exc:
        raise InvalidCaseError(validation_message(exc), field=source) from None


def validation_message(exc: ValidationError) -> str:
    """The first pydantic error as one line: ``findings['x']: <problem> (got ...)``."""
    first = exc.errors()[0]
    location = _location(first["loc"])
    got = first.get("input")
    shown = "" if first["type"] in {"missing", "extra_forbidden"} else f" (got {got!r})"
    problem = "unknown field" if first["type"] == "extra_forbidden" else first["msg"]
    return f"{location}: {problem}{shown}" if location else f"{problem}{shown}"


def _location(parts: tuple[int | str, ...]) -> str:
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        elif text == "findings":
            text += f"[{part!r}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def parse_json(raw: bytes, *, source: str) -> Any:
    """Decode UTF-8 JSON bytes with one clear error for bad encoding or syntax."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidCaseError(
            f"not UTF-8 text (invalid byte at position {exc.start})", field=source
        ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidCaseError(
            f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}", field=source
        ) from None


def read_json_file(path: Path) -> Any:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InvalidCaseError("file not found", field=str(path)) from None
    except IsADirectoryError:
        raise InvalidCaseError("is a directory, expected a JSON file", field=str(path)) from None
    except PermissionError:
        raise InvalidCaseError("permission denied", field=str(path)) from None
    return parse_json(raw, source=str(path))
