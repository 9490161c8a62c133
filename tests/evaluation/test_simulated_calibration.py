"""Calibration on patients sampled from the model itself, and the value of the dependence
model: on data with correlated findings, the dependence-aware posterior scores better than
naive independence (log loss is a proper scoring rule, so the true model must win)."""

from __future__ import annotations

import numpy as np

from neurodiff.engine.likelihood import log_likelihood
from neurodiff.engine.model import Model, Structure, derive_parameters
from neurodiff.engine.posterior import log_demographic_terms, log_posterior
from neurodiff.engine.simulate import sample_cohort
from neurodiff.evaluation.metrics import evaluate_matrix

SETTING = "neurology"


def naive_posterior(model: Model, cohort) -> np.ndarray:  # type: ignore[no-untyped-def]
    structure = model.structure
    independent = Structure(
        finding_ids=structure.finding_ids,
        disease_ids=structure.disease_ids,
        independent=np.arange(len(structure.finding_ids)),
        groups=(),
        group_ids=(),
        rho=np.zeros(0),
        link=np.zeros(0, dtype=np.intp),
        exclusive=(),
        exclusive_ids=(),
    )
    params = derive_parameters(model.point.p.copy(), independent)
    age, sex = log_demographic_terms(model, cohort.demographics)
    joint = log_likelihood(cohort.states, params, independent)[0] + model.log_prior[SETTING]
    joint += age + sex
    joint -= joint.max(axis=1, keepdims=True)
    weights = np.exp(joint)
    return weights / weights.sum(axis=1, keepdims=True)


def log_loss(probabilities: np.ndarray, truth: np.ndarray) -> float:
    return float(-np.log(np.clip(probabilities[np.arange(truth.size), truth], 1e-12, 1)).mean())


def test_posterior_is_calibrated_on_its_own_simulated_patients(model: Model) -> None:
    cohort = sample_cohort(model, 6000, setting=SETTING, seed=21, observed_share=0.15)
    posterior = np.exp(log_posterior(cohort.states, cohort.demographics, SETTING, model)[0])
    metrics = evaluate_matrix(posterior, cohort.diseases, model.disease_ids)
    assert metrics.expected_calibration_error <= 0.05


def test_dependence_model_beats_naive_independence_on_dependent_data(model: Model) -> None:
    cohort = sample_cohort(model, 6000, setting=SETTING, seed=5, observed_share=0.6)
    posterior = np.exp(log_posterior(cohort.states, cohort.demographics, SETTING, model)[0])
    naive = naive_posterior(model, cohort)
    assert log_loss(posterior, cohort.diseases) < log_loss(naive, cohort.diseases)
