"""The likelihood kernel against a brute-force enumeration of the generative model."""

from __future__ import annotations

import dataclasses
import itertools

import numpy as np
import pytest

from neurodiff.engine.likelihood import ABSENT, PRESENT, UNKNOWN, log_likelihood
from neurodiff.engine.model import Structure, compile_model, derive_parameters
from neurodiff.knowledge.load import load_knowledge

# A small structure: findings 0-1 independent; 2-3 a correlated group implied by
# category 5; 4 and 6 another correlated group; 5 and 7 the categories of one exclusive
# variable.
SMALL = Structure(
    finding_ids=tuple(f"f{i}" for i in range(8)),
    disease_ids=("d0", "d1"),
    independent=np.array([0, 1]),
    groups=(np.array([2, 3]), np.array([4, 6])),
    group_ids=("g_linked", "g_plain"),
    rho=np.array([0.7, 0.5]),
    link=np.array([5, -1]),
    exclusive=(np.array([5, 7]),),
    exclusive_ids=("onset",),
)


def small_probabilities(seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    p = rng.uniform(0.05, 0.9, size=(1, 2, 8))
    p[..., [5, 7]] = rng.dirichlet([2, 2, 2], size=2)[None, :, :2]  # categories sum < 1
    return p


def enumerate_joint(p: np.ndarray, states: np.ndarray) -> np.ndarray:
    """P(observations | d) by summing over every latent category and involvement state."""
    params = derive_parameters(p, SMALL)
    a, b = params.a[0], params.b[0]
    result = np.zeros(2)
    for d in range(2):
        cat_p = [p[0, d, 5], p[0, d, 7], 1 - p[0, d, 5] - p[0, d, 7]]
        for category in range(3):
            weight = cat_p[category]
            for col, index in ((5, 0), (7, 1)):
                if states[col] == PRESENT:
                    weight *= category == index
                elif states[col] == ABSENT:
                    weight *= category != index
            for col in (0, 1):
                weight *= _bernoulli(states[col], p[0, d, col])
            for g, members in enumerate(SMALL.groups):
                involved_q = params.q[0, d, g]
                if SMALL.link[g] >= 0 and category == 0:
                    involved_q = 1.0
                group_total = 0.0
                for z in (0, 1):
                    term = involved_q if z else 1 - involved_q
                    for col in members:
                        term *= _bernoulli(states[col], a[d, col] if z else b[d, col])
                    group_total += term
                weight *= group_total
            result[d] += weight
    return result


def _bernoulli(state: int, p: float) -> float:
    if state == PRESENT:
        return p
    if state == ABSENT:
        return 1 - p
    return 1.0


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_kernel_matches_enumeration_for_every_observation_pattern(seed: int) -> None:
    p = small_probabilities(seed)
    patterns = np.array(
        list(itertools.product([UNKNOWN, ABSENT, PRESENT], repeat=8)), dtype=np.int8
    )
    # patterns with both categories present are 'one of them' by design; skip them here
    patterns = patterns[~((patterns[:, 5] == PRESENT) & (patterns[:, 7] == PRESENT))]
    params = derive_parameters(p, SMALL)
    kernel = np.exp(log_likelihood(patterns, params, SMALL)[0])
    brute = np.array([enumerate_joint(p, row) for row in patterns])
    np.testing.assert_allclose(kernel, brute, rtol=1e-9, atol=1e-12)


def test_group_parameters_keep_every_marginal() -> None:
    p = small_probabilities(7)
    params = derive_parameters(p, SMALL)
    for col in range(8):
        states = np.full((1, 8), UNKNOWN, dtype=np.int8)
        states[0, col] = PRESENT
        single = np.exp(log_likelihood(states, params, SMALL)[0, 0])
        np.testing.assert_allclose(single, p[0, :, col], rtol=1e-9)


def test_correlated_findings_co_occur_more_than_independent_ones() -> None:
    p = small_probabilities(11)
    params = derive_parameters(p, SMALL)
    both = np.full((1, 8), UNKNOWN, dtype=np.int8)
    both[0, [2, 3]] = PRESENT
    joint = np.exp(log_likelihood(both, params, SMALL)[0, 0])
    assert np.all(joint > p[0, :, 2] * p[0, :, 3])


def test_rho_zero_makes_group_members_independent() -> None:
    structure = dataclasses.replace(SMALL, rho=np.array([0.0, 0.0]))
    p = small_probabilities(5)
    p[..., 5] = 0.0  # no implying category mass: the linked group is then plain
    both = np.full((1, 8), UNKNOWN, dtype=np.int8)
    both[0, [4, 6]] = [PRESENT, ABSENT]
    joint = np.exp(log_likelihood(both, derive_parameters(p, structure), structure)[0, 0])
    np.testing.assert_allclose(joint, p[0, :, 4] * (1 - p[0, :, 6]), rtol=1e-9)


def test_one_category_present_ignores_the_other_categories_absence() -> None:
    p = small_probabilities(3)
    params = derive_parameters(p, SMALL)
    alone = np.full((2, 8), UNKNOWN, dtype=np.int8)
    alone[0, 5] = PRESENT
    alone[1, 5] = PRESENT
    alone[1, 7] = ABSENT
    result = log_likelihood(alone, params, SMALL)[0]
    np.testing.assert_allclose(result[0], result[1])
    np.testing.assert_allclose(np.exp(result[0]), p[0, :, 5], rtol=1e-9)


@pytest.mark.parametrize("cases", [40, 600])  # 600 > SPREAD_LIMIT: the per-group path
def test_batch_and_single_case_paths_agree_on_the_real_model(cases: int) -> None:
    model = compile_model(load_knowledge())
    rng = np.random.default_rng(0)
    states = rng.choice(
        [UNKNOWN, ABSENT, PRESENT], size=(cases, len(model.finding_ids)), p=[0.8, 0.1, 0.1]
    ).astype(np.int8)
    for members in model.structure.exclusive:
        states[:, members] = UNKNOWN
    states[::3, model.structure.exclusive[0][0]] = PRESENT  # categories and implied groups
    batch = log_likelihood(states, model.point, model.structure)[0]
    single = np.array(
        [log_likelihood(row[None, :], model.point, model.structure)[0, 0] for row in states]
    )
    np.testing.assert_allclose(batch, single, rtol=1e-12)


def test_unknown_contributes_nothing() -> None:
    model = compile_model(load_knowledge())
    states = np.full((1, len(model.finding_ids)), UNKNOWN, dtype=np.int8)
    result = log_likelihood(states, model.point, model.structure)
    np.testing.assert_allclose(result, 0.0, atol=1e-5)


def test_closed_form_predictive_equals_likelihood_ratio_of_adding_the_finding() -> None:
    from neurodiff.engine.predictive import predictive_present
    from neurodiff.engine.simulate import sample_cohort

    model = compile_model(load_knowledge())
    structure = model.structure
    cohort = sample_cohort(model, 40, setting="neurology", seed=3, observed_share=0.15)
    for states in cohort.states:
        open_categories = [
            f
            for f in np.flatnonzero(states == UNKNOWN)
            if not any(f in m and (states[m] == PRESENT).any() for m in structure.exclusive)
        ]
        candidates = np.array(open_categories)
        base = log_likelihood(states[None, :], model.point, structure)[0, 0]
        trial = np.repeat(states[None, :], candidates.size, axis=0)
        trial[np.arange(candidates.size), candidates] = PRESENT
        exact = np.exp(log_likelihood(trial, model.point, structure)[0] - base)
        closed = predictive_present(states, model.point, structure)[:, candidates].T
        np.testing.assert_allclose(closed, exact, atol=1e-12)
