"""The FastAPI application: REST API under /api/v1 (stateless; nothing is stored or logged).

Run it with ``neurodiff serve`` or ``make run``. User errors get HTTP 422 with
``{"detail": "<one line>", "field": ...}``; anything else would be a bug.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import Body, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from swagger_ui_bundle import swagger_ui_path

from neurodiff import __version__
from neurodiff.criteria import CRITERIA
from neurodiff.criteria import evaluate as evaluate_criterion
from neurodiff.engine.assess import assess
from neurodiff.engine.interview import InterviewStep, interview_step
from neurodiff.errors import NeurodiffError
from neurodiff.interop.case_input import case_from_mapping
from neurodiff.knowledge.bands import comparison_table
from neurodiff.knowledge.dump import knowledge_dump
from neurodiff.knowledge.load import load_knowledge
from neurodiff.models import Assessment, Case, Mode
from neurodiff.scales import SCALES
from neurodiff.scales import evaluate as evaluate_scale
from neurodiff.web.pages import page_router
from neurodiff.web.security import SecurityMiddleware

WEB_DIR = Path(__file__).parent

CASE_EXAMPLE = {
    "age": 34,
    "sex": "female",
    "setting": "neurology",
    "findings": {"optic_neuritis": "present", "HP:0003401": "present", "fasciculations": "absent"},
}
PHENOPACKET_EXAMPLE = {
    "id": "example",
    "subject": {
        "id": "p1",
        "sex": "MALE",
        "timeAtLastEncounter": {"age": {"iso8601duration": "P61Y"}},
    },
    "phenotypicFeatures": [
        {"type": {"id": "HP:0002380", "label": "Fasciculations"}},
        {"type": {"id": "HP:0001260", "label": "Dysarthria"}},
        {"type": {"id": "HP:0003474", "label": "Somatic sensory dysfunction"}, "excluded": True},
    ],
    "metaData": {"created": "2026-11-27T00:00:00Z", "phenopacketSchemaVersion": "2.0"},
}


def create_app() -> FastAPI:
    """Build the application (factory, so every worker and test gets its own)."""
    kb = load_knowledge()
    app = FastAPI(
        docs_url=None,
        redoc_url=None,
        title="neurodiff",
        version=__version__,
        description=(
            "Explainable differential diagnosis of MS, ALS and their mimics. "
            "Supports decisions; does not make them. Stateless: no patient data is stored "
            "or logged."
        ),
    )

    app.add_middleware(SecurityMiddleware)
    app.mount("/static", StaticFiles(directory=str(WEB_DIR / "static")), name="static")
    app.mount("/api-assets", StaticFiles(directory=str(swagger_ui_path)), name="api-assets")
    app.include_router(page_router(kb))

    @app.get("/favicon.ico", include_in_schema=False)
    async def favicon() -> FileResponse:
        return FileResponse(WEB_DIR / "static" / "favicon.svg", media_type="image/svg+xml")

    @app.get("/docs", include_in_schema=False)
    async def api_docs() -> HTMLResponse:
        """Interactive API documentation (vendored Swagger UI, no CDN)."""
        return HTMLResponse((WEB_DIR / "templates" / "docs.html").read_text(encoding="utf-8"))

    @app.exception_handler(NeurodiffError)
    async def user_error(_: Request, exc: NeurodiffError) -> JSONResponse:
        return JSONResponse(status_code=422, content={"detail": str(exc), "field": exc.field})

    @app.exception_handler(RequestValidationError)
    async def request_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {"loc": (), "msg": "invalid request"}
        location = ".".join(str(part) for part in first.get("loc", ()))
        return JSONResponse(
            status_code=422,
            content={"detail": f"{location}: {first.get('msg')}", "field": location or None},
        )

    @app.get("/healthz", tags=["service"])
    async def healthz() -> dict[str, str]:
        """Liveness: the knowledge base is loaded."""
        return {"status": "ok", "knowledge_version": kb.version}

    @app.post("/api/v1/assess", response_model=Assessment, tags=["assess"])
    async def assess_case(
        case: Annotated[
            Case | dict[str, Any],
            Body(
                description="A neurodiff Case or a GA4GH Phenopacket v2 (JSON object).",
                openapi_examples={
                    "case": {"summary": "neurodiff Case", "value": CASE_EXAMPLE},
                    "phenopacket": {"summary": "Phenopacket v2", "value": PHENOPACKET_EXAMPLE},
                },
            ),
        ],
        setting: Annotated[
            str | None, Query(description="Prior setting; overrides the case's.")
        ] = None,
        mode: Annotated[Mode, Query(description="Next steps for a clinician or a patient.")] = (
            Mode.clinician
        ),
    ) -> Assessment:
        """Rank the modelled diseases for one case, with intervals, evidence and next steps."""
        return assess(case_from_mapping(case, source="body"), kb=kb, setting=setting, mode=mode)

    @app.post("/api/v1/interview/next", response_model=InterviewStep, tags=["interview"])
    async def interview_next(
        case: Annotated[
            Case | dict[str, Any],
            Body(description="All the evidence so far, as a Case (the server keeps nothing)."),
        ],
        mode: Annotated[Mode, Query(description="patient | clinician")] = Mode.patient,
    ) -> InterviewStep:
        """The next question (or grouped question) with its reason, the triage, the running
        differential and whether to stop. Resend all answers each turn."""
        return interview_step(case_from_mapping(case, source="body"), mode=mode, kb=kb)

    @app.get("/api/v1/criteria", tags=["criteria"])
    async def list_criteria() -> dict[str, str]:
        """The available diagnostic criteria."""
        return {name: entry.title for name, entry in CRITERIA.items()}

    @app.post("/api/v1/criteria/{name}", tags=["criteria"])
    async def apply_criterion(
        name: str, data: Annotated[dict[str, Any], Body(description="Criterion input.")]
    ) -> dict[str, Any]:
        """Apply a criterion rule by rule (fields: docs/criteria.md)."""
        return evaluate_criterion(name, data).model_dump(mode="json")

    @app.get("/api/v1/scales", tags=["scales"])
    async def list_scales() -> dict[str, str]:
        """The available rating scales and staging systems."""
        return {name: entry.title for name, entry in SCALES.items()}

    @app.post("/api/v1/scales/{name}", tags=["scales"])
    async def compute_scale(
        name: str, data: Annotated[dict[str, Any], Body(description="Scale input.")]
    ) -> dict[str, Any]:
        """Compute a scale or stage (fields: docs/criteria.md)."""
        return evaluate_scale(name, data).model_dump(mode="json")

    @app.get("/api/v1/knowledge", tags=["knowledge"])
    async def knowledge() -> dict[str, Any]:
        """The whole knowledge base with the provenance of every number."""
        return knowledge_dump(kb)

    @app.get("/api/v1/compare", tags=["knowledge"])
    async def compare(
        diseases: Annotated[list[str], Query(description="Disease ids, e.g. als and ms.")] = [  # noqa: B006
            "als",
            "ms",
        ],
    ) -> dict[str, Any]:
        """The article-style comparison table for two or more diseases."""
        table = comparison_table(kb, diseases)
        return table.model_dump(mode="json")

    return app
