"""How many numbers in the knowledge base come from literature, the seed article or experts."""

from __future__ import annotations

from collections import Counter

from pydantic import BaseModel

from neurodiff.knowledge.load import KnowledgeBase, provenances
from neurodiff.knowledge.schema import ProvenanceKind


class ShareCount(BaseModel):
    total: int
    literature: int
    seed: int
    expert_estimate: int
    with_counts: int
    qualitative: int = 0

    @property
    def quantitative_literature_share(self) -> float:
        """Literature numbers the source states as a figure (not in words)."""
        return (self.literature - self.qualitative) / self.total if self.total else 0.0

    @property
    def literature_share(self) -> float:
        return self.literature / self.total if self.total else 0.0


class ProvenanceStats(BaseModel):
    overall: ShareCount
    by_disease: dict[str, ShareCount]
    shared: ShareCount

    def scope(self, selector: str) -> ShareCount:
        """Counts for 'all' or for diseases joined by '+' (e.g. 'ms+als')."""
        if selector == "all":
            return self.overall
        return sum_shares([self.by_disease[d] for d in selector.split("+") if d in self.by_disease])

    def share_of(self, selector: str) -> float:
        """Literature share for 'all' or for diseases joined by '+' (e.g. 'ms+als')."""
        return self.scope(selector).literature_share


def sum_shares(parts: list[ShareCount]) -> ShareCount:
    """Counts of several scopes added together (e.g. MS and ALS)."""
    return ShareCount(
        total=sum(p.total for p in parts),
        literature=sum(p.literature for p in parts),
        seed=sum(p.seed for p in parts),
        expert_estimate=sum(p.expert_estimate for p in parts),
        with_counts=sum(p.with_counts for p in parts),
        qualitative=sum(p.qualitative for p in parts),
    )


def provenance_stats(kb: KnowledgeBase) -> ProvenanceStats:
    counters: dict[str, Counter[str]] = {}
    for where, prov in provenances(kb):
        owner = where.split("/")[1].split(".")[0] if where.startswith("diseases/") else "_shared"
        counter = counters.setdefault(owner, Counter())
        counter[prov.kind.value] += 1
        counter["with_counts"] += int(prov.n is not None)
        counter["qualitative"] += int(prov.qualitative)
    overall: Counter[str] = Counter()
    for counter in counters.values():
        overall.update(counter)
    return ProvenanceStats(
        overall=_share(overall),
        by_disease={d: _share(counters.get(d, Counter())) for d in kb.disease_ids},
        shared=_share(counters.get("_shared", Counter())),
    )


def _share(counter: Counter[str]) -> ShareCount:
    kinds = [k.value for k in ProvenanceKind]
    return ShareCount(
        total=sum(counter[k] for k in kinds),
        literature=counter[ProvenanceKind.literature.value],
        seed=counter[ProvenanceKind.seed.value],
        expert_estimate=counter[ProvenanceKind.expert.value],
        with_counts=counter["with_counts"],
        qualitative=counter["qualitative"],
    )
