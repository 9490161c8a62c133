"""The source article's symptom table, reproduced from the knowledge base's own numbers.

The golden rows below are the article's table (seed-facts.md), in its order, with its row
labels; the band words follow DESIGN.md ('Yes (less common)' for the article's
'Yes, less common'). The bands are computed from frequencies and severities, never stored.
"""

from __future__ import annotations

import json

from typer.testing import CliRunner

from neurodiff.cli import app
from neurodiff.knowledge.bands import band, comparison_table
from neurodiff.knowledge.load import KnowledgeBase
from neurodiff.knowledge.schema import BandRules, Severity

ARTICLE = [
    ("Muscle weakness (arms and legs)", "Yes", "Yes"),
    ("Paralysis", "Yes", "Rare"),
    ("Trouble speaking (dysarthria)", "Yes", "Yes (less severe)"),
    ("Cognitive issues", "Yes (less common)", "Yes"),
    ("Mood changes", "Yes (less common)", "Yes"),
    ("Swallowing problems (dysphagia)", "Yes", "Yes (less severe)"),
    ("Breathing problems", "Yes", "Rare"),
    ("Vision changes", "No", "Yes"),
    ("Sensory issues", "Rare", "Yes"),
    ("Bladder/bowel issues", "Yes", "Yes"),
]


def test_compare_als_ms_json_reproduces_the_article_table() -> None:
    result = CliRunner().invoke(app, ["compare", "als", "ms", "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["diseases"] == ["als", "ms"]
    rows = [(r["label"], r["bands"]["als"], r["bands"]["ms"]) for r in payload["rows"][:10]]
    assert rows == ARTICLE
    assert all(set(r) >= {"finding", "label", "bands"} for r in payload["rows"])


def test_ms_als_order_does_not_change_the_bands(kb: KnowledgeBase) -> None:
    forward = comparison_table(kb, ["als", "ms"])
    backward = comparison_table(kb, ["ms", "als"])
    assert [r.bands for r in forward.rows] == [r.bands for r in backward.rows]


def test_bands_follow_the_rules_not_a_stored_copy() -> None:
    rules = BandRules(
        no_below=0.03, rare_below=0.15, rare_ratio=0.4, less_common_ratio=0.75, less_severe_levels=2
    )
    moderate = {"a": Severity.moderate, "b": Severity.moderate}
    assert band({"a": 0.02, "b": 0.9}, moderate, "a", rules) == "No"
    assert band({"a": 0.3, "b": 0.9}, moderate, "a", rules) == "Rare"
    assert band({"a": 0.6, "b": 0.9}, moderate, "a", rules) == "Yes (less common)"
    assert band({"a": 0.8, "b": 0.9}, moderate, "a", rules) == "Yes"
    mild_vs_severe = {"a": Severity.mild, "b": Severity.severe}
    assert band({"a": 0.8, "b": 0.9}, mild_vs_severe, "a", rules) == "Yes (less severe)"
