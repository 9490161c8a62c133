"""Engine speed: microseconds per assessment, against a pure-Python baseline of the same maths.

Run: .venv/bin/python benchmarks/engine.py [--cases 10000] [--full 10000]

Prints figures; asserts nothing about time. The baseline computes the same posterior
(latent-group likelihood, exclusive categories, priors, onset age, delay, sex) with Python loops and
the math module; the script checks both give the same probabilities before timing.
"""

from __future__ import annotations

import argparse
import math
import time

import numpy as np

from neurodiff.engine.assess import assess
from neurodiff.engine.model import Model, compile_model
from neurodiff.engine.posterior import Demographics, log_posterior
from neurodiff.engine.simulate import sample_cohort
from neurodiff.knowledge.load import load_knowledge
from neurodiff.models import Case

SETTING = "neurology"


def naive_posterior(model: Model, states: list[int], age: int, onset: int, sex: int) -> list[float]:
    """The same posterior in plain Python (the baseline)."""
    structure = model.structure
    p = model.point.p[0].tolist()
    a = model.point.a[0].tolist()
    b = model.point.b[0].tolist()
    q = model.point.q[0].tolist()
    prior = model.log_prior[SETTING].tolist()
    log_age = model.log_age.tolist()
    log_delay = model.log_delay.tolist()
    log_sex = model.log_sex.tolist()
    links = {
        int(structure.link[g]): g for g in range(len(structure.groups)) if structure.link[g] >= 0
    }
    scores = []
    for d in range(len(p)):
        total = prior[d] + log_age[d][onset] + log_delay[d][age - onset] + log_sex[d][sex]
        for f in structure.independent.tolist():
            if states[f] == 1:
                total += math.log(p[d][f])
            elif states[f] == 0:
                total += math.log(1 - p[d][f])
        ratio: dict[int, float] = {}
        for g, members in enumerate(structure.groups):
            seen = [f for f in members.tolist() if states[f] >= 0]
            if not seen:
                continue
            involved = sum(math.log(a[d][f] if states[f] == 1 else 1 - a[d][f]) for f in seen)
            spared = sum(math.log(b[d][f] if states[f] == 1 else 1 - b[d][f]) for f in seen)
            chance = q[d][g]
            group = (
                math.log(chance * math.exp(involved) + (1 - chance) * math.exp(spared))
                if chance > 0
                else spared
            )
            total += group
            if g in links.values():
                ratio[int(structure.link[g])] = involved - group
        for members in structure.exclusive:
            cats = members.tolist()
            present = [f for f in cats if states[f] == 1]
            allowed = present or [f for f in cats if states[f] != 0]
            weights = [p[d][f] * math.exp(ratio.get(f, 0.0)) for f in allowed]
            if not present:
                weights.append(max(0.0, 1 - sum(p[d][f] for f in cats)))
            total += math.log(sum(weights))
        scores.append(total)
    peak = max(scores)
    expo = [math.exp(s - peak) for s in scores]
    norm = sum(expo)
    return [e / norm for e in expo]


def timed(label: str, seconds: float, count: int) -> float:
    micro = seconds / count * 1e6
    print(f"{label:<58s} {micro:>10.1f} µs/case   ({count} cases, {seconds:.2f} s)")
    return micro


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--full", type=int, default=10_000, help="cases for the full path")
    parser.add_argument(
        "--observed",
        type=float,
        default=0.1,
        help="share of findings observed per case (0.1 ~ 10 findings, the median of the "
        "real-case set in tests/data/cases)",
    )
    args = parser.parse_args()

    kb = load_knowledge()
    model = compile_model(kb)
    _ = model.draws  # build the parameter draws once, outside the timings
    cohort = sample_cohort(model, args.cases, setting=SETTING, seed=7, observed_share=args.observed)
    print(
        f"knowledge {kb.version}: {len(kb.diseases)} diseases, {len(kb.findings)} findings; "
        f"{args.cases} simulated cases, mean {np.mean((cohort.states >= 0).sum(1)):.1f} "
        "observed findings each"
    )

    start = time.perf_counter()
    batch = np.exp(log_posterior(cohort.states, cohort.demographics, SETTING, model)[0])
    vector = timed(
        "probabilities only, vectorised batch kernel", time.perf_counter() - start, args.cases
    )

    rows = [row.tolist() for row in cohort.states]
    ages = cohort.demographics.ages.tolist()
    onsets = cohort.demographics.onset_ages.tolist()
    sexes = cohort.demographics.sexes.tolist()
    start = time.perf_counter()
    naive = [
        naive_posterior(model, rows[i], ages[i], onsets[i], sexes[i]) for i in range(args.cases)
    ]
    baseline = timed(
        "probabilities only, naive pure Python (baseline)", time.perf_counter() - start, args.cases
    )
    difference = float(np.abs(np.array(naive) - batch).max())

    single_count = min(args.cases, 2000)
    start = time.perf_counter()
    for i in range(single_count):
        demographics = Demographics(
            ages=cohort.demographics.ages[i : i + 1],
            sexes=cohort.demographics.sexes[i : i + 1],
            onset_ages=cohort.demographics.onset_ages[i : i + 1],
        )
        log_posterior(cohort.states[i : i + 1], demographics, SETTING, model)
    single = timed(
        "probabilities only, one case per kernel call", time.perf_counter() - start, single_count
    )

    names = model.finding_ids
    cases = []
    for i in range(args.full):
        findings = {
            names[f]: ("present" if s == 1 else "absent")
            for f, s in enumerate(cohort.states[i])
            if s >= 0
        }
        sex = "male" if cohort.demographics.sexes[i] == 1 else "female"
        cases.append(
            Case(
                age=int(cohort.demographics.ages[i]),
                onset_age=int(cohort.demographics.onset_ages[i]),
                sex=sex,
                setting=SETTING,
                findings=findings,
            )
        )
    start = time.perf_counter()
    for case in cases:
        assess(case, kb=kb)
    full = timed(
        "full assess(): intervals, explanation, next best, JSON model",
        time.perf_counter() - start,
        args.full,
    )

    print()
    print(f"max |baseline - vectorised| probability difference: {difference:.2e}")
    print(f"speed-up of the batch kernel over the baseline:      {baseline / vector:.1f}x")
    print(f"speed-up of one-case kernel calls over the baseline: {baseline / single:.1f}x")
    print(f"full assessment vs baseline probabilities only:      {full / baseline:.2f}x the time")
    print("targets: <= 50 µs probabilities only, <= 1000 µs full")


if __name__ == "__main__":
    main()
