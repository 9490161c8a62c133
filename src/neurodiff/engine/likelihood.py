"""The likelihood kernel: log P(observed findings | disease) for a batch of cases.

One kernel serves a single case and a million: ``states`` is an (N, F) int8 matrix with
1 = present, 0 = absent, -1 = unknown, and the parameters carry a leading draw axis S.
The result is (S, N, D). Unknown findings contribute nothing. The work is a fixed
handful of array operations whatever the number of groups, so one case costs tens of
microseconds and a batch costs a few microseconds per case.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from neurodiff.engine.model import FLOOR_LOG, FloatArray, Parameters, Structure

PRESENT: np.int8 = np.int8(1)
ABSENT: np.int8 = np.int8(0)
UNKNOWN: np.int8 = np.int8(-1)

States = NDArray[np.int8]
SPREAD_LIMIT = 256


def log_likelihood(states: States, params: Parameters, structure: Structure) -> FloatArray:
    """(S, N, D) log-likelihood of each case's observations under each disease."""
    present = (states == PRESENT).astype(np.float64)
    absent = (states == ABSENT).astype(np.float64)
    logs = params.logs
    draws, diseases = params.p.shape[0], params.p.shape[1]
    cols = structure.independent
    cols = cols[(states[:, cols] != UNKNOWN).any(axis=0)]
    indicator = np.concatenate([present[:, cols], absent[:, cols]], axis=1)
    rows = np.concatenate([logs.present_rows[cols], logs.absent_rows[cols]])
    total: FloatArray = (indicator @ rows).reshape(-1, draws, diseases).transpose(1, 0, 2)
    group_term, implied_ratio = _correlated_groups(present, absent, params, structure)
    total += group_term
    total += _exclusive_variables(present, absent, params, structure, implied_ratio)
    return total


def _correlated_groups(
    present: FloatArray, absent: FloatArray, params: Parameters, structure: Structure
) -> tuple[FloatArray, dict[int, FloatArray]]:
    """Sum over groups of log P(group's observations | d), (S, N, D); and for each
    implied group with observations, P(observations | involved) / P(observations), the
    ratio its implying category carries.

    Only observed columns and groups enter the matrix products. Member log-probabilities
    are at least log(1e-6) each, so the mixture is summed in linear space safely.
    """
    cols = structure.grouped
    indicator = np.concatenate([present[:, cols], absent[:, cols]], axis=1)
    used = indicator.any(axis=0)
    draws, diseases, cases = params.p.shape[0], params.p.shape[1], present.shape[0]
    total = np.zeros((draws, cases, diseases), dtype=np.float64)
    if not used.any():
        return total, {}
    onehot = np.concatenate([structure.group_onehot, structure.group_onehot])[used]
    groups = np.flatnonzero(onehot.any(axis=0))
    onehot = onehot[:, groups]
    seen = np.ascontiguousarray(indicator[:, used])
    logs = params.logs
    if cases <= SPREAD_LIMIT:
        # few cases (one case, or its draws): one product with a group-spread indicator
        member_of = np.ascontiguousarray(onehot.T)  # contiguous: fast broadcast
        spread = (seen[:, None, :] * member_of[None, :, :]).reshape(cases * groups.size, -1)

        def group_sums(rows: FloatArray) -> FloatArray:
            product = spread @ rows[used]
            shaped = product.reshape(cases, groups.size, draws, diseases).transpose(2, 0, 3, 1)
            result: FloatArray = np.exp(shaped)
            return result

    else:
        # many cases: one small product per group keeps memory linear in the cases
        members = [np.flatnonzero(onehot[:, g]) for g in range(groups.size)]

        def group_sums(rows: FloatArray) -> FloatArray:
            used_rows = rows[used]
            stacked = np.stack([seen[:, m] @ used_rows[m] for m in members], axis=-1)
            result: FloatArray = np.exp(
                stacked.reshape(cases, draws, diseases, groups.size).transpose(1, 0, 2, 3)
            )
            return result

    involved = group_sums(logs.involved_rows)
    q = params.q[:, None, :, groups]
    mixture = q * involved + (1.0 - q) * group_sums(logs.spared_rows)
    total += np.log(mixture).sum(axis=-1)
    ratios = {
        int(g): involved[..., position] / mixture[..., position]
        for position, g in enumerate(groups)
        if structure.link[g] >= 0
    }
    return total, ratios


def _exclusive_variables(
    present: FloatArray,
    absent: FloatArray,
    params: Parameters,
    structure: Structure,
    implied_ratio: dict[int, FloatArray],
) -> FloatArray:
    """Sum over exclusive variables of log P(category evidence and implied groups | d).

    A present category means the variable is that category (several present: one of
    them); absent categories are ruled out; 'none of these' is allowed unless a category
    is present. A category that implies a correlated group carries that group's ratio
    P(obs | involved) / P(obs), so group and category are not counted twice. A variable
    with nothing observed, itself or through an implied group, contributes
    log(sum of its probabilities) = 0 and is skipped.
    """
    slots = structure.slots
    observed = (present + absent) > 0
    draws, cases, diseases = params.p.shape[0], present.shape[0], params.p.shape[1]
    total = np.zeros((draws, cases, diseases), dtype=np.float64)
    for e, members in enumerate(structure.exclusive):
        start = int(slots.starts[e])
        stop = start + members.size + 1
        implied = [int(g) for g in slots.implied_group[start:stop]]
        if not observed[:, members].any() and not any(g in implied_ratio for g in implied):
            continue
        member_present = present[:, members] > 0
        any_present = member_present.any(axis=1, keepdims=True)
        allowed = np.concatenate(
            [np.where(any_present, member_present, absent[:, members] == 0), ~any_present],
            axis=1,
        ).astype(np.float64)
        terms = params.slot_p[:, None, :, start:stop] * allowed[None, :, None, :]
        for position, g in enumerate(implied):
            if g in implied_ratio:
                terms[..., position] *= implied_ratio[g]
        with np.errstate(divide="ignore"):
            total += np.maximum(np.log(terms.sum(axis=-1)), 2.0 * FLOOR_LOG)
    return total
