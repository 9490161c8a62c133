"""P(finding present | evidence so far, disease) for every finding, in closed form.

Under the model a finding depends on the rest of the evidence only through its group's
involvement variable Z (correlated groups) or its exclusive variable's category, so

    P(f | E, d) = P(Z = 1 | E, d) a_f + P(Z = 0 | E, d) b_f      (correlated member)
    P(f | E, d) = P(category f | E, d)                          (exclusive category)
    P(f | E, d) = p_f                                            (independent finding)

This gives the answer probabilities for every candidate question from one pass over
the evidence instead of one likelihood evaluation per candidate (the result equals
exp(loglik(E + f) - loglik(E)); a test checks it).
"""

from __future__ import annotations

import numpy as np

from neurodiff.engine.likelihood import ABSENT, PRESENT, States
from neurodiff.engine.model import FloatArray, Parameters, Structure


def predictive_present(states: States, params: Parameters, structure: Structure) -> FloatArray:
    """(D, F) probability that each finding would be present, given ``states`` (F,)."""
    p, a, b, q = params.p[0], params.a[0], params.b[0], params.q[0]
    present = states == PRESENT
    absent = states == ABSENT
    result: FloatArray = p.copy()
    cols = structure.grouped
    onehot = structure.group_onehot
    with np.errstate(divide="ignore"):
        log_involved = (
            np.log(a[:, cols]) * present[cols] + np.log1p(-a[:, cols]) * absent[cols]
        ) @ onehot
        log_spared = (
            np.log(b[:, cols]) * present[cols] + np.log1p(-b[:, cols]) * absent[cols]
        ) @ onehot
    involved, spared = np.exp(log_involved), np.exp(log_spared)
    given_other_category = q * involved / (q * involved + (1.0 - q) * spared)
    link_weight = np.zeros_like(q)
    slots = structure.slots
    for e, members in enumerate(structure.exclusive):
        start = int(slots.starts[e])
        stop = start + members.size + 1
        member_present = present[members]
        allowed = np.append(
            member_present if member_present.any() else ~absent[members],
            not member_present.any(),
        )
        terms = params.slot_p[0][:, start:stop] * allowed[None, :]
        for position, g in enumerate(slots.implied_group[start:stop]):
            if g >= 0:
                r = q[:, g]
                terms[:, position] *= involved[:, g] / (
                    r * involved[:, g] + (1.0 - r) * spared[:, g]
                )
        weights = terms / terms.sum(axis=1, keepdims=True)
        result[:, members] = weights[:, :-1]
        for position, g in enumerate(slots.implied_group[start:stop]):
            if g >= 0:
                link_weight[:, g] = weights[:, position]
    involvement = (link_weight + (1.0 - link_weight) * given_other_category) @ onehot.T
    result[:, cols] = involvement * a[:, cols] + (1.0 - involvement) * b[:, cols]
    return result
