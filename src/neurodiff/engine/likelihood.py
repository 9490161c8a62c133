"""The likelihood kernel: log P(observed findings | disease) for a batch of cases.

One kernel serves a single case and a million: ``states`` is an (N, F) int8 matrix with
1 = present, 0 = absent, -1 = unknown, and the parameters carry a leading draw axis S.
The result is (S, N, D). Unknown findings contribute nothing.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from neurodiff.engine.model import FloatArray, Parameters, Structure

PRESENT: np.int8 = np.int8(1)
ABSENT: np.int8 = np.int8(0)
UNKNOWN: np.int8 = np.int8(-1)

States = NDArray[np.int8]


def log_likelihood(states: States, params: Parameters, structure: Structure) -> FloatArray:
    """(S, N, D) log-likelihood of each case's observations under each disease."""
    present = (states == PRESENT).astype(np.float64)
    absent = (states == ABSENT).astype(np.float64)
    observed = (present + absent) > 0
    draws, diseases = params.p.shape[0], params.p.shape[1]
    total = np.zeros((draws, states.shape[0], diseases), dtype=np.float64)

    cols = structure.independent[observed[:, structure.independent].any(axis=0)]
    if cols.size:
        total += _bernoulli(present[:, cols], absent[:, cols], params.p[..., cols])

    implied_ratio: dict[int, FloatArray] = {}
    for g, members in enumerate(structure.groups):
        seen = members[observed[:, members].any(axis=0)]
        if not seen.size:
            continue
        involved = _bernoulli(present[:, seen], absent[:, seen], params.a[..., seen])
        spared = _bernoulli(present[:, seen], absent[:, seen], params.b[..., seen])
        q = params.q[:, None, :, g]
        with np.errstate(divide="ignore"):
            group = np.logaddexp(np.log(q) + involved, np.log1p(-q) + spared)
        total += group
        link = int(structure.link[g])
        if link >= 0:
            implied_ratio[link] = involved - group

    for members in structure.exclusive:
        total += _categorical(
            present[:, members], absent[:, members], params.p, members, implied_ratio
        )
    return total


def _bernoulli(present: FloatArray, absent: FloatArray, p: FloatArray) -> FloatArray:
    """Sum over columns of log p (present) or log(1 - p) (absent): (S, N, D)."""
    result: FloatArray = np.matmul(present, np.log(p).transpose(0, 2, 1)) + np.matmul(
        absent, np.log1p(-p).transpose(0, 2, 1)
    )
    return result


def _categorical(
    present: FloatArray,
    absent: FloatArray,
    p: FloatArray,
    members: NDArray[np.intp],
    implied_ratio: dict[int, FloatArray],
) -> FloatArray:
    """log P(category evidence, and the groups it implies) for one exclusive variable.

    A present category means the variable is that category (several present: one of
    them); absent categories are ruled out. Categories that imply a correlated group
    carry that group's likelihood ratio (involved vs not), so the group and its
    implying category are not counted twice.
    """
    n_cases = present.shape[0]
    links = [int(m) for m in members if int(m) in implied_ratio]
    if not (present.any() or absent.any() or links):
        return np.zeros((p.shape[0], n_cases, p.shape[1]), dtype=np.float64)
    category_p = p[..., members]
    remainder = np.clip(1.0 - category_p.sum(axis=-1, keepdims=True), 0.0, 1.0)
    with np.errstate(divide="ignore"):
        log_p = np.log(np.concatenate([category_p, remainder], axis=-1))
    terms = np.broadcast_to(log_p[:, None, :, :], (p.shape[0], n_cases, *log_p.shape[1:])).copy()
    for position, member in enumerate(members):
        ratio = implied_ratio.get(int(member))
        if ratio is not None:
            terms[..., position] += ratio
    any_present = present.any(axis=1, keepdims=True)
    allowed = np.where(
        any_present,
        np.concatenate([present > 0, np.zeros((n_cases, 1), dtype=bool)], axis=1),
        np.concatenate([absent == 0, np.ones((n_cases, 1), dtype=bool)], axis=1),
    )
    masked = np.where(allowed[None, :, None, :], terms, -np.inf)
    peak = masked.max(axis=-1, keepdims=True)
    peak = np.where(np.isfinite(peak), peak, 0.0)
    with np.errstate(divide="ignore"):
        result: FloatArray = np.log(np.exp(masked - peak).sum(axis=-1)) + peak[..., 0]
    return result
