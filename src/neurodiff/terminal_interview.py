"""The terminal interview: asks the next best question, shows triage and the running
differential, ends with a summary and the full assessment.

Input is read line by line from stdin (so it can be scripted); output goes through Rich.
Commands at any prompt: ``b`` back (undo the last answer), ``q`` quit.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.panel import Panel
from rich.table import Table

from neurodiff.engine.answers import Answer, apply_answer
from neurodiff.engine.assess import assess
from neurodiff.engine.interview import InterviewStep, interview_step
from neurodiff.knowledge.load import KnowledgeBase
from neurodiff.models import Case, FindingState, Mode, Question
from neurodiff.render import URGENCY_STYLE, render_assessment

Reader = Callable[[str], str | None]
BACK, QUIT = "back", "quit"


class Interview:
    def __init__(
        self,
        kb: KnowledgeBase,
        *,
        mode: Mode,
        person: Case,
        read: Reader,
        console: Console,
    ) -> None:
        self.kb = kb
        self.person = person  # age, onset age, sex, setting; the answers are added per step
        self.mode = mode
        self.read = read
        self.console = console
        self.history: list[dict[str, FindingState]] = [{}]
        self.log: list[dict[str, Any]] = []

    @property
    def findings(self) -> dict[str, FindingState]:
        return self.history[-1]

    def case(self) -> Case:
        return self.person.model_copy(update={"findings": dict(self.findings)})

    def run(self) -> Case:
        self.console.print(Panel(self.kb.meta.patient_disclaimer, title="Before we start"))
        while True:
            step = interview_step(self.case(), mode=self.mode, kb=self.kb)
            self.show(step)
            if step.question is None:
                self.console.print(f"Stopping: {step.stop_reason}.")
                break
            answer = self.ask(step.question)
            if answer is None or answer == QUIT:
                self.console.print("Stopped at your request.")
                break
            if answer == BACK:
                if len(self.history) > 1:
                    self.history.pop()
                    self.log.append({"back": True})
                continue
            self.history.append(apply_answer(self.findings, step.question, answer))
            self.log.append({"question": step.question.id, "answer": answer})
        return self.case()

    def show(self, step: InterviewStep) -> None:
        if step.triage.level in ("emergency", "urgent"):
            for flag in step.triage.flags:
                self.console.print(
                    Panel(
                        flag.advice,
                        title=f"{flag.urgency.upper()}: {flag.label}",
                        style=URGENCY_STYLE.get(flag.urgency, "red"),
                    )
                )
        table = Table(title=f"So far ({step.answered} answered)", title_justify="left")
        table.add_column("Condition")
        table.add_column("Probability", justify="right")
        table.add_column("95 % interval", justify="right")
        for entry in step.differential[:3]:
            low, high = entry.interval
            table.add_row(entry.name, f"{entry.probability:.0%}", f"{low:.0%}–{high:.0%}")
        self.console.print(table)

    def ask(self, question: Question) -> Answer | None:
        self.console.print()
        self.console.print(question.text, style="bold", markup=False)
        self.console.print(f"[dim]Why this question: {question.reason}[/dim]")
        if question.kind == "single":
            prompt = "[y]es / [n]o / [d]on't know / [b]ack / [q]uit: "
        else:
            for number, option in enumerate(question.options, start=1):
                self.console.print(f"  {number}. {option.label}", markup=False)
            prompt = (
                "Choose one number, 0 for none of these"
                if question.kind == "choice"
                else "Numbers that apply, separated by commas, 0 for none"
            ) + ", d don't know, b back, q quit: "
        while True:
            line = self.read(prompt)
            if line is None:
                return None
            answer = parse_answer(line.strip().lower(), question)
            if answer is not None:
                return answer
            self.console.print("[yellow]Please answer with one of the choices shown.[/yellow]")


def parse_answer(text: str, question: Question) -> Answer | None:
    """The answer typed at the prompt, or None when it is not understood."""
    if text in ("q", "quit"):
        return QUIT
    if text in ("b", "back"):
        return BACK
    if text in ("d", "don't know", "dont know", "?"):
        return "unknown"
    if question.kind == "single":
        return {"y": "yes", "yes": "yes", "n": "no", "no": "no"}.get(text)
    numbers = [part.strip() for part in text.replace(" ", ",").split(",") if part.strip()]
    if not numbers or not all(n.isdigit() for n in numbers):
        return None
    picked = [int(n) for n in numbers]
    if picked == [0]:
        return "none" if question.kind == "choice" else []
    if any(not 1 <= n <= len(question.options) for n in picked):
        return None
    chosen = [question.options[n - 1].finding for n in picked]
    if question.kind == "choice":
        return chosen[0] if len(chosen) == 1 else None
    return chosen


def run_interview(
    kb: KnowledgeBase,
    *,
    mode: Mode,
    person: Case,
    read: Reader,
    console: Console,
    json_log: Path | None,
) -> None:
    interview = Interview(kb, mode=mode, person=person, read=read, console=console)
    case = interview.run()
    result = assess(case, kb=kb, mode=mode)
    console.rule("Summary")
    if result.triage is not None:
        style = URGENCY_STYLE.get(result.triage.level, "green")
        console.print(
            Panel(result.triage.advice, title=f"What to do: {result.triage.level}", style=style)
        )
    render_assessment(result, console)
    if json_log is not None:
        json_log.write_text(
            json.dumps(
                {
                    "answers": interview.log,
                    "case": case.model_dump(mode="json"),
                    "assessment": result.model_dump(mode="json"),
                },
                indent=2,
            ),
            encoding="utf-8",
        )
        console.print(f"Transcript written to {json_log}")
