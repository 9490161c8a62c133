"""Sample synthetic patients from the knowledge base's own generative model.

A patient is drawn the way the model says patients arise: a disease from the setting's
prior, age and sex from the disease, one category for each exclusive variable (first
symptom, tempo, course), an involvement state for each correlated group (forced on when
its implying category was drawn), then each finding. A random share of findings is then
hidden (unknown), as in real records. Used for calibration checks and benchmarks.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from neurodiff.engine.likelihood import ABSENT, PRESENT, UNKNOWN, States
from neurodiff.engine.model import MAX_AGE, Model
from neurodiff.engine.posterior import Demographics


@dataclass(frozen=True)
class Cohort:
    diseases: NDArray[np.intp]
    states: States
    demographics: Demographics
    complete: States


def sample_cohort(
    model: Model,
    size: int,
    *,
    setting: str,
    observed_share: float = 0.35,
    seed: int = 0,
    diseases: NDArray[np.intp] | None = None,
) -> Cohort:
    """``size`` patients; ``diseases`` fixes the true disease of each (else the prior)."""
    rng = np.random.default_rng(seed)
    disease_count = len(model.disease_ids)
    truth = (
        diseases
        if diseases is not None
        else rng.choice(disease_count, size=size, p=np.exp(model.log_prior[setting]))
    )
    p = model.point.p[0][truth]
    a = model.point.a[0][truth]
    b = model.point.b[0][truth]
    q = model.point.q[0][truth]
    present = rng.random(p.shape) < p
    structure = model.structure
    chosen: dict[int, NDArray[np.bool_]] = {}
    for members in structure.exclusive:
        category_p = p[:, members]
        cumulative = np.cumsum(category_p, axis=1)
        draw = rng.random((size, 1))
        picked = (draw < cumulative).argmax(axis=1)
        none = draw[:, 0] >= cumulative[:, -1]
        present[:, members] = False
        rows = np.flatnonzero(~none)
        present[rows, members[picked[rows]]] = True
        for member in members:
            chosen[int(member)] = present[:, member]
    for g, members in enumerate(structure.groups):
        involved = rng.random(size) < q[:, g]
        link = int(structure.link[g])
        if link >= 0:
            involved |= chosen[link]
        chance = np.where(involved[:, None], a[:, members], b[:, members])
        present[:, members] = rng.random(chance.shape) < chance
    complete = np.where(present, PRESENT, ABSENT).astype(np.int8)
    states = complete.copy()
    states[rng.random(states.shape) >= observed_share] = UNKNOWN
    onsets = np.array([rng.choice(MAX_AGE + 1, p=np.exp(model.log_age[d])) for d in truth])
    delays = np.array([rng.choice(MAX_AGE + 1, p=np.exp(model.log_delay[d])) for d in truth])
    ages = np.minimum(onsets + delays, MAX_AGE).astype(np.intp)
    sexes = (rng.random(size) < np.exp(model.log_sex[truth, 1])).astype(np.intp)
    return Cohort(
        diseases=np.asarray(truth, dtype=np.intp),
        states=states,
        demographics=Demographics(ages=ages, sexes=sexes, onset_ages=onsets.astype(np.intp)),
        complete=complete,
    )
