"""Simulated interviews: how many questions until the stop rule, and how often the top
disease is right when it stops — adaptive (information gain per cost, grouped questions)
against a fixed-order questionnaire, a random order, and answering every question.

Run: .venv/bin/python benchmarks/interview.py [--patients 150] [--setting neurology]

Patients are sampled from the knowledge base (answers from their full sampled findings)
and taken from the real-case set (tests/data/cases; findings the report does not give are
answered "don't know"). Patient mode: only questions a person can answer. Prints figures;
asserts nothing about time.
"""

from __future__ import annotations

import argparse
import json
import statistics
from collections.abc import Callable
from pathlib import Path

import numpy as np

from neurodiff.engine.answers import apply_answer
from neurodiff.engine.assess import assess
from neurodiff.engine.interview import interview_step
from neurodiff.engine.model import compile_model
from neurodiff.engine.observations import resolve
from neurodiff.engine.simulate import sample_cohort
from neurodiff.evaluation.truth import disease_for_term
from neurodiff.interop.phenopacket import case_from_phenopacket, disease_terms
from neurodiff.knowledge.load import KnowledgeBase, load_knowledge
from neurodiff.models import Case, FindingState, Mode, Question, Sex

CASES = Path(__file__).resolve().parents[1] / "tests" / "data" / "cases"
MAX_QUESTIONS = 30

Oracle = Callable[[str], FindingState]  # finding id -> the patient's answer


def answer_for(question: Question, oracle: Oracle) -> str | list[str]:
    states = {o.finding: oracle(o.finding) for o in question.options}
    if question.kind == "single":
        state = states[question.options[0].finding]
        return {"present": "yes", "absent": "no"}.get(state.value, "unknown")
    if all(s is FindingState.unknown for s in states.values()):
        return "unknown"
    present = [f for f, s in states.items() if s is FindingState.present]
    if question.kind == "choice":
        return present[0] if present else "none"
    return present


def adaptive(
    kb: KnowledgeBase,
    base: Case,
    oracle: Oracle,
    min_gain: float | None = None,
) -> tuple[int, str]:
    findings: dict[str, FindingState] = {}
    for asked in range(MAX_QUESTIONS + 1):
        case = base.model_copy(update={"findings": findings})
        step = interview_step(case, mode=Mode.patient, kb=kb, min_gain=min_gain)
        if step.question is None:
            return asked, step.differential[0].id
        findings = apply_answer(findings, step.question, answer_for(step.question, oracle))
    return MAX_QUESTIONS, step.differential[0].id


def ordered(kb: KnowledgeBase, base: Case, oracle: Oracle, order: list[str]) -> tuple[int, str]:
    findings: dict[str, FindingState] = {}
    result = assess(base, kb=kb, mode=Mode.patient)
    for asked, finding_id in enumerate(order, start=1):
        findings[finding_id] = oracle(finding_id)
        result = assess(base.model_copy(update={"findings": findings}), kb=kb, mode=Mode.patient)
        leader = result.differential[0]
        if asked >= kb.meta.min_answers and leader.interval[0] >= kb.meta.stop_threshold:
            return asked, leader.id
    return len(order), result.differential[0].id


def everything(kb: KnowledgeBase, base: Case, oracle: Oracle, order: list[str]) -> str:
    findings = {f: oracle(f) for f in order}
    return assess(base.model_copy(update={"findings": findings}), kb=kb).differential[0].id


def simulated_patients(kb: KnowledgeBase, count: int, setting: str, seed: int):  # type: ignore[no-untyped-def]
    model = compile_model(kb)
    modelled = [i for i, d in enumerate(kb.diseases) if not d.is_remainder]
    diseases = np.array([modelled[i % len(modelled)] for i in range(count)], dtype=np.intp)
    cohort = sample_cohort(
        model, count, setting=setting, seed=seed, observed_share=1.0, diseases=diseases
    )
    for i in range(count):
        complete = cohort.complete[i]
        answers = {
            fid: FindingState.present if complete[j] == 1 else FindingState.absent
            for j, fid in enumerate(kb.finding_ids)
        }
        sex = Sex.male if cohort.demographics.sexes[i] == 1 else Sex.female
        base = Case(age=int(cohort.demographics.ages[i]), sex=sex, setting=setting, findings={})
        yield kb.diseases[int(cohort.diseases[i])].id, base, answers


