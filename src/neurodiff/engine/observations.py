"""Turn a Case's finding states into the engine's state vector.

Keys are neurodiff finding ids or HPO ids. An HPO term maps through the ontology:

- a present term counts as present for every modelled finding that is the term itself
  or one of its ancestors (a more specific term implies the general finding), or whose
  ``hpo_also`` terms are among them; a finding's ``hpo_not_implied_by`` subtrees are
  cut out (an examination sign below a symptom term does not imply the symptom);
- an absent (excluded) term counts as absent for every modelled finding that is the
  term itself or one of its descendants (excluding a general term excludes the
  specific ones);
- a term that maps to no modelled finding, or a term from another ontology, is listed
  as ``unmodelled`` and is neutral.

When two inputs disagree about one finding, a direct statement (finding id or its own
HPO term) beats one implied through the hierarchy, and between implied statements
'present' wins (a specific observation outweighs a general exclusion).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import cache

import numpy as np
from numpy.typing import NDArray

from neurodiff.engine.likelihood import ABSENT, PRESENT, UNKNOWN, States
from neurodiff.errors import UnknownTermError
from neurodiff.knowledge.hpo_index import HpoIndex, load_hpo_index
from neurodiff.knowledge.load import KnowledgeBase
from neurodiff.knowledge.schema import HPO_ID
from neurodiff.models import FindingState, Sex

CODES = {FindingState.present: PRESENT, FindingState.absent: ABSENT}
# A term from another ontology (e.g. NCIT:C12345): neutral, listed as unmodelled.
OTHER_ONTOLOGY = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*:[A-Za-z0-9_.-]+$")


@dataclass(frozen=True)
class Observations:
    """The resolved evidence of one case."""

    states: States
    via: dict[int, tuple[str, ...]]
    unmodelled: tuple[str, ...]
    asked_unknown: tuple[int, ...] = ()

    @property
    def answered(self) -> int:
        """Findings answered so far, 'don't know' included."""
        return int((self.states >= 0).sum()) + len(self.asked_unknown)

    def asked(self) -> NDArray[np.bool_]:
        """Mask of the findings answered 'don't know' (not to be asked again)."""
        mask = np.zeros(self.states.size, dtype=bool)
        mask[list(self.asked_unknown)] = True
        return mask


@dataclass(frozen=True, eq=False)
class TermMap:
    """Modelled findings by HPO id, and each modelled term's ancestors."""

    finding_by_hpo: dict[str, int]
    ancestors_of_finding: dict[int, frozenset[str]]
    also_by_hpo: dict[str, tuple[int, ...]]
    not_implied_by: dict[int, frozenset[str]]


@cache
def term_map(kb: KnowledgeBase, hpo: HpoIndex) -> TermMap:
    by_hpo = {f.hpo: i for i, f in enumerate(kb.findings) if f.hpo}
    also: dict[str, list[int]] = {}
    for i, f in enumerate(kb.findings):
        for term in f.hpo_also:
            also.setdefault(term, []).append(i)
    return TermMap(
        finding_by_hpo=by_hpo,
        ancestors_of_finding={i: hpo.ancestors(term) for term, i in by_hpo.items()},
        also_by_hpo={term: tuple(items) for term, items in also.items()},
        not_implied_by={
            i: frozenset(f.hpo_not_implied_by)
            for i, f in enumerate(kb.findings)
            if f.hpo_not_implied_by
        },
    )


def resolve(
    findings: dict[str, FindingState], kb: KnowledgeBase, sex: Sex = Sex.unknown
) -> Observations:
    """Map case findings to a state vector; unknown ids raise UnknownTermError.

    A male-only finding (e.g. gynecomastia) stated for a woman is neutral and listed in
    ``unmodelled``: its probabilities are per man.
    """
    index = {fid: i for i, fid in enumerate(kb.finding_ids)}
    direct: dict[int, tuple[np.int8, str]] = {}
    implied: dict[int, list[tuple[np.int8, str]]] = {}
    unmodelled: list[str] = []
    asked_unknown: list[int] = []
    hpo: HpoIndex | None = None
    for key, raw_state in findings.items():
        state = FindingState(raw_state)
        if key in index:
            if state is FindingState.unknown:
                asked_unknown.append(index[key])
            else:
                direct[index[key]] = (CODES[state], key)
            continue
        if not HPO_ID.match(key):
            if OTHER_ONTOLOGY.match(key) and not key.upper().startswith("HP:"):
                if state is not FindingState.unknown:
                    unmodelled.append(key)
                continue
            raise UnknownTermError(_unknown_finding_message(key, kb), field=f"findings[{key!r}]")
        hpo = hpo or load_hpo_index()
        if key not in hpo:
            raise UnknownTermError(
                f"unknown HPO id (not in HPO {hpo.version})", field=f"findings[{key!r}]"
            )
        mapping = term_map(kb, hpo)
        term = hpo.current(key)
        own = mapping.finding_by_hpo.get(term)
        if state is FindingState.unknown:
            if own is not None:
                asked_unknown.append(own)
            continue
        if own is not None:
            direct.setdefault(own, (CODES[state], key))
        targets = _implied_findings(term, state, mapping, hpo)
        for target in targets:
            if target != own:
                implied.setdefault(target, []).append((CODES[state], key))
        if own is None and not targets:
            unmodelled.append(key)

    states = np.full(len(kb.findings), UNKNOWN, dtype=np.int8)
    via: dict[int, tuple[str, ...]] = {}
    for i, votes in implied.items():
        states[i] = PRESENT if any(code == PRESENT for code, _ in votes) else ABSENT
        via[i] = tuple(source for code, source in votes if code == states[i])
    for i, (code, source) in direct.items():
        states[i] = code
        via[i] = (source,)
    if sex is Sex.female:
        for i, finding in enumerate(kb.findings):
            if finding.male_only and states[i] != UNKNOWN:
                states[i] = UNKNOWN
                unmodelled.extend(via.pop(i, ()))
    return Observations(
        states=states,
        via=via,
        unmodelled=tuple(unmodelled),
        asked_unknown=tuple(i for i in asked_unknown if states[i] == UNKNOWN),
    )


def _implied_findings(term: str, state: FindingState, mapping: TermMap, hpo: HpoIndex) -> list[int]:
    if state is FindingState.present:
        lineage = hpo.ancestors(term)
        targets = [mapping.finding_by_hpo[a] for a in lineage if a in mapping.finding_by_hpo]
        targets += [i for a in lineage for i in mapping.also_by_hpo.get(a, ())]
        return [
            i
            for i in dict.fromkeys(targets)
            if not (mapping.not_implied_by.get(i, frozenset()) & lineage)
        ]
    return [i for i, ancestors in mapping.ancestors_of_finding.items() if term in ancestors]


def _unknown_finding_message(key: str, kb: KnowledgeBase) -> str:
    close = difflib.get_close_matches(key, kb.finding_ids, n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    return (
        "unknown finding id; use a neurodiff finding id (see 'neurodiff knowledge') "
        f"or an HPO id like HP:0001260{hint}"
    )
