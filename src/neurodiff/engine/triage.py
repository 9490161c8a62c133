"""Red flags: present findings that need urgent action, most urgent first."""

from __future__ import annotations

from neurodiff.engine.likelihood import PRESENT, States
from neurodiff.knowledge.load import KnowledgeBase
from neurodiff.knowledge.schema import URGENCY_RANK
from neurodiff.models import RedFlag


def red_flags(states: States, kb: KnowledgeBase) -> list[RedFlag]:
    """Red flags of the present findings, ordered emergency, urgent, routine."""
    flags = [
        (URGENCY_RANK[f.red_flag.urgency], i, f)
        for i, f in enumerate(kb.findings)
        if f.red_flag is not None and states[i] == PRESENT
    ]
    return [
        RedFlag(
            finding=f.id,
            label=f.label,
            urgency=f.red_flag.urgency.value,
            advice=f.red_flag.advice,
        )
        for _, _, f in sorted(flags, key=lambda item: (item[0], item[1]))
        if f.red_flag is not None
    ]
