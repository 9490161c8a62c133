"""The command line: JSON contract, readable output, and one-line errors with exit code 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from neurodiff.cli import app

RUNNER = CliRunner()
CONTRACT_KEYS = {
    "differential",
    "evidence",
    "unmodelled",
    "next_best",
    "should_stop",
    "red_flags",
    "knowledge_version",
    "disclaimer",
}


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "neurodiff", *args], capture_output=True, text=True, check=False
    )


@pytest.fixture()
def case_file(tmp_path: Path) -> Path:
    path = tmp_path / "case.json"
    path.write_text(
        json.dumps(
            {
                "age": 62,
                "sex": "male",
                "findings": {
                    "fasciculations": "present",
                    "HP:0001260": "present",
                    "choking": "present",
                },
            }
        )
    )
    return path


def test_assess_json_follows_the_contract(case_file: Path) -> None:
    result = RUNNER.invoke(app, ["assess", "--case", str(case_file), "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert set(payload) >= CONTRACT_KEYS
    assert abs(sum(d["probability"] for d in payload["differential"]) - 1) < 1e-4
    assert payload["red_flags"][0]["finding"] == "choking"
    assert payload["red_flags"][0]["urgency"] == "emergency"


def test_assess_table_puts_red_flags_first_and_shows_the_disclaimer(case_file: Path) -> None:
    result = RUNNER.invoke(app, ["assess", "--case", str(case_file)])
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.index("EMERGENCY") < text.index("Differential")
    assert "does not make them" in text


def test_assess_reads_a_phenopacket(tmp_path: Path) -> None:
    packet = {
        "id": "p",
        "subject": {"id": "s", "sex": "FEMALE"},
        "phenotypicFeatures": [{"type": {"id": "HP:0100653", "label": "Optic neuritis"}}],
        "metaData": {"created": "2026-01-01T00:00:00Z", "phenopacketSchemaVersion": "2.0"},
    }
    path = tmp_path / "packet.json"
    path.write_text(json.dumps(packet))
    result = RUNNER.invoke(
        app, ["assess", "--phenopacket", str(path), "--json", "--setting", "general"]
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["setting"] == "general"
    assert payload["evidence"][0]["finding"] == "optic_neuritis"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"age": -4, "findings": {}}', "age: Input should be greater than or equal to 0"),
        (b'{"findings": {"fasciculation": "present"}}', "did you mean 'fasciculations'"),
        (b'{"findings": {"HP:9999999": "present"}}', "unknown HPO id"),
        (
            b'{"findings": {"dysarthria": "yes"}}',
            "Input should be 'present', 'absent' or 'unknown'",
        ),
        (b'{"findings": ', "not valid JSON"),
        (b"\xff\xfe\x00", "not UTF-8"),
        (b'{"setting": "mars", "findings": {}}', "unknown setting 'mars'"),
        (b'{"age": 30, "onset_age": 40, "findings": {}}', "onset_age (40) is after the age"),
    ],
)
def test_bad_case_gives_one_line_and_exit_code_2(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    completed = run_cli("assess", "--case", str(path))
    assert completed.returncode == 2
    assert message in completed.stderr
    assert completed.stderr.count("\n") == 1
    assert "Traceback" not in completed.stderr


def test_phenopacket_without_features_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "empty.json"
    path.write_text(json.dumps({"id": "x", "subject": {"id": "s"}, "phenotypicFeatures": []}))
    completed = run_cli("assess", "--phenopacket", str(path))
    assert completed.returncode == 2
    assert "no phenotypic features" in completed.stderr


def test_missing_input_is_a_clear_error() -> None:
    completed = run_cli("assess")
    assert completed.returncode == 2
    assert "give exactly one of --case FILE or --phenopacket FILE" in completed.stderr


def test_compare_unknown_disease_is_a_clear_error() -> None:
    completed = run_cli("compare", "als", "flu")
    assert completed.returncode == 2
    assert "unknown disease 'flu'" in completed.stderr


def test_knowledge_json_includes_provenance() -> None:
    result = RUNNER.invoke(app, ["knowledge", "--json"])
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    ms = next(d for d in payload["diseases"] if d["id"] == "ms")
    assert all("kind" in entry["presentation"] for entry in ms["findings"].values())
    assert payload["references"]


def test_knowledge_stats_prints_the_shares() -> None:
    result = RUNNER.invoke(app, ["knowledge", "--stats"])
    assert result.exit_code == 0
    assert "literature share: all" in result.stdout
    assert "ms+als" in result.stdout


def test_help_teaches_with_examples() -> None:
    result = RUNNER.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "neurodiff compare als ms" in result.stdout
    assert "assess" in result.stdout


GOLD_COAST_INPUT = {
    "regions": {"cervical": {"umn": True, "lmn": True}, "lumbosacral": {"lmn": True}},
    "progression": True,
    "alternative_excluded": True,
}


def test_criteria_command_applies_a_criterion(tmp_path: Path) -> None:
    path = tmp_path / "gc.json"
    path.write_text(json.dumps(GOLD_COAST_INPUT))
    result = RUNNER.invoke(app, ["criteria", "gold-coast", "--input", str(path), "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["outcome"] == "met"
    assert {r["rule"] for r in payload["rules"]} >= {"progression"}


def test_score_command_computes_alsfrs_r(tmp_path: Path) -> None:
    path = tmp_path / "items.json"
    path.write_text(json.dumps({"items": [4, 4, 3, 3, 3, 3, 2, 2, 2, 4, 4, 4]}))
    result = RUNNER.invoke(app, ["score", "alsfrs-r", "--input", str(path), "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["total"] == 38
    assert payload["bulbar"] == 11


def test_out_of_range_scale_input_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "items.json"
    path.write_text(json.dumps({"items": [4, 4, 9, 3, 3, 3, 2, 2, 2, 4, 4, 4]}))
    completed = run_cli("score", "alsfrs-r", "--input", str(path))
    assert completed.returncode == 2
    assert "items[2]" in completed.stderr
    assert "Traceback" not in completed.stderr


def test_interview_refuses_an_onset_after_the_current_age() -> None:
    completed = run_cli("interview", "--age", "30", "--onset-age", "40")
    assert completed.returncode == 2
    assert "--onset-age" in completed.stderr
    assert "Traceback" not in completed.stderr
