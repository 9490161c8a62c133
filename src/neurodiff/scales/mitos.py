"""ALS Milano-Torino Staging (MiToS), Chiò et al. 2015, from ALSFRS-R items.

Independence is lost in a domain when (Table 1 of the paper):

* walking/self-care: item 8 (walking) <= 1 or item 6 (dressing and hygiene) <= 1
* swallowing: item 3 <= 1
* communicating: item 1 (speech) <= 1 and item 4 (handwriting) <= 1
* breathing: item 10 (dyspnoea) <= 1 or item 12 (respiratory insufficiency) <= 2

The stage is the number of domains lost (0-4); stage 5 is death (``deceased``).
"""

from __future__ import annotations

from collections.abc import Callable

from pydantic import BaseModel

from neurodiff.criteria.result import ScaleResult, rule
from neurodiff.criteria.validation import STRICT, ALSFRSItems

REFERENCE = (
    "Chiò A, Hammond ER, Mora G, Bonito V, Filippini G. Development and evaluation of a "
    "clinical staging system for amyotrophic lateral sclerosis. J Neurol Neurosurg Psychiatry "
    "2015;86(1):38-44"
)

DOMAINS: dict[str, tuple[Callable[[list[int]], bool], str]] = {
    "walking_self_care": (
        lambda i: i[7] <= 1 or i[5] <= 1,
        "walking (item 8) <= 1 or dressing and hygiene (item 6) <= 1",
    ),
    "swallowing": (lambda i: i[2] <= 1, "swallowing (item 3) <= 1"),
    "communicating": (
        lambda i: i[0] <= 1 and i[3] <= 1,
        "speech (item 1) <= 1 and handwriting (item 4) <= 1",
    ),
    "breathing": (
        lambda i: i[9] <= 1 or i[11] <= 2,
        "dyspnoea (item 10) <= 1 or respiratory insufficiency (item 12) <= 2",
    ),
}


class MitosInput(BaseModel):
    """Input of ``mitos``."""

    model_config = STRICT
    alsfrs_r_items: ALSFRSItems
    deceased: bool = False


class MitosResult(ScaleResult):
    """MiToS stage and the domains in which independence is lost."""

    stage: int
    lost_domains: list[str]


def lost_domains(items: list[int]) -> list[str]:
    """Domains in which independence is lost."""
    return [name for name, (lost, _) in DOMAINS.items() if lost(items)]


def evaluate(data: MitosInput) -> MitosResult:
    """Stage ALS with MiToS."""
    lost = lost_domains(data.alsfrs_r_items)
    stage = 5 if data.deceased else len(lost)
    rules = [rule(f"{name}_lost", name in lost, text) for name, (_, text) in DOMAINS.items()]
    missing = (
        []
        if stage >= 4
        else [
            f"{text} would add the {name} domain (stage {stage + 1})"
            for name, (_, text) in DOMAINS.items()
            if name not in lost
        ]
    )
    return MitosResult(
        scale="mitos",
        outcome=str(stage),
        rules=rules,
        missing=missing,
        reference=[REFERENCE],
        stage=stage,
        lost_domains=lost,
    )
