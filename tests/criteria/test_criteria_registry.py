"""The criteria registry, the shared result shape and input errors."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

from neurodiff.criteria import CRITERIA, evaluate
from neurodiff.errors import InvalidCaseError

NAMES = ["mcdonald-2017", "mcdonald-2024", "el-escorial-revised", "awaji", "gold-coast"]


def test_registry_names() -> None:
    assert list(CRITERIA) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_every_result_has_the_shared_shape(name: str) -> None:
    dumped = evaluate(name, {}).model_dump(mode="json")
    assert {"outcome", "rules", "missing", "reference", "provisional", "decided"} <= set(dumped)
    assert dumped["criterion"] == name
    assert dumped["reference"] and all(isinstance(r, str) for r in dumped["reference"])
    for entry in dumped["rules"]:
        assert set(entry) == {"rule", "status", "reason"}
        assert entry["status"] in {"met", "not_met", "unknown"}
        assert "\n" not in entry["reason"]
    json.dumps(dumped)  # plain JSON


@pytest.mark.parametrize("name", NAMES[:2])
def test_empty_mcdonald_input_cannot_be_decided(name: str) -> None:
    result = evaluate(name, {})
    assert (result.outcome, result.decided) == ("not_met", False)
    assert result.missing


@pytest.mark.parametrize("name", NAMES[2:])
def test_no_signs_is_decided_not_met_whatever_the_unknown_history(name: str) -> None:
    # Omitted regions have no signs, so unknown progression cannot change the outcome.
    result = evaluate(name, {})
    assert (result.outcome, result.decided) == ("not_met", True)
    assert result.missing[0].startswith("documented progression")


def test_unknown_criterion_names_the_valid_ones() -> None:
    with pytest.raises(InvalidCaseError) as info:
        evaluate("poser", {})
    assert info.value.field == "criterion"
    assert all(name in str(info.value) for name in NAMES)


@pytest.mark.parametrize(
    ("name", "data", "field", "fragment"),
    [
        ("mcdonald-2017", {"attacks": -1}, "attacks", "must be an integer 0-1000 or null, got -1"),
        ("mcdonald-2017", {"attacks": True}, "attacks", "got true"),
        ("mcdonald-2017", {"attacks": "2"}, "attacks", 'got "2"'),
        ("mcdonald-2017", {"mri": {"spinal_cord": 2.5}}, "mri.spinal_cord", "got 2.5"),
        ("mcdonald-2017", {"course": "remitting"}, "course", "'relapsing' or 'progressive'"),
        ("mcdonald-2017", {"progression_years": -2}, "progression_years", ">= 0"),
        ("mcdonald-2024", {"age": 130}, "age", "0-120"),
        ("mcdonald-2024", {"mri": {"optic_nerve": -1}}, "mri.optic_nerve", "got -1"),
        ("awaji", {"regions": {"cervical": {"umn": "yes"}}}, "regions.cervical.umn", "boolean"),
        ("gold-coast", {"regions": {"arm": {}}}, "regions.arm", "unknown field"),
        ("el-escorial-revised", {"progression": 1}, "progression", "boolean"),
    ],
)
def test_bad_input_names_the_field(
    name: str, data: dict[str, Any], field: str, fragment: str
) -> None:
    with pytest.raises(InvalidCaseError) as info:
        evaluate(name, data)
    assert info.value.field == field
    assert fragment in str(info.value)
    assert str(info.value).startswith(f"{field}: ")
    assert "\n" not in str(info.value)


def test_non_mapping_input_is_rejected() -> None:
    with pytest.raises(InvalidCaseError, match="JSON object"):
        evaluate("awaji", [1, 2])  # type: ignore[arg-type]


def test_import_has_no_side_effects_and_is_fast() -> None:
    code = (
        "import time, sys; t = time.perf_counter(); import neurodiff.criteria, neurodiff.scales; "
        "print(time.perf_counter() - t); print('neurodiff.engine' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    seconds, engine_loaded = out.stdout.split()
    assert float(seconds) < 2.0
    assert engine_loaded == "False"
