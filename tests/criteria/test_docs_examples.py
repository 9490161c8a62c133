"""The JSON examples in docs/criteria.md are exactly what the code returns."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from neurodiff.criteria import CRITERIA
from neurodiff.criteria import evaluate as evaluate_criterion
from neurodiff.scales import SCALES
from neurodiff.scales import evaluate as evaluate_scale

DOC = Path(__file__).resolve().parents[2] / "docs" / "criteria.md"
EXAMPLE = re.compile(
    r"<!-- example: (?P<name>[\w-]+) -->.*?```json\n(?P<input>.*?)\n```.*?```json\n"
    r"(?P<output>.*?)\n```",
    re.DOTALL,
)
EXAMPLES = {m["name"]: (m["input"], m["output"]) for m in EXAMPLE.finditer(DOC.read_text())}


def test_every_criterion_and_scale_has_an_example() -> None:
    assert set(EXAMPLES) == set(CRITERIA) | set(SCALES)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_documented_output_matches_the_code(name: str) -> None:
    given, documented = (json.loads(text) for text in EXAMPLES[name])
    evaluate = evaluate_criterion if name in CRITERIA else evaluate_scale
    assert evaluate(name, given).model_dump(mode="json") == documented
