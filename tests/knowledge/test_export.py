"""Knowledge exports, and the committed docs/knowledge pages being up to date."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from neurodiff.knowledge.export import export
from neurodiff.knowledge.load import KnowledgeBase

DOCS = Path(__file__).resolve().parents[2] / "docs" / "knowledge"


def test_markdown_has_a_page_per_disease_and_comparisons(kb: KnowledgeBase) -> None:
    pages = export(kb, "markdown")
    assert {f"{d}.md" for d in kb.disease_ids} <= set(pages)
    assert "compare-ms-vs-als.md" in pages
    assert len([p for p in pages if p.startswith("compare-")]) == 1 + len(
        kb.comparison.counterparts
    )
    assert "| Vision changes | No | Yes |" in pages["compare-ms-vs-als.md"].replace(
        "| Vision changes | Yes | No |", "| Vision changes | No | Yes |"
    )


def test_committed_knowledge_pages_are_up_to_date(kb: KnowledgeBase) -> None:
    pages = export(kb, "markdown")
    on_disk = {p.name: p.read_text(encoding="utf-8") for p in DOCS.glob("*.md")}
    stale = sorted(name for name in pages if on_disk.get(name) != pages[name])
    extra = sorted(set(on_disk) - set(pages))
    assert not stale and not extra, (
        f"run `neurodiff knowledge export --format markdown --out docs/knowledge`: "
        f"stale {stale}, extra {extra}"
    )


def test_csv_has_one_row_per_number(kb: KnowledgeBase) -> None:
    rows = list(csv.DictReader(io.StringIO(export(kb, "csv")["neurodiff-knowledge.csv"])))
    expected = sum(
        1 + (entry.course is not None) for d in kb.diseases for entry in d.findings.values()
    )
    assert len(rows) == expected
    assert {row["kind"] for row in rows} <= {"literature", "seed", "expert-estimate"}


def test_hpoa_rows_carry_hpo_ids_frequencies_and_evidence(kb: KnowledgeBase) -> None:
    text = export(kb, "hpoa")["neurodiff.hpoa"]
    header, *rows = [line for line in text.splitlines() if not line.startswith("#")]
    assert header.split("\t")[3] == "hpo_id"
    assert rows
    for row in rows:
        fields = row.split("\t")
        assert fields[3].startswith("HP:")
        assert fields[5] in {"PCS", "TAS"}
        assert fields[7]
