"""Posterior probabilities and their credible intervals.

log posterior = log prior(setting) + log P(age, onset age | d) + log P(sex | d) + log-likelihood,
normalised over diseases. Intervals come from re-computing the posterior under seeded
draws of every likelihood from its own uncertainty (``Model.draws``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from neurodiff.engine.likelihood import States, log_likelihood
from neurodiff.engine.model import MAX_AGE, FloatArray, Model, Parameters

SEX_CODES = {"female": 0, "male": 1}
INTERVAL = (2.5, 97.5)


@dataclass(frozen=True)
class Demographics:
    """Per-case age now and age at onset (whole years, -1 = unknown) and sex (0 female,
    1 male, -1 unknown)."""

    ages: NDArray[np.intp]
    onset_ages: NDArray[np.intp]
    sexes: NDArray[np.intp]

    @classmethod
    def single(cls, age: float | None, sex: str, onset_age: float | None = None) -> Demographics:
        years = -1 if age is None else min(MAX_AGE, round(age))
        onset = -1 if onset_age is None else min(MAX_AGE, round(onset_age))
        return cls(
            ages=np.array([years], dtype=np.intp),
            sexes=np.array([SEX_CODES.get(sex, -1)], dtype=np.intp),
            onset_ages=np.array([onset], dtype=np.intp),
        )


def log_demographic_terms(
    model: Model, demographics: Demographics
) -> tuple[FloatArray, FloatArray]:
    """(N, D) log P(age, onset age | d) and log P(sex | d); zero where unknown.

    With the age at onset, the onset age and the years since onset (the delay to this
    assessment) are the evidence; with the age alone, the age at assessment (onset age
    plus delay)."""
    ages, onsets, sexes = demographics.ages, demographics.onset_ages, demographics.sexes
    now = model.log_presentation_age[:, np.clip(ages, 0, MAX_AGE)].T
    onset = model.log_age[:, np.clip(onsets, 0, MAX_AGE)].T
    delay = model.log_delay[:, np.clip(ages - onsets, 0, MAX_AGE)].T
    has_age, has_onset = (ages >= 0)[:, None], (onsets >= 0)[:, None]
    age_term = np.where(
        has_onset, onset + np.where(has_age, delay, 0.0), np.where(has_age, now, 0.0)
    )
    sex_term = np.where((sexes >= 0)[:, None], model.log_sex[:, np.clip(sexes, 0, 1)].T, 0.0)
    return age_term, sex_term


def log_posterior(
    states: States,
    demographics: Demographics,
    setting: str,
    model: Model,
    params: Parameters | None = None,
) -> FloatArray:
    """(S, N, D) normalised log posterior; S = 1 for the point estimate."""
    params = params or model.point
    age_term, sex_term = log_demographic_terms(model, demographics)
    joint = log_likelihood(states, params, model.structure)
    joint += model.log_prior[setting] + age_term + sex_term
    return joint - _logsumexp(joint)


def credible_intervals(
    states: States, demographics: Demographics, setting: str, model: Model
) -> FloatArray:
    """(N, D, 2) 95 % credible intervals of the posterior probabilities."""
    posterior = np.sort(np.exp(log_posterior(states, demographics, setting, model, model.draws)), 0)
    # numpy's default (linear) percentile, from the sorted draws
    positions = np.array(INTERVAL) / 100.0 * (posterior.shape[0] - 1)
    low = np.floor(positions).astype(np.intp)
    weight = (positions - low)[:, None, None]
    bounds: FloatArray = (1.0 - weight) * posterior[low] + weight * posterior[
        np.minimum(low + 1, posterior.shape[0] - 1)
    ]
    return np.moveaxis(bounds, 0, -1)


def _logsumexp(values: FloatArray) -> FloatArray:
    peak = values.max(axis=-1, keepdims=True)
    total: FloatArray = peak + np.log(np.exp(values - peak).sum(axis=-1, keepdims=True))
    return total
