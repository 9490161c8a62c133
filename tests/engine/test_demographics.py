"""Age, age at onset and years since onset as evidence."""

from __future__ import annotations

import numpy as np
import pytest
from pydantic import ValidationError

from neurodiff.engine.model import Model, compile_model
from neurodiff.engine.posterior import Demographics, log_demographic_terms
from neurodiff.knowledge.load import KnowledgeBase
from neurodiff.models import Case


@pytest.fixture(scope="module")
def model(kb: KnowledgeBase) -> Model:
    return compile_model(kb)


def age_term(model: Model, age: float | None, onset: float | None) -> np.ndarray:
    demographics = Demographics.single(age, "unknown", onset)
    return log_demographic_terms(model, demographics)[0][0]


def test_every_age_distribution_is_a_distribution(model: Model) -> None:
    for table in (model.log_age, model.log_delay, model.log_presentation_age):
        assert np.allclose(np.exp(table).sum(axis=1), 1.0)
        assert np.isfinite(table).all()


def test_age_at_assessment_is_onset_age_plus_delay(model: Model) -> None:
    onset, delay = np.exp(model.log_age), np.exp(model.log_delay)
    d, age = 3, 50
    expected = sum(onset[d, age - k] * delay[d, k] for k in range(age + 1))
    expected /= sum(
        onset[d, a - k] * delay[d, k] for a in range(onset.shape[1]) for k in range(a + 1)
    )
    assert np.exp(model.log_presentation_age[d, age]) == pytest.approx(expected)


def test_each_combination_uses_its_own_term(model: Model) -> None:
    assert np.allclose(age_term(model, 50, None), model.log_presentation_age[:, 50])
    assert np.allclose(age_term(model, None, 40), model.log_age[:, 40])
    both = model.log_age[:, 40] + model.log_delay[:, 10]
    assert np.allclose(age_term(model, 50, 40), both)
    assert np.allclose(age_term(model, None, None), 0.0)


def test_a_long_history_favours_hsp_over_als(kb: KnowledgeBase, model: Model) -> None:
    hsp, als = kb.disease_ids.index("hsp"), kb.disease_ids.index("als")

    def hsp_over_als(age: float, onset: float) -> float:
        term = age_term(model, age, onset)
        return float(term[hsp] - term[als])

    # ALS is diagnosed about a year after onset, HSP after many years
    assert hsp_over_als(55, 40) > hsp_over_als(41, 40) + 2.0


def test_onset_after_the_age_at_assessment_is_refused() -> None:
    with pytest.raises(ValidationError, match="onset_age"):
        Case(age=30, onset_age=35)