def real_patients(kb: KnowledgeBase, setting: str):  # type: ignore[no-untyped-def]
    for path in sorted(CASES.rglob("*.json")):
        data = json.loads(path.read_text())
        truth = disease_for_term(*disease_terms(data)[0], kb)
        if truth is None:
            continue
        case = case_from_phenopacket(data, setting=setting)
        states = resolve(case.findings, kb, case.sex).states
        answers = {
            fid: (
                FindingState.present
                if states[j] == 1
                else FindingState.absent
                if states[j] == 0
                else FindingState.unknown
            )
            for j, fid in enumerate(kb.finding_ids)
        }
        yield truth, case.model_copy(update={"findings": {}}), answers


def summarise(label: str, counts: list[int], correct: list[bool]) -> None:
    counts_sorted = sorted(counts)
    p90 = counts_sorted[int(0.9 * (len(counts_sorted) - 1))]
    print(
        f"{label:<34s} median {statistics.median(counts):>4.1f}  p90 {p90:>3d}  "
        f"top-1 at stop {np.mean(correct):6.1%}"
    )


def run(label: str, patients, kb: KnowledgeBase, seed: int) -> None:  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(seed)
    askable = [f.id for f in kb.findings if f.patient_askable and not f.male_only]
    results: dict[str, tuple[list[int], list[bool]]] = {
        k: ([], []) for k in ("adaptive", "fixed order", "random order")
    }
    everything_right = []
    for truth, base, answers in patients:

        def oracle(finding_id: str, answers=answers) -> FindingState:
            return answers.get(finding_id, FindingState.unknown)

        asked, top = adaptive(kb, base, oracle)
        results["adaptive"][0].append(asked)
        results["adaptive"][1].append(top == truth)
        asked, top = ordered(kb, base, oracle, askable)
        results["fixed order"][0].append(asked)
        results["fixed order"][1].append(top == truth)
        shuffled = list(rng.permutation(askable))
        asked, top = ordered(kb, base, oracle, shuffled)
        results["random order"][0].append(asked)
        results["random order"][1].append(top == truth)
        everything_right.append(everything(kb, base, oracle, askable) == truth)
    print(f"\n{label}: {len(everything_right)} patients")
    for name, (counts, correct) in results.items():
        summarise(name, counts, correct)
    label = f"answering all {len(askable)} questions"
    print(f"{label:<34s} top-1 {np.mean(everything_right):6.1%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--patients", type=int, default=150, help="simulated patients")
    parser.add_argument(
        "--min-gain", type=float, default=None, help="override meta.yaml interview_min_gain"
    )
    parser.add_argument("--no-real", action="store_true", help="skip the real-case set")
    parser.add_argument("--setting", default="neurology")
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    kb = load_knowledge()
    if args.min_gain is not None:
        object.__setattr__(kb.meta, "interview_min_gain", args.min_gain)
    print(
        f"knowledge {kb.version}; patient mode; setting {args.setting}; stop when the leading "
        f"disease's lower 95 % bound >= {kb.meta.stop_threshold}, or no question removes "
        f"{kb.meta.interview_min_gain:.0%} of the remaining uncertainty per unit cost, after "
        f">= {kb.meta.min_answers} answers"
    )
    run(
        "Simulated patients (equal numbers of each modelled disease)",
        simulated_patients(kb, args.patients, args.setting, args.seed),
        kb,
        args.seed,
    )
    if args.no_real:
        return
    run(
        "Real-case set (tests/data/cases; unrecorded findings answered 'don't know')",
        real_patients(kb, args.setting),
        kb,
        args.seed,
    )


if __name__ == "__main__":
    main()
