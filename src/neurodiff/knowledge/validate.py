"""Deep validation of the knowledge base (``neurodiff knowledge validate``).

Loading already refuses a knowledge base that is structurally broken (unknown ids,
citation keys without a reference, probabilities outside (0, 1), numbers without
provenance). This adds the checks that need the ontology or the whole picture:

- every HPO id exists in the installed ontology and its label matches;
- the compact HPO index matches the installed ontology;
- PMIDs and DOIs are well formed;
- every finding is used by at least one modelled disease (not only by 'other');
- no placeholder text is left;
- the literature share meets ``meta.yaml`` ``min_literature_share`` (a floor that only
  rises); below ``literature_share_target`` it warns.
"""

from __future__ import annotations

from pydantic import BaseModel

from neurodiff.knowledge.hpo_index import INDEX_PATH, index_payload, load_hpo_index
from neurodiff.knowledge.load import KnowledgeBase, provenances
from neurodiff.knowledge.schema import DOI, PMID
from neurodiff.knowledge.stats import provenance_stats


class ValidationReport(BaseModel):
    problems: list[str]
    warnings: list[str]
    summary: str


def validate(kb: KnowledgeBase, *, check_ontology: bool = True) -> ValidationReport:
    problems: list[str] = []
    warnings: list[str] = []
    if check_ontology:
        problems += _ontology_problems(kb)
    problems += _identifier_problems(kb)
    problems += _usage_problems(kb)
    problems += _placeholder_problems(kb)
    problems += _share_problems(kb)
    warnings += _unused_references(kb)
    warnings += _share_targets(kb)
    stats = provenance_stats(kb)
    summary = (
        f"knowledge {kb.version}: {len(kb.diseases)} diseases, {len(kb.findings)} findings, "
        f"{len(kb.references)} references, {stats.overall.total} numbers "
        f"({stats.overall.literature_share:.0%} literature); "
        + ("valid" if not problems else f"{len(problems)} problem(s)")
    )
    return ValidationReport(problems=problems, warnings=warnings, summary=summary)


def _ontology_problems(kb: KnowledgeBase) -> list[str]:
    payload = index_payload()
    terms = payload["terms"]
    problems = []
    for f in kb.findings:
        if not f.hpo:
            continue
        if f.hpo not in terms:
            replacement = payload["replaced_by"].get(f.hpo)
            detail = f" (obsolete; replaced by {replacement})" if replacement else ""
            problems.append(f"findings/{f.id}.hpo: {f.hpo} is not a current HPO term{detail}")
        elif terms[f.hpo][0] != f.hpo_label:
            problems.append(
                f"findings/{f.id}.hpo_label: {f.hpo} is '{terms[f.hpo][0]}' in HPO "
                f"{payload['version']}, not '{f.hpo_label}'"
            )
    for f in kb.findings:
        for name in ("hpo_also", "hpo_not_implied_by"):
            for term in getattr(f, name):
                if term not in terms:
                    problems.append(f"findings/{f.id}.{name}: {term} is not a current HPO term")
    index = load_hpo_index(INDEX_PATH)
    if index.version != payload["version"] or len(index.labels) != len(terms):
        problems.append(
            f"{INDEX_PATH.name}: built from HPO {index.version}, installed is "
            f"{payload['version']}; rebuild it with neurodiff.knowledge.hpo_index.build_index()"
        )
    return problems


def _identifier_problems(kb: KnowledgeBase) -> list[str]:
    problems = []
    for key, ref in sorted(kb.references.items()):
        if ref.pmid is not None and not PMID.match(ref.pmid):
            problems.append(f"references/{key}.pmid: '{ref.pmid}' is not a PubMed id (digits)")
        if ref.doi is not None and not DOI.match(ref.doi):
            problems.append(f"references/{key}.doi: '{ref.doi}' is not a DOI (10.NNNN/...)")
        if ref.pmid is None and ref.doi is None and ref.url is None:
            problems.append(f"references/{key}: give a pmid, doi or url")
    return problems


def _usage_problems(kb: KnowledgeBase) -> list[str]:
    used = {fid for d in kb.diseases if not d.is_remainder for fid in d.findings}
    return [
        f"findings/{f.id}: unused (no modelled disease gives a probability for it)"
        for f in kb.findings
        if f.id not in used
    ]


def _placeholder_problems(kb: KnowledgeBase) -> list[str]:
    return [
        f"{where}: placeholder text left in provenance"
        for where, prov in provenances(kb)
        if "PLACEHOLDER" in f"{prov.rationale or ''} {prov.note or ''}".upper()
    ]


def _share_problems(kb: KnowledgeBase) -> list[str]:
    stats = provenance_stats(kb)
    problems = []
    for selector, minimum in kb.meta.min_literature_share.items():
        share = stats.share_of(selector)
        if share < minimum:
            problems.append(
                f"literature share for {selector} is {share:.1%}, below the required {minimum:.0%}"
            )
    return problems


def _share_targets(kb: KnowledgeBase) -> list[str]:
    stats = provenance_stats(kb)
    return [
        f"literature share for {selector} is {stats.share_of(selector):.1%}; the target is "
        f"{target:.0%} (not yet met)"
        for selector, target in kb.meta.literature_share_target.items()
        if stats.share_of(selector) < target
    ]


def _unused_references(kb: KnowledgeBase) -> list[str]:
    cited = {prov.source for _, prov in provenances(kb) if prov.source}
    return [f"references/{key}: never cited" for key in sorted(kb.references) if key not in cited]
