"""The REST API: the contract, phenopackets, and 422 (never 500) for bad bodies."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from neurodiff.web.app import CASE_EXAMPLE, PHENOPACKET_EXAMPLE, create_app


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app())


def test_healthz(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


@pytest.mark.parametrize("body", [CASE_EXAMPLE, PHENOPACKET_EXAMPLE])
def test_assess_returns_the_contract(client: TestClient, body: dict) -> None:  # type: ignore[type-arg]
    response = client.post("/api/v1/assess", json=body)
    assert response.status_code == 200, response.text
    payload = response.json()
    assert abs(sum(d["probability"] for d in payload["differential"]) - 1) < 1e-4
    assert payload["disclaimer"]
    assert payload["knowledge_version"]


def test_api_and_python_agree(client: TestClient) -> None:
    from neurodiff import assess

    response = client.post("/api/v1/assess", json=CASE_EXAMPLE)
    assert response.json() == assess(CASE_EXAMPLE).model_dump(mode="json")


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b'{"age": -1, "findings": {}}', "age"),
        (b'{"findings": {"HP:9999999": "present"}}', "unknown HPO id"),
        (b'{"findings": {"optic_neuritis": "maybe"}}', "optic_neuritis"),
        (b'{"findings": ', "JSON"),
        (b"\xff\xfe", ""),
        (b"[1, 2]", ""),
        (b'{"phenotypicFeatures": [], "subject": {"id": "x"}}', "no phenotypic features"),
    ],
)
def test_bad_bodies_get_422_with_a_message(
    client: TestClient, content: bytes, fragment: str
) -> None:
    response = client.post(
        "/api/v1/assess", content=content, headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    assert fragment in response.json()["detail"]


def test_unknown_setting_is_422(client: TestClient) -> None:
    response = client.post("/api/v1/assess?setting=moon", json=CASE_EXAMPLE)
    assert response.status_code == 422
    assert "unknown setting" in response.json()["detail"]


def test_knowledge_and_compare(client: TestClient) -> None:
    assert client.get("/api/v1/knowledge").json()["version"]
    table = client.get("/api/v1/compare", params={"diseases": ["als", "ms"]}).json()
    assert table["diseases"] == ["als", "ms"]
    assert client.get("/api/v1/compare", params={"diseases": ["als", "zzz"]}).status_code == 422


def test_openapi_is_published(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert "/api/v1/assess" in spec["paths"]


def test_criteria_and_scales_endpoints_match_the_library(client: TestClient) -> None:
    from neurodiff.criteria import evaluate as criterion
    from neurodiff.scales import evaluate as scale

    body = {
        "regions": {"bulbar": {"umn": True, "lmn": True}, "cervical": {"umn": True, "lmn": True}},
        "progression": True,
        "alternative_excluded": True,
    }
    response = client.post("/api/v1/criteria/el-escorial-revised", json=body)
    assert response.status_code == 200
    assert response.json() == criterion("el-escorial-revised", body).model_dump(mode="json")
    items = {"items": [4] * 12}
    assert client.post("/api/v1/scales/alsfrs-r", json=items).json() == scale(
        "alsfrs-r", items
    ).model_dump(mode="json")
    assert set(client.get("/api/v1/criteria").json()) >= {"mcdonald-2017", "gold-coast"}


def test_bad_criterion_input_is_422(client: TestClient) -> None:
    response = client.post("/api/v1/scales/alsfrs-r", json={"items": [5] * 12})
    assert response.status_code == 422
    assert "items" in response.json()["detail"]
    assert client.post("/api/v1/criteria/nope", json={}).status_code == 422
