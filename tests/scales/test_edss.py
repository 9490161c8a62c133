"""EDSS from functional systems and ambulation."""

from __future__ import annotations

from itertools import combinations_with_replacement
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from neurodiff.errors import InvalidCaseError
from neurodiff.scales import evaluate
from neurodiff.scales.edss import FS_MAXIMA, functional_system_step

ZERO = dict.fromkeys(FS_MAXIMA, 0)
AIDS = ["none", "unilateral", "bilateral", "wheelchair", "bed"]


def edss(walking: int | None = 1000, aid: str = "none", **fs: int | None) -> Any:
    return evaluate(
        "edss", {"fs": {**ZERO, **fs}, "walking_distance_m": walking, "walking_aid": aid}
    )


def test_reference_calculator_example() -> None:
    # Documented usage example of the open EDSS calculator github.com/adobrasinovic/edss
    # (README): FS visual 1, brainstem 2, pyramidal 1, cerebellar 3, sensory 1,
    # bowel/bladder 4, cerebral 2, fully ambulatory -> EDSS 4.
    result = edss(
        visual=1, brainstem=2, pyramidal=1, cerebellar=3, sensory=1, bowel_bladder=4, cerebral=2
    )
    assert result.edss == 4.0
    assert result.converted_fs["bowel_bladder"] == 3
    assert result.deciding_rule == "functional_systems"


@pytest.mark.parametrize(
    ("fs", "expected"),
    [
        ({}, 0.0),  # Kurtzke 0: normal examination
        ({"cerebral": 1}, 0.0),  # cerebral grade 1 acceptable at step 0
        ({"sensory": 1}, 1.0),  # minimal signs in one FS
        ({"sensory": 1, "cerebellar": 1}, 1.5),  # minimal signs in more than one FS
        ({"pyramidal": 2, "sensory": 1}, 2.0),  # minimal disability in one FS
        ({"pyramidal": 2, "cerebellar": 2}, 2.5),  # minimal disability in two FS
        ({"pyramidal": 3}, 3.0),  # moderate disability in one FS
        ({"pyramidal": 2, "cerebellar": 2, "sensory": 2}, 3.0),  # mild in three FS
        ({"pyramidal": 3, "cerebellar": 2}, 3.5),
        ({"pyramidal": 3, "cerebellar": 3}, 3.5),
        ({"pyramidal": 2, "cerebellar": 2, "sensory": 2, "brainstem": 2, "cerebral": 2}, 3.5),
        ({"pyramidal": 4}, 4.0),  # one FS grade 4, others 0 or 1
        ({"pyramidal": 4, "sensory": 2}, 4.5),  # combination exceeding step 4.0
        ({"pyramidal": 5}, 5.0),  # one FS grade 5
        ({"visual": 3}, 2.0),  # converted visual 3 -> 2
        ({"visual": 6}, 4.0),  # converted visual 6 -> 4
        ({"bowel_bladder": 6}, 5.0),  # converted bowel/bladder 6 -> 5
        ({"bowel_bladder": 4}, 3.0),  # converted bowel/bladder 4 -> 3
    ],
)
def test_functional_system_steps(fs: dict[str, int], expected: float) -> None:
    assert edss(**fs).edss == expected


@pytest.mark.parametrize(
    ("walking", "aid", "expected"),
    [
        (500, "none", 0.0),
        (499, "none", 4.5),
        (300, "none", 4.5),
        (250, "none", 5.0),
        (150, "none", 5.5),
        (99, "none", 6.0),
        (None, "unilateral", 6.0),
        (None, "bilateral", 6.5),
        (None, "wheelchair", 7.0),
        (None, "bed", 8.0),
    ],
)
def test_ambulation_floors(walking: int | None, aid: str, expected: float) -> None:
    result = edss(walking, aid)
    assert result.edss == expected
    assert result.edss_is_minimum is False


def test_walking_decides_when_it_is_worse_than_the_fs_step() -> None:
    result = edss(250, pyramidal=3)
    assert (result.edss, result.deciding_rule) == (5.0, "ambulation")


def test_unknown_distance_gives_a_minimum() -> None:
    result = edss(None, pyramidal=2)
    assert (result.edss, result.edss_is_minimum) == (2.0, True)
    assert any("walking distance" in m for m in result.missing)
    assert {r.rule: r.status for r in result.rules}["ambulation"] == "unknown"


def test_unknown_fs_gives_a_minimum() -> None:
    result = edss(visual=None)
    assert (result.edss, result.edss_is_minimum) == (0.0, True)
    assert any("visual" in m for m in result.missing)


def test_fs_step_is_monotone_over_every_grade_combination() -> None:
    for grades in combinations_with_replacement(range(6), 7):
        step = functional_system_step(grades)
        for i in range(7):
            if grades[i] < 5:
                raised = list(grades)
                raised[i] += 1
                assert functional_system_step(raised) >= step, (grades, i)


FS = st.fixed_dictionaries({s: st.integers(0, m) for s, m in FS_MAXIMA.items()})


@given(FS, st.sampled_from(list(FS_MAXIMA)), st.integers(0, 2000), st.sampled_from(AIDS))
def test_edss_monotone_in_each_fs(fs: dict[str, int], system: str, walk: int, aid: str) -> None:
    worse = {**fs, system: min(fs[system] + 1, FS_MAXIMA[system])}
    assert edss(walk, aid, **worse).edss >= edss(walk, aid, **fs).edss


@given(FS, st.integers(0, 2000), st.integers(0, 2000), st.integers(0, 4), st.integers(0, 4))
def test_edss_monotone_in_ambulation(fs: dict[str, int], a: int, b: int, i: int, j: int) -> None:
    longer, shorter = max(a, b), min(a, b)
    better, worse = AIDS[min(i, j)], AIDS[max(i, j)]
    assert edss(shorter, better, **fs).edss >= edss(longer, better, **fs).edss
    assert edss(longer, worse, **fs).edss >= edss(longer, better, **fs).edss


@given(FS, st.integers(0, 2000), st.sampled_from(AIDS))
def test_edss_is_a_half_step_between_0_and_10(fs: dict[str, int], walk: int, aid: str) -> None:
    value = edss(walk, aid, **fs).edss
    assert 0 <= value <= 10 and (value * 2).is_integer()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"fs": {"visual": 7}}, "fs.visual"),
        ({"fs": {"cerebral": 6}}, "fs.cerebral"),
        ({"fs": {}, "walking_aid": "cane"}, "walking_aid"),
        ({"fs": {}, "walking_distance_m": -5}, "walking_distance_m"),
        ({}, "fs"),
    ],
)
def test_bad_edss_input(data: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidCaseError) as info:
        evaluate("edss", data)
    assert info.value.field == field
