"""Server-rendered pages: symptom checker, comparison, clinician workspace, knowledge.

Every page works without JavaScript; forms post back everything the server needs, and
the server keeps nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from neurodiff.engine.assess import assess
from neurodiff.engine.interview import interview_step
from neurodiff.errors import InvalidCaseError, NeurodiffError
from neurodiff.interop.case_input import case_from_mapping
from neurodiff.knowledge.bands import comparison_table
from neurodiff.knowledge.export import cited_keys
from neurodiff.knowledge.load import KnowledgeBase
from neurodiff.knowledge.schema import Category
from neurodiff.models import Case, FindingState, Mode
from neurodiff.web.charts import waterfall_svg
from neurodiff.web.checker import CheckerState, answer_from_form, decode_state

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
STATES = ("unknown", "present", "absent")


def page_router(kb: KnowledgeBase) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        return TEMPLATES.TemplateResponse(request, name, {"kb": kb, **context}, status_code=status)

    def error(request: Request, exc: NeurodiffError) -> HTMLResponse:
        return render(request, "error.html", status=422, message=str(exc))

    @router.get("/", response_class=HTMLResponse)
    async def checker_start(request: Request) -> HTMLResponse:
        return render(request, "checker_start.html")

    @router.post("/check", response_class=HTMLResponse)
    async def checker_step(
        request: Request,
        state: Annotated[str, Form()] = "",
        action: Annotated[str, Form()] = "answer",
        age: Annotated[str, Form()] = "",
        onset_age: Annotated[str, Form()] = "",
        sex: Annotated[str, Form()] = "unknown",
        setting: Annotated[str, Form()] = "general",
        answer: Annotated[str | None, Form()] = None,
    ) -> HTMLResponse:
        try:
            current = decode_state(state)
            if action == "start":
                current = _start_state(age, onset_age, sex, setting, kb)
            elif action == "back":
                current = current.back()
            elif action == "answer":
                step = interview_step(current.case(), mode=Mode.patient, kb=kb)
                if step.question is not None:
                    form = await request.form()
                    ticks = [str(v) for v in form.getlist("tick")]
                    given = answer_from_form(step.question, answer, ticks)
                    current = current.answered(step.question, given)
            step = interview_step(current.case(), mode=Mode.patient, kb=kb)
        except NeurodiffError as exc:
            return error(request, exc)
        summary = assess(current.case(), kb=kb, mode=Mode.patient) if step.should_stop else None
        return render(
            request,
            "checker.html",
            step=step,
            state=current.encode(),
            answered=len(current.steps),
            summary=summary,
            print_view=action == "finish",
        )

    @router.get("/compare", response_class=HTMLResponse)
    async def compare_index(request: Request) -> HTMLResponse:
        table = comparison_table(kb, ["ms", "als"])
        return render(request, "compare.html", table=table, first="ms", second="als", index=True)

    @router.get("/compare/{first}/{second}", response_class=HTMLResponse)
    async def compare_pair(request: Request, first: str, second: str) -> HTMLResponse:
        try:
            table = comparison_table(kb, [first, second])
        except NeurodiffError as exc:
            return render(request, "error.html", status=404, message=str(exc))
        return render(request, "compare.html", table=table, first=first, second=second, index=False)

    @router.get("/clinician", response_class=HTMLResponse)
    async def clinician_form(request: Request) -> HTMLResponse:
        return render(request, "clinician.html", **_clinician_context(kb, Case(), None))

    @router.post("/clinician", response_class=HTMLResponse)
    async def clinician_assess(request: Request) -> HTMLResponse:
        form = await request.form()
        try:
            case = _case_from_form({k: str(v) for k, v in form.items()}, kb)
            result = assess(case, kb=kb, mode=Mode.clinician)
        except NeurodiffError as exc:
            return error(request, exc)
        return render(request, "clinician.html", **_clinician_context(kb, case, result))

    @router.get("/knowledge", response_class=HTMLResponse)
    async def knowledge_index(request: Request) -> HTMLResponse:
        from neurodiff.knowledge.stats import provenance_stats

        return render(request, "knowledge_index.html", stats=provenance_stats(kb))

    @router.get("/knowledge/{disease_id}", response_class=HTMLResponse)
    async def knowledge_disease(request: Request, disease_id: str) -> HTMLResponse:
        if not kb.has_disease(disease_id):
            message = f"unknown disease {disease_id!r}"
            return render(request, "error.html", status=404, message=message)
        disease = kb.disease(disease_id)
        return render(
            request,
            "knowledge_disease.html",
            disease=disease,
            page=kb.pages.get(disease_id),
            rows=[(f, disease.findings[f.id]) for f in kb.findings if f.id in disease.findings],
            cited=cited_keys(kb, disease),
        )

    return router


def _start_state(
    age: str, onset_age: str, sex: str, setting: str, kb: KnowledgeBase
) -> CheckerState:
    if setting not in kb.meta.settings:
        raise InvalidCaseError(
            f"setting must be one of {sorted(kb.meta.settings)}", field="setting"
        )
    case = case_from_mapping(
        {
            "age": _years(age, "age"),
            "onset_age": _years(onset_age, "onset_age"),
            "sex": sex,
            "setting": setting,
        },
        source="form",
    )
    return CheckerState(age=case.age, onset_age=case.onset_age, sex=case.sex, setting=setting)


def _years(text: str, field: str) -> float | None:
    """A form's age field: empty or a number (the Case checks the range)."""
    try:
        return float(text) if text.strip() else None
    except ValueError:
        raise InvalidCaseError(f"must be a number of years, got {text!r}", field=field) from None


def _case_from_form(form: dict[str, str], kb: KnowledgeBase) -> Case:
    findings: dict[str, FindingState] = {}
    for finding in kb.findings:
        value = form.get(f"f_{finding.id}", "unknown")
        if value not in STATES:
            raise InvalidCaseError(
                f"state must be one of {STATES}", field=f"findings[{finding.id!r}]"
            )
        if value != "unknown":
            findings[finding.id] = FindingState(value)
    for line in form.get("hpo_terms", "").splitlines():
        parts = line.split()
        if not parts:
            continue
        state = parts[1].lower() if len(parts) > 1 else "present"
        if state not in ("present", "absent"):
            raise InvalidCaseError(
                f"write 'HP:nnnnnnn present' or 'absent', got {line!r}", field="hpo_terms"
            )
        findings[parts[0]] = FindingState(state)
    return case_from_mapping(
        {
            "age": _years(form.get("age", ""), "age"),
            "onset_age": _years(form.get("onset_age", ""), "onset_age"),
            "sex": form.get("sex", "unknown"),
            "setting": form.get("setting", "neurology"),
            "findings": findings,
        },
        source="form",
    )


def _clinician_context(kb: KnowledgeBase, case: Case, result: Any) -> dict[str, Any]:
    groups = [
        (category.value, [f for f in kb.findings if f.category is category])
        for category in Category
    ]
    chart = waterfall_svg(result, result.differential[0].id) if result else None
    hpo_lines = "\n".join(
        f"{k} {v.value}" for k, v in case.findings.items() if not kb.has_finding(k)
    )
    return {
        "groups": [(name, items) for name, items in groups if items],
        "case": case,
        "result": result,
        "chart": chart,
        "hpo_lines": hpo_lines,
    }
