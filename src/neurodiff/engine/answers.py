"""Apply an interview answer to the findings (pure): the one place answers become states.

Answers: for a single question ``yes``, ``no`` or ``unknown``; for a choice, the chosen
finding id, ``none`` or ``unknown``; for a checklist, a list of the finding ids that
apply (``[]`` = none of these) or ``unknown``.
"""

from __future__ import annotations

from collections.abc import Sequence

from neurodiff.errors import InvalidCaseError
from neurodiff.models import FindingState, Question

Answer = str | Sequence[str]


def apply_answer(
    findings: dict[str, FindingState], question: Question, answer: Answer
) -> dict[str, FindingState]:
    """New findings with the answer to ``question`` applied (the input is not changed)."""
    options = [o.finding for o in question.options]
    updated = dict(findings)
    if answer == "unknown":
        updated.update({finding: FindingState.unknown for finding in options})
        return updated
    if question.kind == "single":
        if answer not in ("yes", "no"):
            raise InvalidCaseError("answer yes, no or unknown", field="answer")
        updated[options[0]] = FindingState.present if answer == "yes" else FindingState.absent
        return updated
    if question.kind == "choice":
        if answer != "none" and answer not in options:
            raise InvalidCaseError(f"choose one of {options}, none or unknown", field="answer")
        for finding in options:
            updated[finding] = FindingState.present if finding == answer else FindingState.absent
        return updated
    chosen = [answer] if isinstance(answer, str) else list(answer)
    unknown = [c for c in chosen if c not in options]
    if unknown:
        raise InvalidCaseError(f"not an option of this question: {unknown}", field="answer")
    for finding in options:
        updated[finding] = FindingState.present if finding in chosen else FindingState.absent
    return updated
