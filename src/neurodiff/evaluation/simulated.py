"""Write a simulated cohort (sampled from the knowledge base) as phenopackets."""

from __future__ import annotations

import json
from pathlib import Path

from neurodiff.engine.model import compile_model
from neurodiff.engine.simulate import sample_cohort
from neurodiff.interop.phenopacket import phenopacket_from_states
from neurodiff.knowledge.load import KnowledgeBase
from neurodiff.models import Sex


def write_simulated_cohort(
    kb: KnowledgeBase,
    out: Path,
    size: int,
    *,
    setting: str = "neurology",
    observed_share: float = 0.15,
    seed: int = 0,
    balanced: bool = False,
) -> int:
    """Sample ``size`` patients and write one phenopacket each; returns the count written.

    ``balanced`` draws the same number of patients per disease instead of the prior.
    """
    import numpy as np

    model = compile_model(kb)
    diseases = np.arange(size, dtype=np.intp) % len(kb.diseases) if balanced else None
    cohort = sample_cohort(
        model, size, setting=setting, observed_share=observed_share, seed=seed, diseases=diseases
    )
    out.mkdir(parents=True, exist_ok=True)
    # Every finding is written as NEURODIFF:<id>, not as its HPO term: the sampler does
    # not enforce HPO nesting, and an HPO term would imply its modelled ancestors.
    hpo_of: dict[str, str | None] = {f.id: None for f in kb.findings}
    label_of = {f.id: f.label for f in kb.findings}
    rng = np.random.default_rng(seed + 1)
    for i in range(size):
        states = cohort.states[i].copy()
        if not (states >= 0).any():  # a phenopacket needs a feature: reveal one true state
            column = int(rng.integers(states.size))
            states[column] = cohort.complete[i, column]
        findings = {
            kb.finding_ids[f]: bool(states[f] == 1) for f in range(states.size) if states[f] >= 0
        }
        disease = kb.diseases[int(cohort.diseases[i])]
        packet = phenopacket_from_states(
            f"sim-{seed}-{i:06d}",
            findings,
            age=int(cohort.demographics.ages[i]),
            onset_age=int(cohort.demographics.onset_ages[i]),
            sex=Sex.male if cohort.demographics.sexes[i] == 1 else Sex.female,
            disease=(f"NEURODIFF:{disease.id}", disease.name),
            kb_version=kb.version,
            hpo_of=hpo_of,
            label_of=label_of,
        )
        (out / f"sim-{i:06d}.json").write_text(json.dumps(packet, indent=1), encoding="utf-8")
    return size
