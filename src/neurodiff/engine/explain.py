"""Per-observation likelihood ratios that add up to the posterior.

Evidence is applied in a fixed order: the setting's prior, age, sex, then the observed
findings in catalogue order (history, examination, tests). For each step and disease d
the log10 likelihood ratio compares d with the other diseases weighted by their
probabilities just before that step:

    LR_step(d) = P(obs | earlier evidence, d) / P(obs | earlier evidence, not d)

With this chain rule the ratios add up exactly: log10 posterior odds(d) =
log10 prior odds(d) + the sum of every step's log10 LR(d). Within a dependence group a
later finding's ratio is conditional on the earlier ones, so a second bulbar sign shows
how little it adds once the first is known.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from neurodiff.engine.likelihood import UNKNOWN, States, log_likelihood
from neurodiff.engine.model import FloatArray, Model
from neurodiff.engine.posterior import Demographics, log_demographic_terms

LN10 = float(np.log(10.0))


@dataclass(frozen=True)
class Explanation:
    """log10 likelihood ratios per step (rows) and disease (columns), and the posterior
    they lead to (the same evaluation gives both)."""

    finding_order: NDArray[np.intp]
    finding_log10_lr: FloatArray
    age_log10_lr: FloatArray | None
    sex_log10_lr: FloatArray | None
    prior_log10_odds: FloatArray
    posterior: FloatArray


def explain(states: States, demographics: Demographics, setting: str, model: Model) -> Explanation:
    """Sequential log10 likelihood ratios for one case (``states``: shape (F,))."""
    order = np.flatnonzero(states != UNKNOWN)
    prefixes = np.full((order.size + 1, states.size), UNKNOWN, dtype=np.int8)
    for step, column in enumerate(order, start=1):
        prefixes[step:, column] = states[column]
    chain = log_likelihood(prefixes, model.point, model.structure)[0]
    age_term, sex_term = log_demographic_terms(model, demographics)
    increments = np.concatenate([age_term, sex_term, np.diff(chain, axis=0)])
    before = model.log_prior[setting] + np.concatenate(
        [np.zeros((1, increments.shape[1])), np.cumsum(increments, axis=0)[:-1]]
    )
    ratios = step_log10_lr(before, increments)
    has_age = bool(demographics.ages[0] >= 0 or demographics.onset_ages[0] >= 0)
    has_sex = bool(demographics.sexes[0] >= 0)
    return Explanation(
        finding_order=order,
        finding_log10_lr=ratios[2:],
        age_log10_lr=ratios[0] if has_age else None,
        sex_log10_lr=ratios[1] if has_sex else None,
        prior_log10_odds=_log10_odds(model.log_prior[setting]),
        posterior=_normalise(before[-1] + increments[-1]),
    )


def _normalise(log_weights: FloatArray) -> FloatArray:
    weights = np.exp(log_weights - log_weights.max())
    result: FloatArray = weights / weights.sum()
    return result


def step_log10_lr(log_weights: FloatArray, increments: FloatArray) -> FloatArray:
    """(T, D) log10 [P(step | d) / P(step | not d)], 'not d' weighted by the probabilities
    just before each step; ``log_weights`` are the (unnormalised) log weights then."""
    size = log_weights.shape[1]
    others = ~np.eye(size, dtype=bool)
    before = np.where(others[None], log_weights[:, None, :], -np.inf)
    after = np.where(others[None], (log_weights + increments)[:, None, :], -np.inf)
    against = _logsumexp_last(after) - _logsumexp_last(before)
    result: FloatArray = (increments - against) / LN10
    return result


def _log10_odds(log_weights: FloatArray) -> FloatArray:
    size = log_weights.size
    others = np.where(~np.eye(size, dtype=bool), log_weights[None, :], -np.inf)
    result: FloatArray = (log_weights - _logsumexp_rows(others)) / LN10
    return result


def _logsumexp_rows(values: FloatArray) -> FloatArray:
    return _logsumexp_last(values)


def _logsumexp_last(values: FloatArray) -> FloatArray:
    peak = values.max(axis=-1)
    result: FloatArray = peak + np.log(np.exp(values - peak[..., None]).sum(axis=-1))
    return result
