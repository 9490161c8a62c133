"""The probability model compiled from the knowledge base into NumPy arrays.

Findings are independent given the disease, except inside dependence groups
(``groups.yaml``):

- *correlated* groups share a latent involvement variable Z per disease, with
  P(Z = 1 | d) = q = the largest member frequency. Each member i has
  P(i | Z=1) = a_i and P(i | Z=0) = b_i chosen so that q a_i + (1 - q) b_i = p_i (the
  published marginal is kept) and a_i - b_i = rho * (the most the marginals allow).
- *exclusive* groups are one categorical variable (first symptom, tempo, course).
- a correlated group may be *implied* by a category (bulbar onset implies bulbar
  involvement): P(Z = 1 | that category) = 1 and P(Z = 1 | other categories) = r, with
  r chosen to keep q.

See docs/engine.md for the derivation and the calibration check.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache, cached_property

import numpy as np
from numpy.typing import NDArray

from neurodiff.knowledge.load import KnowledgeBase
from neurodiff.knowledge.schema import Estimate, GroupKind, ProvenanceKind, UncertaintyDefaults

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.intp]

EPS = 1e-6
SQRT2 = math.sqrt(2.0)
MAX_AGE = 110
EXCLUSIVE_CAP = 0.995


@dataclass(frozen=True, eq=False)
class Structure:
    """Which findings depend on which; shared by every parameter draw."""

    finding_ids: tuple[str, ...]
    disease_ids: tuple[str, ...]
    independent: IntArray
    groups: tuple[IntArray, ...]
    group_ids: tuple[str, ...]
    rho: FloatArray
    link: IntArray
    exclusive: tuple[IntArray, ...]
    exclusive_ids: tuple[str, ...]

    @cached_property
    def grouped(self) -> IntArray:
        """Columns of all correlated-group members, group by group."""
        if not self.groups:
            return np.zeros(0, dtype=np.intp)
        return np.concatenate(self.groups)

    @cached_property
    def group_onehot(self) -> FloatArray:
        """(members, G) one-hot: which group each entry of ``grouped`` belongs to."""
        onehot = np.zeros((self.grouped.size, len(self.groups)), dtype=np.float64)
        row = 0
        for g, members in enumerate(self.groups):
            onehot[row : row + members.size, g] = 1.0
            row += members.size
        return onehot

    @cached_property
    def slots(self) -> ExclusiveSlots:
        return ExclusiveSlots.build(self)


@dataclass(frozen=True, eq=False)
class ExclusiveSlots:
    """The categories of every exclusive variable side by side, each followed by a
    'none of these' slot, so that all variables are computed in one pass."""

    column: IntArray
    member: NDArray[np.bool_]
    starts: IntArray
    segment: IntArray
    implied_group: IntArray

    @classmethod
    def build(cls, structure: Structure) -> ExclusiveSlots:
        column: list[int] = []
        segment: list[int] = []
        starts: list[int] = []
        implied: list[int] = []
        group_of_link = {int(c): g for g, c in enumerate(structure.link) if c >= 0}
        for e, members in enumerate(structure.exclusive):
            starts.append(len(column))
            for member in members:
                column.append(int(member))
                segment.append(e)
                implied.append(group_of_link.get(int(member), -1))
            column.append(-1)
            segment.append(e)
            implied.append(-1)
        return cls(
            column=np.array(column, dtype=np.intp),
            member=np.array(column, dtype=np.intp) >= 0,
            starts=np.array(starts, dtype=np.intp),
            segment=np.array(segment, dtype=np.intp),
            implied_group=np.array(implied, dtype=np.intp),
        )


@dataclass(frozen=True, eq=False)
class Parameters:
    """Likelihood parameters with a leading draw axis S (S = 1 for the point estimate).

    ``p``, ``a``, ``b``: (S, D, F). ``q``: (S, D, G), the probability that a correlated
    group is involved when its implying category (if any) is not the first symptom.
    ``slot_p``: (S, D, slots), the probability of each exclusive category and of 'none'.
    ``logs`` holds their logarithms, laid out for the kernel, computed once.
    """

    p: FloatArray
    a: FloatArray
    b: FloatArray
    q: FloatArray
    slot_p: FloatArray
    logs: ParameterLogs


@dataclass(frozen=True, eq=False)
class ParameterLogs:
    """Logarithms laid out for the kernel: one row per finding, one column per (draw,
    disease) pair, so that gathering the observed findings copies whole rows.

    ``present_rows`` / ``absent_rows``: (F, S * D) log P(present) / log P(absent).
    ``involved_rows`` / ``spared_rows``: (2 * members, S * D) for the correlated-group
    members, given Z = 1 / Z = 0: log P(present | Z) for each member, then
    log P(absent | Z). Zero probabilities become FLOOR_LOG (finite; exp gives 0.0).
    """

    present_rows: FloatArray
    absent_rows: FloatArray
    involved_rows: FloatArray
    spared_rows: FloatArray

    @classmethod
    def build(
        cls, p: FloatArray, a: FloatArray, b: FloatArray, structure: Structure
    ) -> ParameterLogs:
        cols = structure.grouped

        def rows(values: FloatArray) -> FloatArray:
            flat = values.reshape(values.shape[0] * values.shape[1], values.shape[-1])
            result: FloatArray = np.ascontiguousarray(flat.T)
            return result

        def grouped(values: FloatArray) -> FloatArray:
            member = values[..., cols]
            return rows(np.concatenate([_log(member), _log(1.0 - member)], axis=-1))

        return cls(
            present_rows=rows(_log(p)),
            absent_rows=rows(_log(1.0 - p)),
            involved_rows=grouped(a),
            spared_rows=grouped(b),
        )


FLOOR_LOG = -1.0e4


def _log(values: FloatArray) -> FloatArray:
    with np.errstate(divide="ignore"):
        result: FloatArray = np.maximum(np.log(values), FLOOR_LOG)
    return result


@dataclass(frozen=True, eq=False)
class Model:
    """Everything the engine needs, as arrays; built once per knowledge base."""

    structure: Structure
    point: Parameters
    log_prior: dict[str, FloatArray]
    log_age: FloatArray
    log_sex: FloatArray
    log_delay: FloatArray
    log_presentation_age: FloatArray
    sources: tuple[tuple[tuple[str, ...], ...], ...]
    estimates: tuple[tuple[Estimate, ...], ...]
    uncertainty: UncertaintyDefaults

    @cached_property
    def draws(self) -> Parameters:
        """Seeded draws of the parameters from their own uncertainty."""
        p = draw_probabilities(self.estimates, self.structure, self.uncertainty)
        return derive_parameters(p, self.structure)

    @cached_property
    def finding_sources(self) -> tuple[tuple[str, ...], ...]:
        """For each finding, every source behind its probabilities, sorted."""
        return tuple(
            tuple(sorted({key for row in self.sources for key in row[column]}))
            for column in range(len(self.structure.finding_ids))
        )

    @property
    def disease_ids(self) -> tuple[str, ...]:
        return self.structure.disease_ids

    @property
    def finding_ids(self) -> tuple[str, ...]:
        return self.structure.finding_ids


@cache
def compile_model(kb: KnowledgeBase) -> Model:
    """Compile (and cache) the model for a knowledge base."""
    structure = _structure(kb)
    estimates = tuple(tuple(kb.presentation(d, f.id) for f in kb.findings) for d in kb.diseases)
    p = np.array([[e.p for e in row] for row in estimates], dtype=np.float64)[None]
    log_onset = _log_age(kb)
    log_delay = _log_delay(kb)
    return Model(
        structure=structure,
        point=derive_parameters(p, structure),
        log_prior=_log_priors(kb),
        log_age=log_onset,
        log_delay=log_delay,
        log_presentation_age=_log_presentation_age(log_onset, log_delay),
        log_sex=np.log(
            np.array([[1.0 - d.sex.p_male, d.sex.p_male] for d in kb.diseases], dtype=np.float64)
        ),
        sources=tuple(tuple(_source_keys(e) for e in row) for row in estimates),
        estimates=estimates,
        uncertainty=kb.meta.uncertainty,
    )


def _structure(kb: KnowledgeBase) -> Structure:
    index = {fid: i for i, fid in enumerate(kb.finding_ids)}
    correlated = [g for g in kb.groups if g.kind is GroupKind.correlated]
    exclusive = [g for g in kb.groups if g.kind is GroupKind.exclusive]
    grouped = {m for g in kb.groups for m in g.members}
    return Structure(
        finding_ids=kb.finding_ids,
        disease_ids=kb.disease_ids,
        independent=np.array(
            [i for i, fid in enumerate(kb.finding_ids) if fid not in grouped], dtype=np.intp
        ),
        groups=tuple(np.array([index[m] for m in g.members], dtype=np.intp) for g in correlated),
        group_ids=tuple(g.id for g in correlated),
        rho=np.array([g.rho for g in correlated], dtype=np.float64),
        link=np.array(
            [index[g.implied_by] if g.implied_by else -1 for g in correlated], dtype=np.intp
        ),
        exclusive=tuple(np.array([index[m] for m in g.members], dtype=np.intp) for g in exclusive),
        exclusive_ids=tuple(g.id for g in exclusive),
    )


def derive_parameters(p: FloatArray, structure: Structure) -> Parameters:
    """Latent-class parameters (a, b, q) that keep each marginal p; vectorised over draws."""
    p = np.clip(p, EPS, 1.0 - EPS)
    for categories in structure.exclusive:
        total = p[..., categories].sum(axis=-1, keepdims=True)
        p[..., categories] *= np.minimum(1.0, EXCLUSIVE_CAP / total)
    a = p.copy()
    b = p.copy()
    q = np.empty((*p.shape[:-1], len(structure.groups)), dtype=np.float64)
    for g, cols in enumerate(structure.groups):
        members = p[..., cols]
        involved = members.max(axis=-1)
        link = int(structure.link[g])
        if link >= 0:
            involved = np.maximum(involved, p[..., link])
        involved = np.clip(involved, EPS, 1.0 - EPS)[..., None]
        room = np.minimum((1.0 - members) / (1.0 - involved), members / involved)
        delta = structure.rho[g] * room
        a[..., cols] = members + (1.0 - involved) * delta
        b[..., cols] = members - involved * delta
        if link >= 0:
            category = p[..., link][..., None]
            involved = np.clip((involved - category) / (1.0 - category), 0.0, 1.0)
        q[..., g] = involved[..., 0]
    slots = structure.slots
    slot_p = np.zeros((*p.shape[:-1], slots.column.size), dtype=np.float64)
    slot_p[..., slots.member] = p[..., slots.column[slots.member]]
    for e, start in enumerate(slots.starts):
        end = start + structure.exclusive[e].size
        slot_p[..., end] = 1.0 - slot_p[..., start:end].sum(axis=-1)
    a = np.clip(a, EPS, 1.0 - EPS)
    b = np.clip(b, EPS, 1.0 - EPS)
    return Parameters(
        p=p,
        a=a,
        b=b,
        q=q,
        slot_p=slot_p,
        logs=ParameterLogs.build(p, a, b, structure),
    )


def draw_probabilities(
    estimates: tuple[tuple[Estimate, ...], ...],
    structure: Structure,
    uncertainty: UncertaintyDefaults,
) -> FloatArray:
    """(S, D, F) draws. A number shared by several diseases ('other' as the background of
    diseases that do not list a finding) is drawn once."""
    rng = np.random.default_rng(uncertainty.random_seed)
    draws = uncertainty.draws
    unique: dict[int, FloatArray] = {}
    out = np.empty((draws, len(estimates), len(estimates[0])), dtype=np.float64)
    for d, row in enumerate(estimates):
        for f, estimate in enumerate(row):
            key = id(estimate)
            if key not in unique:
                unique[key] = _draw_one(estimate, uncertainty, rng, draws)
            out[:, d, f] = unique[key]
    for cols in structure.exclusive:
        total = out[..., cols].sum(axis=-1, keepdims=True)
        out[..., cols] *= np.minimum(1.0, EXCLUSIVE_CAP / total)
    return out


def _draw_one(
    estimate: Estimate, uncertainty: UncertaintyDefaults, rng: np.random.Generator, draws: int
) -> FloatArray:
    if estimate.n is not None and estimate.N is not None:
        return rng.beta(estimate.n + 0.5, estimate.N - estimate.n + 0.5, size=draws)
    if estimate.ess is not None:
        return rng.beta(estimate.p * estimate.ess, (1.0 - estimate.p) * estimate.ess, size=draws)
    logit = np.log(estimate.p / (1.0 - estimate.p))
    kind = ProvenanceKind.expert if estimate.qualitative else estimate.kind
    scale = uncertainty.logit_sd(kind)
    result: FloatArray = 1.0 / (1.0 + np.exp(-(logit + scale * rng.standard_normal(draws))))
    return result


def _log_priors(kb: KnowledgeBase) -> dict[str, FloatArray]:
    priors: dict[str, FloatArray] = {}
    for setting in kb.meta.settings:
        values = np.array(
            [0.0 if d.is_remainder else d.priors[setting].p for d in kb.diseases],
            dtype=np.float64,
        )
        remainder = [i for i, d in enumerate(kb.diseases) if d.is_remainder]
        values[remainder] = 1.0 - values.sum()
        priors[setting] = np.log(values)
    return priors


def _log_age(kb: KnowledgeBase) -> FloatArray:
    """log P(age | disease) on whole years 0..110: a truncated normal mixed with a flat tail."""
    years = np.arange(MAX_AGE + 1, dtype=np.float64)
    mean = np.array([d.age.mean for d in kb.diseases])[:, None]
    sd = np.array([d.age.sd for d in kb.diseases])[:, None]
    density = np.exp(-0.5 * ((years[None, :] - mean) / sd) ** 2)
    density /= density.sum(axis=1, keepdims=True)
    tail = kb.meta.age_tail
    mixed: FloatArray = np.log((1.0 - tail) * density + tail / years.size)
    return mixed


def _log_delay(kb: KnowledgeBase) -> FloatArray:
    """log P(delay in [k, k + 1) years | disease), k = 0..110: lognormal, with the flat tail.

    A disease without a delay is assessed within its first year of symptoms."""
    edges = np.arange(1, MAX_AGE + 1, dtype=np.float64)
    rows = []
    for disease in kb.diseases:
        if disease.delay is None:
            cdf = np.ones_like(edges)
        else:
            mu, sigma = disease.delay.lognormal()
            cdf = np.array([0.5 * math.erfc(-(math.log(x) - mu) / (sigma * SQRT2)) for x in edges])
        rows.append(np.diff(np.concatenate([[0.0], cdf, [1.0]])))
    mass = np.clip(np.array(rows), 0.0, None)
    mass /= mass.sum(axis=1, keepdims=True)
    tail = kb.meta.age_tail
    mixed: FloatArray = np.log((1.0 - tail) * mass + tail / mass.shape[1])
    return mixed


def _log_presentation_age(log_onset: FloatArray, log_delay: FloatArray) -> FloatArray:
    """log P(age at assessment = a | disease): onset age plus delay, on whole years 0..110."""
    onset, delay = np.exp(log_onset), np.exp(log_delay)
    size = onset.shape[1]
    at = np.stack([np.convolve(o, d)[:size] for o, d in zip(onset, delay, strict=True)])
    at /= at.sum(axis=1, keepdims=True)
    result: FloatArray = np.log(at)
    return result


def _source_keys(estimate: Estimate) -> tuple[str, ...]:
    if estimate.kind is ProvenanceKind.expert:
        return ("expert-estimate",)
    return (estimate.source,) if estimate.source else ()
