"""Provenance rules: qualitative literature numbers are marked, counted apart and drawn wide."""

from __future__ import annotations

import numpy as np
import pytest
from pydantic import ValidationError

from neurodiff.engine.model import _draw_one
from neurodiff.knowledge.load import KnowledgeBase
from neurodiff.knowledge.schema import Estimate, UncertaintyDefaults
from neurodiff.knowledge.stats import provenance_stats, sum_shares


def test_only_literature_without_counts_can_be_qualitative() -> None:
    Estimate(p=0.3, kind="literature", source="X2020", qualitative=True)
    with pytest.raises(ValidationError, match="only a literature number"):
        Estimate(p=0.3, kind="expert-estimate", rationale="why", qualitative=True)
    with pytest.raises(ValidationError, match="with counts"):
        Estimate(p=0.3, kind="literature", source="X2020", n=3, N=10, qualitative=True)


def test_qualitative_number_is_drawn_as_widely_as_an_expert_estimate() -> None:
    defaults = UncertaintyDefaults()
    stated = Estimate(p=0.3, kind="literature", source="X2020")
    in_words = Estimate(p=0.3, kind="literature", source="X2020", qualitative=True)
    expert = Estimate(p=0.3, kind="expert-estimate", rationale="why")

    def spread(estimate: Estimate) -> float:
        rng = np.random.default_rng(1)
        draws = _draw_one(estimate, defaults, rng, 4000)
        return float(np.std(np.log(draws / (1 - draws))))

    assert spread(in_words) == pytest.approx(spread(expert))
    assert spread(in_words) > 1.5 * spread(stated)


def test_stats_count_qualitative_numbers_apart(kb: KnowledgeBase) -> None:
    stats = provenance_stats(kb)
    overall = stats.overall
    assert overall.literature + overall.seed + overall.expert_estimate == overall.total
    assert 0 <= overall.qualitative <= overall.literature
    assert overall.quantitative_literature_share == pytest.approx(
        (overall.literature - overall.qualitative) / overall.total
    )
    both = sum_shares([stats.by_disease["ms"], stats.by_disease["als"]])
    assert both.literature_share == pytest.approx(stats.share_of("ms+als"))
