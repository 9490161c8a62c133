"""Triage: red flags from single findings and from combinations, most urgent first.

Levels: ``emergency`` (call emergency services: acute breathing difficulty, choking,
sudden vision loss, stroke-like weakness), ``urgent`` (see a doctor within 24 hours),
``routine`` (see a doctor or neurologist), ``none`` (nothing reported yet).
"""

from __future__ import annotations

from neurodiff.engine.likelihood import PRESENT, States
from neurodiff.knowledge.load import KnowledgeBase
from neurodiff.knowledge.schema import URGENCY_RANK, Urgency
from neurodiff.models import RedFlag, Triage

ROUTINE_ADVICE = (
    "These symptoms deserve a medical opinion: see your doctor, who can examine you and, "
    "if needed, refer you to a neurologist."
)
NONE_ADVICE = "No symptoms reported yet."


def red_flags(states: States, kb: KnowledgeBase) -> list[RedFlag]:
    """Red flags of the present findings and of matched combinations, most urgent first."""
    present = {kb.findings[i].id for i in range(len(kb.findings)) if states[i] == PRESENT}
    flagged: list[tuple[int, int, RedFlag]] = []
    for order, finding in enumerate(kb.findings):
        if finding.red_flag is not None and finding.id in present:
            flagged.append(
                (
                    URGENCY_RANK[finding.red_flag.urgency],
                    order,
                    RedFlag(
                        finding=finding.id,
                        label=finding.label,
                        urgency=finding.red_flag.urgency.value,
                        advice=finding.red_flag.advice,
                        findings=[finding.id],
                    ),
                )
            )
    for order, rule in enumerate(kb.triage_rules, start=len(kb.findings)):
        if set(rule.all_of) <= present:
            flagged.append(
                (
                    URGENCY_RANK[rule.urgency],
                    order,
                    RedFlag(
                        finding=rule.id,
                        label=rule.label,
                        urgency=rule.urgency.value,
                        advice=rule.advice,
                        findings=list(rule.all_of),
                    ),
                )
            )
    return [flag for _, _, flag in sorted(flagged, key=lambda item: (item[0], item[1]))]


def triage(states: States, kb: KnowledgeBase) -> Triage:
    """The overall triage level and advice for the evidence so far."""
    flags = red_flags(states, kb)
    if flags:
        top = flags[0]
        return Triage(level=top.urgency, advice=top.advice, flags=flags)
    if (states == PRESENT).any():
        return Triage(level=Urgency.routine.value, advice=ROUTINE_ADVICE, flags=[])
    return Triage(level="none", advice=NONE_ADVICE, flags=[])
