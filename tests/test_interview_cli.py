"""The terminal interview driven by a scripted stdin, and the API agreeing with the engine."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from fastapi.testclient import TestClient

from neurodiff.engine.interview import interview_step
from neurodiff.web.app import create_app


def test_scripted_interview_runs_to_a_summary_and_writes_the_log(tmp_path: Path) -> None:
    log = tmp_path / "log.json"
    # the first question is the symptom screen (a checklist); then don't-knows, then quit
    answers = "1,2\n" + "d\n" * 4 + "q\n"
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "neurodiff",
            "interview",
            "--age",
            "55",
            "--sex",
            "male",
            "--json-log",
            str(log),
        ],
        input=answers,
        capture_output=True,
        text=True,
        check=False,
        env={"COLUMNS": "100", "PATH": ""},
    )
    assert completed.returncode == 0, completed.stderr
    assert "Summary" in completed.stdout
    assert "This is not a diagnosis" in completed.stdout
    payload = json.loads(log.read_text())
    first = payload["answers"][0]
    assert first["question"] == "symptom_screen" and len(first["answer"]) == 2
    assert abs(sum(d["probability"] for d in payload["assessment"]["differential"]) - 1) < 1e-4


def test_back_undoes_the_last_answer(tmp_path: Path) -> None:
    log = tmp_path / "log.json"
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "neurodiff",
            "interview",
            "--setting",
            "neurology",
            "--json-log",
            str(log),
        ],
        input="1\nb\n0\nq\n",
        capture_output=True,
        text=True,
        check=False,
        env={"COLUMNS": "100", "PATH": ""},
    )
    assert completed.returncode == 0, completed.stderr
    payload = json.loads(log.read_text())
    answers = [a.get("back", a.get("answer")) for a in payload["answers"]]
    assert len(answers[0]) == 1 and answers[1:] == [True, []]
    assert set(payload["case"]["findings"].values()) == {"absent"}


def test_api_and_engine_give_the_same_step() -> None:
    client = TestClient(create_app())
    case = {
        "age": 61,
        "sex": "male",
        "findings": {"dysarthria": "present", "fasciculations": "present"},
    }
    response = client.post("/api/v1/interview/next?mode=patient", json=case)
    assert response.status_code == 200
    assert response.json() == interview_step(case, mode="patient").model_dump(mode="json")
    assert client.post("/api/v1/interview/next", json={"findings": {"x": "yes"}}).status_code == 422
