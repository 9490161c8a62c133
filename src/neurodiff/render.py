"""Rich renderings for the terminal: red flags first, then the differential and evidence."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.panel import Panel
from rich.table import Table

from neurodiff.knowledge.bands import ComparisonTable
from neurodiff.knowledge.load import KnowledgeBase
from neurodiff.knowledge.stats import ProvenanceStats, ShareCount
from neurodiff.models import Assessment

if TYPE_CHECKING:
    from neurodiff.criteria.result import ExplainedResult
    from neurodiff.evaluation.run import Evaluation

URGENCY_STYLE = {"emergency": "bold white on red", "urgent": "bold red", "routine": "yellow"}
EVIDENCE_COLUMNS = 3
SOURCES_SHOWN = 3


def _console() -> Console:
    return Console(highlight=False)


def render_assessment(result: Assessment, console: Console | None = None) -> None:
    console = console or _console()
    for flag in result.red_flags:
        console.print(
            Panel(
                flag.advice,
                title=f"{flag.urgency.upper()}: {flag.label}",
                style=URGENCY_STYLE.get(flag.urgency, "red"),
            )
        )
    console.print(f"[dim]{result.disclaimer}[/dim]")
    table = Table(title=f"Differential ({result.setting} setting)", title_justify="left")
    table.add_column("#", justify="right")
    table.add_column("Disease")
    table.add_column("Probability", justify="right")
    table.add_column("95 % interval", justify="right")
    table.add_column("")
    for rank, entry in enumerate(result.differential, start=1):
        low, high = entry.interval
        bar = "█" * round(entry.probability * 20)
        table.add_row(
            str(rank),
            entry.name,
            _percent(entry.probability),
            f"{_percent(low)}–{_percent(high)}",
            bar,
        )
    console.print(table)
    top = [d.id for d in result.differential[:EVIDENCE_COLUMNS]]
    if result.evidence or result.demographics:
        evidence = Table(
            title="Evidence: log10 likelihood ratio (disease vs the others)", title_justify="left"
        )
        evidence.add_column("Finding")
        evidence.add_column("State")
        for disease_id in top:
            evidence.add_column(disease_id, justify="right")
        evidence.add_column("Sources")
        for row in result.demographics:
            evidence.add_row(
                row.factor,
                row.value,
                *[_signed(row.log10_lr[d]) for d in top],
                _sources(row.sources),
            )
        for item in result.evidence:
            evidence.add_row(
                item.label,
                item.state.value,
                *[_signed(item.log10_lr[d]) for d in top],
                _sources(item.sources),
            )
        console.print(evidence)
    if result.unmodelled:
        console.print(f"Not modelled (neutral): {', '.join(result.unmodelled)}")
    if result.next_best:
        steps = Table(title="Most useful next steps", title_justify="left")
        steps.add_column("Ask or test")
        steps.add_column("Kind")
        steps.add_column("Gain (bits)", justify="right")
        steps.add_column("Cost", justify="right")
        steps.add_column("Separates")
        for step in result.next_best:
            steps.add_row(
                step.question,
                step.kind,
                f"{step.gain_bits:.3f}",
                f"{step.cost:g}",
                ", ".join(step.separates),
            )
        console.print(steps)
    if result.should_stop:
        console.print(f"Enough information: {result.stop_reason}.")


def render_comparison(table: ComparisonTable, console: Console | None = None) -> None:
    console = console or _console()
    out = Table(title=" vs ".join(table.names[d] for d in table.diseases), title_justify="left")
    out.add_column("Symptom")
    for disease_id in table.diseases:
        out.add_column(disease_id.upper() if len(disease_id) <= 5 else disease_id)
    for row in table.rows:
        out.add_row(row.label, *[row.bands[d] for d in table.diseases])
    console.print(out)
    console.print(
        f"[dim]Rows 1-10 follow the source article ({table.source}); bands derive from "
        "the knowledge base's frequencies and severities.[/dim]"
    )


def comparison_markdown(table: ComparisonTable) -> str:
    header = "| Symptom | " + " | ".join(table.names[d] for d in table.diseases) + " |\n"
    rule = "|---|" + "---|" * len(table.diseases) + "\n"
    body = "".join(
        f"| {row.label} | " + " | ".join(row.bands[d] for d in table.diseases) + " |\n"
        for row in table.rows
    )
    return header + rule + body


def render_stats(stats: ProvenanceStats, console: Console | None = None) -> None:
    console = console or _console()
    table = Table(
        title="Provenance of the numbers",
        title_justify="left",
        caption="Lit.: from the literature; In words: of those, read from words ('common', "
        "'rare') or a neighbouring population; Figure %: literature stated as a figure.",
        caption_justify="left",
    )
    columns = (
        "Scope",
        "Numbers",
        "Lit.",
        "In words",
        "Seed",
        "Expert",
        "n/N",
        "Lit. %",
        "Figure %",
    )
    for column in columns:
        table.add_column(column, justify="right" if column != "Scope" else "left")

    def add(scope: str, share: ShareCount) -> None:
        table.add_row(
            scope,
            str(share.total),
            str(share.literature),
            str(share.qualitative),
            str(share.seed),
            str(share.expert_estimate),
            str(share.with_counts),
            f"{share.literature_share:.1%}",
            f"{share.quantitative_literature_share:.1%}",
        )

    ms_als = stats.scope("ms+als")
    add("all", stats.overall)
    add("ms+als", ms_als)
    for disease_id, share in stats.by_disease.items():
        add(disease_id, share)
    add("shared", stats.shared)
    console.print(table)
    console.print(
        f"literature share: all {stats.overall.literature_share:.1%}; ms+als "
        f"{ms_als.literature_share:.1%} (stated as a figure, not in words: all "
        f"{stats.overall.quantitative_literature_share:.1%}; ms+als "
        f"{ms_als.quantitative_literature_share:.1%})"
    )


def render_knowledge_summary(
    kb: KnowledgeBase, stats: ProvenanceStats, console: Console | None = None
) -> None:
    console = console or _console()
    console.print(
        f"neurodiff knowledge {kb.version}: {len(kb.diseases)} diseases, {len(kb.findings)} "
        f"findings, {len(kb.references)} references; {stats.overall.literature_share:.0%} of "
        f"{stats.overall.total} numbers from the literature."
    )
    diseases = Table(title="Diseases", title_justify="left")
    diseases.add_column("id")
    diseases.add_column("name")
    diseases.add_column("findings", justify="right")
    for d in kb.diseases:
        diseases.add_row(d.id, d.name, str(len(d.findings)))
    console.print(diseases)
    findings = Table(title="Findings", title_justify="left")
    for column in ("id", "HPO", "label", "category"):
        findings.add_column(column)
    for f in kb.findings:
        findings.add_row(f.id, f.hpo or "-", f.label, f.category.value)
    console.print(findings)


def _sources(keys: list[str]) -> str:
    shown = ", ".join(keys[:SOURCES_SHOWN])
    return shown + (f" +{len(keys) - SOURCES_SHOWN} more" if len(keys) > SOURCES_SHOWN else "")


def _percent(value: float) -> str:
    if value < 0.001:
        return "<0.1 %"
    return f"{value * 100:.1f} %"


def _signed(value: float) -> str:
    return f"{value:+.2f}"


@contextmanager
def progress_bar(label: str, *, quiet: bool = False) -> Iterator[Callable[[int, int], None]]:
    """A progress bar on stderr; yields ``advance(done, total)``."""
    if quiet:
        yield lambda done, total: None
        return
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(label, total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        yield advance


def render_evaluation(
    evaluation: Evaluation, diagram: Path | None, console: Console | None = None
) -> None:
    console = console or _console()
    m = evaluation.metrics
    console.print(
        f"{m.cases} cases: top-1 {m.top1:.1%}, top-3 {m.top3:.1%}, "
        f"MRR {m.mean_reciprocal_rank:.3f}, Brier {m.brier:.3f}, "
        f"ECE {m.expected_calibration_error:.3f}"
    )
    console.print(
        f"Averaged over the {len(m.per_disease)} diseases (each weighs the same): "
        f"top-1 {m.macro_top1:.1%}, top-3 {m.macro_top3:.1%}"
    )
    if m.ms_vs_als_accuracy is not None:
        console.print(
            f"MS vs ALS pairwise accuracy: {m.ms_vs_als_accuracy:.1%} ({m.ms_vs_als_cases} cases)"
        )
    table = Table(title="Per disease", title_justify="left")
    for column in ("Disease", "Cases", "Top-1", "Top-3", "MRR", "Predicted as"):
        table.add_column(
            column, justify="left" if column in ("Disease", "Predicted as") else "right"
        )
    for disease_id, score in m.per_disease.items():
        predicted = ", ".join(
            f"{k} {v}" for k, v in sorted(m.confusion[disease_id].items(), key=lambda kv: -kv[1])
        )
        table.add_row(
            disease_id,
            str(score.cases),
            f"{score.top1:.0%}",
            f"{score.top3:.0%}",
            f"{score.mean_reciprocal_rank:.2f}",
            predicted,
        )
    console.print(table)
    if evaluation.skipped:
        console.print(
            f"Skipped {len(evaluation.skipped)} file(s) (not modelled or not phenopackets)."
        )
    if diagram is not None:
        console.print(f"Reliability diagram: {diagram}")


def render_explained(result: ExplainedResult, console: Console | None = None) -> None:
    """A criterion or scale result: outcome, rules with reasons, what is missing."""
    console = console or _console()
    name = getattr(result, "criterion", None) or getattr(result, "scale", "")
    flag = " (provisional)" if result.provisional else ""
    console.print(f"[bold]{name}[/bold]: {result.outcome}{flag}")
    table = Table(title="Rules", title_justify="left")
    table.add_column("Rule")
    table.add_column("Status")
    table.add_column("Reason")
    for rule in result.rules:
        table.add_row(rule.rule, rule.status.value, rule.reason)
    console.print(table)
    for item in result.missing:
        console.print(f"Missing: {item}")
    for reference in result.reference:
        console.print(f"[dim]Reference: {reference}[/dim]")
