"""ALSFRS-R scoring and the ΔFS progression rate."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from neurodiff.errors import InvalidCaseError
from neurodiff.scales import evaluate

ITEMS = st.lists(st.integers(0, 4), min_size=12, max_size=12)


def test_normal_function_scores_48() -> None:
    # Cedarbaum 1999: 12 items, 4 = normal, so the maximum total is 48.
    result = evaluate("alsfrs-r", {"items": [4] * 12})
    assert (result.total, result.outcome) == (48, "48/48")  # type: ignore[attr-defined]


def test_subscores_follow_item_order() -> None:
    items = [4, 3, 2, 4, 4, 1, 0, 2, 2, 4, 3, 3]
    result = evaluate("alsfrs-r", {"items": items}).model_dump()
    assert (
        result["bulbar"],
        result["fine_motor"],
        result["gross_motor"],
        result["respiratory"],
    ) == (9, 9, 4, 10)
    assert result["total"] == 32


@given(ITEMS)
def test_subscores_sum_to_total(items: list[int]) -> None:
    result = evaluate("alsfrs-r", {"items": items}).model_dump()
    parts = result["bulbar"] + result["fine_motor"] + result["gross_motor"] + result["respiratory"]
    assert parts == result["total"] == sum(items)


@pytest.mark.parametrize(
    ("items", "field", "fragment"),
    [
        ([4, 4, 4, 7, 4, 4, 4, 4, 4, 4, 4, 4], "items[3]", "must be an integer 0-4, got 7"),
        ([4] * 11, "items", "exactly 12"),
        ([4] * 11 + [-1], "items[11]", "got -1"),
        ([4] * 11 + [2.0], "items[11]", "got 2.0"),
    ],
)
def test_bad_items(items: list[object], field: str, fragment: str) -> None:
    with pytest.raises(InvalidCaseError) as info:
        evaluate("alsfrs-r", {"items": items})
    assert info.value.field == field
    assert fragment in str(info.value)


@pytest.mark.parametrize(
    ("score", "months", "value", "category", "labra"),
    [
        (48, 10, 0.0, "slow", "slow"),
        (43, 10, 0.5, "intermediate", "intermediate"),  # boundary: 0.5 is intermediate
        (38, 10, 1.0, "intermediate", "intermediate"),  # boundary: 1.0 is intermediate
        (37, 10, 1.1, "fast", "intermediate"),  # Labra's cut-off is 1.11
        (36, 12, 1.0, "intermediate", "intermediate"),
        (44, 8.5, 4 / 8.5, "slow", "intermediate"),  # 0.4706 >= 0.47
    ],
)
def test_delta_fs(score: int, months: float, value: float, category: str, labra: str) -> None:
    result = evaluate("delta-fs", {"alsfrs_r": score, "months_since_onset": months}).model_dump()
    assert result["value"] == pytest.approx(value, abs=1e-6)
    assert (result["category"], result["labra_category"]) == (category, labra)
    assert result["outcome"] == category


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"alsfrs_r": 49, "months_since_onset": 3}, "alsfrs_r"),
        ({"alsfrs_r": 40, "months_since_onset": 0}, "months_since_onset"),
        ({"alsfrs_r": 40, "months_since_onset": -3}, "months_since_onset"),
        ({"alsfrs_r": 40}, "months_since_onset"),
    ],
)
def test_bad_delta_fs(data: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidCaseError) as info:
        evaluate("delta-fs", data)
    assert info.value.field == field
