"""Map a phenopacket's diagnosis (diseases[0].term) to a neurodiff disease id.

By id first (OMIM, ORPHA, MONDO ids listed in each disease file, or NEURODIFF:<id>),
then by label (the disease's name, plain name or id appearing in the term's label).
"""

from __future__ import annotations

import re

from neurodiff.knowledge.load import KnowledgeBase

LABEL_PATTERNS: dict[str, tuple[str, ...]] = {
    "ms": (r"\bmultiple sclerosis\b",),
    "als": (
        r"\bamyotrophic lateral sclerosis\b",
        r"\bALS\s?\d",
    ),
    "nmosd": (r"\bneuromyelitis optica\b", r"\bNMOSD\b"),
    "mogad": (r"\bMOG\b.*\bdisease\b", r"myelin oligodendrocyte glycoprotein"),
    "csm": (r"\bcervical (spondylotic )?myelopathy\b",),
    "mmn": (r"\bmultifocal motor neuropathy\b",),
    "mg": (r"\bmyasthenia gravis\b",),
    "sbma": (r"\bspinal and bulbar muscular atrophy\b", r"\bkennedy\b", r"\bbulbospinal\b"),
    "ibm": (r"\binclusion body myositis\b",),
    "pls": (r"\bprimary lateral sclerosis\b",),
    "pma": (r"\bprogressive muscular atrophy\b",),
    "hsp": (r"\bspastic paraplegia\b",),
    "b12": (r"\bsubacute combined degeneration\b", r"\bvitamin b12\b", r"\bcobalamin deficiency\b"),
    "htlv": (r"\bHTLV\b", r"\btropical spastic paraparesis\b"),
}


def disease_for_term(term_id: str, label: str, kb: KnowledgeBase) -> str | None:
    """The neurodiff disease id for a diagnosis term, or None when it is not modelled."""
    term_id = term_id.strip()
    if term_id.upper().startswith("NEURODIFF:"):
        candidate = term_id.split(":", 1)[1]
        return candidate if kb.has_disease(candidate) else None
    for disease in kb.diseases:
        known = {f"OMIM:{x}" for x in disease.omim}
        known |= {f"ORPHA:{x}" for x in disease.orpha}
        known |= set(disease.mondo)
        if term_id.upper().replace("ORPHANET:", "ORPHA:") in {k.upper() for k in known}:
            return disease.id
    for disease_id, patterns in LABEL_PATTERNS.items():
        if kb.has_disease(disease_id) and any(
            re.search(p, label, flags=re.IGNORECASE) for p in patterns
        ):
            return disease_id
    return None
