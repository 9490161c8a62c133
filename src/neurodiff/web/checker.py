"""The patient symptom checker's form state (stateless: it travels in a hidden field).

The page posts back the whole state: age, sex, setting, the findings so far and which
findings each answer set (so that 'back' can undo the last answer). Nothing is stored.
"""

from __future__ import annotations

import json
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from neurodiff.engine.answers import Answer, apply_answer
from neurodiff.errors import InvalidCaseError
from neurodiff.interop.case_input import validation_message
from neurodiff.models import Case, FindingState, Question, Sex

MAX_STATE_BYTES = 50_000


class CheckerState(BaseModel):
    model_config = ConfigDict(extra="forbid")

    age: Annotated[float, Field(ge=0, le=120)] | None = None
    onset_age: Annotated[float, Field(ge=0, le=120)] | None = None
    sex: Sex = Sex.unknown
    setting: str = "general"
    findings: dict[str, FindingState] = Field(default_factory=dict)
    steps: list[list[str]] = Field(default_factory=list)

    def case(self) -> Case:
        return Case(
            age=self.age,
            onset_age=self.onset_age,
            sex=self.sex,
            setting=self.setting,
            findings=self.findings,
        )

    def answered(self, question: Question, answer: Answer) -> CheckerState:
        findings = apply_answer(self.findings, question, answer)
        changed = [f for f in findings if findings[f] != self.findings.get(f)]
        changed += [o.finding for o in question.options if o.finding not in changed]
        return self.model_copy(update={"findings": findings, "steps": [*self.steps, changed]})

    def back(self) -> CheckerState:
        if not self.steps:
            return self
        last = set(self.steps[-1])
        findings = {k: v for k, v in self.findings.items() if k not in last}
        return self.model_copy(update={"findings": findings, "steps": self.steps[:-1]})

    def encode(self) -> str:
        return self.model_dump_json()


def decode_state(text: str | None) -> CheckerState:
    """The state from the hidden field; one clear error when it has been tampered with."""
    if not text:
        return CheckerState()
    if len(text) > MAX_STATE_BYTES:
        raise InvalidCaseError("form state too large", field="state")
    try:
        return CheckerState.model_validate(json.loads(text))
    except json.JSONDecodeError:
        raise InvalidCaseError("form state is not valid JSON", field="state") from None
    except ValidationError as exc:
        raise InvalidCaseError(validation_message(exc), field="state") from None


def answer_from_form(question: Question, answer: str | None, ticks: list[str]) -> Answer:
    """The answer to ``question`` from the submitted form fields."""
    if question.kind == "checklist":
        if answer == "unknown":
            return "unknown"
        return ticks
    if not answer:
        raise InvalidCaseError("choose an answer", field="answer")
    return answer
