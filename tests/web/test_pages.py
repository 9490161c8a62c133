"""Server-rendered pages: security headers, limits, the checker flow, no inline code."""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient

from neurodiff.web.app import create_app


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app())


PAGES = [
    "/",
    "/compare",
    "/compare/nmosd/ms",
    "/clinician",
    "/knowledge",
    "/knowledge/als",
    "/docs",
]


@pytest.mark.parametrize("path", [*PAGES, "/healthz", "/api/v1/knowledge", "/static/style.css"])
def test_every_response_carries_the_security_headers(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["x-frame-options"] == "DENY"
    assert "access-control-allow-origin" not in response.headers


@pytest.mark.parametrize("path", PAGES)
def test_pages_have_no_inline_script_or_style_and_no_external_assets(
    client: TestClient, path: str
) -> None:
    text = client.get(path).text
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text)
    assert "style=" not in text
    assert not re.search(r'src="https?://', text)  # every script, image and frame is ours
    assert not re.search(r'<link[^>]+href="https?://', text)  # and every stylesheet


def test_a_ten_megabyte_body_is_refused_with_413(client: TestClient) -> None:
    body = b"{" + b" " * 10_000_000 + b"}"
    response = client.post(
        "/api/v1/assess", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert response.json()["field"] == "body"


def state_of(text: str) -> str:
    match = re.search(r'name="state" value="([^"]*)"', text)
    assert match
    return html.unescape(match.group(1))


def test_checker_runs_from_start_to_a_summary_with_back(client: TestClient) -> None:
    page = client.post(
        "/check", data={"action": "start", "age": "58", "sex": "male", "setting": "neurology"}
    )
    assert page.status_code == 200 and "Why we ask" in page.text
    answered = 0
    while "Your summary" not in page.text and answered < 30:
        state = state_of(page.text)
        if 'name="tick"' in page.text:
            page = client.post("/check", data={"action": "answer", "state": state})
        else:
            page = client.post(
                "/check", data={"action": "answer", "state": state, "answer": "unknown"}
            )
        answered += 1
        assert page.status_code == 200
    assert "Your summary" in page.text and "What to do next" in page.text
    back = client.post("/check", data={"action": "back", "state": state_of(page.text)})
    assert back.status_code == 200 and "Why we ask" in back.text


def test_red_flags_are_shown_before_the_question(client: TestClient) -> None:
    state = '{"findings": {"choking": "present"}, "steps": [["choking"]]}'
    page = client.post("/check", data={"action": "none", "state": state})
    assert page.status_code == 200
    assert page.text.index("Emergency") < page.text.index("Why we ask")


def test_tampered_state_gets_a_clear_422_page(client: TestClient) -> None:
    page = client.post("/check", data={"action": "answer", "state": '{"findings": {"x": "maybe"}}'})
    assert page.status_code == 422
    assert "findings" in page.text


def test_clinician_page_shows_differential_waterfall_and_next_tests(client: TestClient) -> None:
    page = client.post(
        "/clinician",
        data={
            "age": "63",
            "sex": "male",
            "setting": "neurology",
            "f_fasciculations": "present",
            "f_muscle_atrophy": "present",
            "f_hyperreflexia": "present",
            "hpo_terms": "HP:0001260 present",
        },
    )
    assert page.status_code == 200
    assert 'class="waterfall"' in page.text
    assert "Amyotrophic lateral sclerosis" in page.text
    assert "Most useful next steps" in page.text


def test_comparison_cells_link_to_their_sources(client: TestClient) -> None:
    page = client.get("/compare/ms/als").text
    assert 'href="/knowledge/ms#optic_neuritis"' in page
    assert "Muscle weakness (arms and legs)" in page


def test_onset_after_the_current_age_gets_a_clear_422_page(client: TestClient) -> None:
    for path, data in (
        ("/check", {"action": "start", "age": "30", "onset_age": "40"}),
        ("/clinician", {"age": "30", "onset_age": "40", "sex": "female"}),
    ):
        page = client.post(path, data=data)
        assert page.status_code == 422, path
        assert "onset_age" in page.text


def test_clinician_page_keeps_the_onset_age_and_shows_the_duration(client: TestClient) -> None:
    page = client.post(
        "/clinician",
        data={"age": "52", "onset_age": "40", "sex": "male", "f_spasticity": "present"},
    )
    assert page.status_code == 200
    assert 'name="onset_age" type="number" min="0" max="120" value="40"' in page.text
    assert "symptoms for 12 years" in page.text
