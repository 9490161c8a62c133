"""`knowledge validate` passes on the packaged knowledge base and fails on broken copies."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from neurodiff.cli import app
from neurodiff.knowledge.load import DATA_DIR

RUNNER = CliRunner()


def validate(root: Path | None = None) -> tuple[int, str]:
    args = ["knowledge", "validate"] + (["--root", str(root)] if root else [])
    result = RUNNER.invoke(app, args)
    return result.exit_code, result.output


@pytest.fixture()
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "kb"
    shutil.copytree(DATA_DIR, target)
    return target


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found in {path.name}: {old!r}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_packaged_knowledge_base_is_valid() -> None:
    code, output = validate()
    assert code == 0, output
    summary = next(line for line in output.splitlines() if line.startswith("knowledge "))
    assert summary.endswith("valid")


def test_copy_is_as_valid_as_the_original(copy: Path) -> None:
    assert validate(copy)[1].splitlines()[-1] == validate()[1].splitlines()[-1]


def test_number_without_provenance_fails(copy: Path) -> None:
    edit(copy / "diseases" / "ms.yaml", "kind: literature, ", "")
    code, output = validate(copy)
    assert code == 1
    assert "diseases/ms.yaml" in output and "kind" in output


def test_citation_key_without_reference_fails(copy: Path) -> None:
    text = (copy / "diseases" / "als.yaml").read_text()
    key = re.search(r"source: (\w+)", text)
    assert key
    edit(copy / "diseases" / "als.yaml", f"source: {key[1]}", "source: NoSuchPaper1999")
    code, output = validate(copy)
    assert code == 1
    assert "citation key 'NoSuchPaper1999' has no reference" in output


def test_malformed_pmid_and_doi_fail(copy: Path) -> None:
    edit(copy / "references" / "seed.yaml", 'pmid: "33174475"', 'pmid: "PMID33174475"')
    edit(copy / "references" / "seed.yaml", 'doi: "10.5489/cuaj.4058"', 'doi: "cuaj.4058"')
    code, output = validate(copy)
    assert code == 1
    assert "references/Walton2020.pmid: 'PMID33174475' is not a PubMed id" in output
    assert "references/Aharony2017.doi: 'cuaj.4058' is not a DOI" in output


def test_hpo_id_that_does_not_exist_fails(copy: Path) -> None:
    edit(copy / "findings" / "motor.yaml", "hpo: HP:0003690", "hpo: HP:9999999")
    code, output = validate(copy)
    assert code == 1
    assert "findings/limb_weakness.hpo: HP:9999999 is not a current HPO term" in output


def test_mapping_exception_term_that_does_not_exist_fails(copy: Path) -> None:
    edit(copy / "findings" / "sensory.yaml", "- HP:0006858", "- HP:9999998")
    code, output = validate(copy)
    assert code == 1
    assert "findings/sensory_symptoms.hpo_not_implied_by: HP:9999998 is not" in output


def test_hpo_label_that_disagrees_fails(copy: Path) -> None:
    edit(copy / "findings" / "motor.yaml", "hpo_label: Paralysis", "hpo_label: Paresis")
    code, output = validate(copy)
    assert code == 1
    assert "findings/paralysis.hpo_label: HP:0003470 is 'Paralysis'" in output


def test_probability_outside_zero_one_fails(copy: Path) -> None:
    text = (copy / "diseases" / "als.yaml").read_text()
    value = re.search(r"presentation: \{p: ([0-9.]+)", text)
    assert value
    edit(copy / "diseases" / "als.yaml", f"presentation: {{p: {value[1]}", "presentation: {p: 1.2")
    code, output = validate(copy)
    assert code == 1
    assert "less than 1" in output


def test_unused_finding_fails(copy: Path) -> None:
    (copy / "findings" / "extra.yaml").write_text(
        "- id: hiccups\n  label: Hiccups\n  plain: Hiccups\n  question: Hiccups?\n"
        "  category: history\n  patient_askable: true\n  hpo_note: none\n"
    )
    edit(copy / "meta.yaml", "  - tests.yaml", "  - tests.yaml\n  - extra.yaml")
    edit(
        copy / "diseases" / "other.yaml",
        "findings:\n",
        "findings:\n  hiccups:\n"
        '    presentation: {p: 0.01, kind: expert-estimate, rationale: "x"}\n',
    )
    code, output = validate(copy)
    assert code == 1
    assert "findings/hiccups: unused" in output


def test_literature_share_below_the_required_floor_fails(copy: Path) -> None:
    # turn every literature number of MS into an expert estimate
    path = copy / "diseases" / "ms.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("qualitative: true, ", "").replace(", qualitative: true", "")
    count = text.count("kind: literature,")
    assert count > 40
    expert = 'kind: expert-estimate, rationale: "x",'
    path.write_text(text.replace("kind: literature,", expert), encoding="utf-8")
    code, output = validate(copy)
    assert code == 1
    assert re.search(r"literature share for ms\+als is \d+\.\d%, below the required 80%", output)
