"""The neurodiff command line (Typer): parse arguments, call the library, render.

Heavy modules are imported inside the commands so that ``neurodiff --help`` is fast.
User errors print one line on stderr and exit with code 2.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

import typer

from neurodiff.errors import InvalidCaseError, NeurodiffError

app = typer.Typer(
    name="neurodiff",
    help=(
        "Explainable differential diagnosis of MS, ALS and their mimics.\n\n"
        "Examples:\n\n"
        "  neurodiff compare als ms\n\n"
        "  neurodiff assess --case case.json\n\n"
        "  neurodiff assess --phenopacket patient.json --setting neurology --json\n\n"
        "neurodiff supports decisions; it does not make them."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    add_completion=False,
)
knowledge_app = typer.Typer(
    help="Inspect, validate and export the knowledge base.",
    invoke_without_command=True,
    rich_markup_mode=None,
)
app.add_typer(knowledge_app, name="knowledge")

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON (the stable contract).")]


def main() -> None:
    """Console entry point: map user errors to one line on stderr and exit code 2."""
    try:
        app()
    except NeurodiffError as exc:
        sys.stderr.write(f"neurodiff: error: {exc}\n")
        raise SystemExit(2) from None
    except KeyboardInterrupt:
        sys.stderr.write("neurodiff: interrupted\n")
        raise SystemExit(130) from None


def _print_json(payload: Any) -> None:
    sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")


@app.command()
def assess(
    case: Annotated[
        Path | None,
        typer.Option("--case", help="Case JSON: {age, sex, setting, findings: {id: state}}."),
    ] = None,
    phenopacket: Annotated[
        Path | None, typer.Option("--phenopacket", help="GA4GH Phenopacket v2 JSON file.")
    ] = None,
    setting: Annotated[
        str | None,
        typer.Option("--setting", help="Prior setting: general | neurology (overrides the case)."),
    ] = None,
    mode: Annotated[
        str, typer.Option("--mode", help="Next-step suggestions for: clinician | patient.")
    ] = "clinician",
    as_json: JsonFlag = False,
) -> None:
    """Rank MS, ALS and the other modelled diseases for one case, with the evidence.

    Findings are keyed by neurodiff id (see 'neurodiff knowledge') or HPO id, with the
    state present, absent or unknown. Example case file:

      {"age": 45, "sex": "female", "setting": "neurology",
       "findings": {"HP:0100653": "present", "fasciculations": "absent"}}
    """
    from neurodiff.engine.assess import assess as run_assessment
    from neurodiff.interop.case_input import read_json_file

    if (case is None) == (phenopacket is None):
        raise InvalidCaseError(
            "give exactly one of --case FILE or --phenopacket FILE", field="input"
        )
    if mode not in ("clinician", "patient"):
        raise InvalidCaseError(f"unknown mode {mode!r}; use clinician or patient", field="--mode")
    path = case or phenopacket
    assert path is not None
    data = read_json_file(path)
    if phenopacket is not None:
        from neurodiff.interop.phenopacket import case_from_phenopacket

        if not isinstance(data, dict):
            raise InvalidCaseError("expected a JSON object", field=str(path))
        data = case_from_phenopacket(data, source=str(path))
    result = run_assessment(data, setting=setting, mode=mode)
    if as_json:
        _print_json(result.model_dump(mode="json"))
        return
    from neurodiff.render import render_assessment

    render_assessment(result)


@app.command()
def compare(
    diseases: Annotated[
        list[str] | None, typer.Argument(help="Disease ids to compare (default: als ms).")
    ] = None,
    as_json: JsonFlag = False,
    markdown: Annotated[bool, typer.Option("--markdown", help="Print a Markdown table.")] = False,
) -> None:
    """Side-by-side symptom comparison in the style of the source article.

    The first ten rows are the article's table (ALS vs MS); every band is derived from
    the knowledge base's frequencies and severities. Example: neurodiff compare als ms
    """
    from neurodiff.knowledge.bands import comparison_table
    from neurodiff.knowledge.load import load_knowledge

    table = comparison_table(load_knowledge(), diseases or ["als", "ms"])
    if as_json:
        _print_json(
            {
                "diseases": table.diseases,
                "rows": [
                    {"finding": r.finding, "label": r.label, "bands": r.bands} for r in table.rows
                ],
                "frequencies": {r.finding: r.frequencies for r in table.rows},
                "source": table.source,
            }
        )
        return
    from neurodiff.render import comparison_markdown, render_comparison

    if markdown:
        sys.stdout.write(comparison_markdown(table))
        return
    render_comparison(table)


@app.command()
def interview(
    mode: Annotated[
        str,
        typer.Option("--mode", help="patient (questions only) | clinician (exam and tests too)"),
    ] = "patient",
    setting: Annotated[str | None, typer.Option("--setting", help="general | neurology")] = None,
    age: Annotated[
        float | None, typer.Option("--age", min=0, max=120, help="Age in years.")
    ] = None,
    onset_age: Annotated[
        float | None,
        typer.Option(
            "--onset-age", min=0, max=120, help="Age when the first symptom began (optional)."
        ),
    ] = None,
    sex: Annotated[str, typer.Option("--sex", help="female | male | unknown")] = "unknown",
    json_log: Annotated[
        Path | None, typer.Option("--json-log", help="Write the answers and assessment here.")
    ] = None,
) -> None:
    """Adaptive interview in the terminal: the most useful question next, red flags first.

    Answer y / n / d (don't know); for lists, numbers. b goes back, q quits. Nothing is
    stored unless you pass --json-log.

      neurodiff interview --mode patient --age 45 --onset-age 43 --sex female
    """
    from rich.console import Console

    from neurodiff.knowledge.load import load_knowledge
    from neurodiff.models import Case, Mode, Sex
    from neurodiff.terminal_interview import run_interview

    if mode not in ("patient", "clinician"):
        raise InvalidCaseError(f"unknown mode {mode!r}; use patient or clinician", field="--mode")
    if sex not in ("female", "male", "unknown"):
        raise InvalidCaseError(f"unknown sex {sex!r}; use female, male or unknown", field="--sex")
    if age is not None and onset_age is not None and onset_age > age:
        raise InvalidCaseError("the age at onset is after the current age", field="--onset-age")
    kb = load_knowledge()
    chosen_setting = setting or ("general" if mode == "patient" else kb.meta.default_setting)
    if chosen_setting not in kb.meta.settings:
        raise InvalidCaseError(f"unknown setting {chosen_setting!r}", field="--setting")
    console = Console(highlight=False)

    def read(prompt: str) -> str | None:
        console.print(prompt, end="", markup=False)
        line = sys.stdin.readline()
        return line if line else None

    person = Case(age=age, onset_age=onset_age, sex=Sex(sex), setting=chosen_setting)
    run_interview(kb, mode=Mode(mode), person=person, read=read, console=console, json_log=json_log)


def _run_explained(kind: str, name: str | None, path: Path | None, as_json: bool) -> None:
    """Shared by `criteria` and `score`: list names, or evaluate one on a JSON input."""
    from neurodiff.criteria import CRITERIA
    from neurodiff.criteria.validation import Registered, run_registered
    from neurodiff.interop.case_input import read_json_file
    from neurodiff.scales import SCALES

    registry: Mapping[str, Registered[Any]] = CRITERIA if kind == "criteria" else SCALES
    if name is None:
        listing = {key: entry.title for key, entry in registry.items()}
        if as_json:
            _print_json(listing)
        else:
            for key, title in listing.items():
                sys.stdout.write(f"{key:22s} {title}\n")
        return
    if path is None:
        raise InvalidCaseError("give the input JSON with --input FILE", field="--input")
    label = "criterion" if kind == "criteria" else "scale"
    result = run_registered(registry, label, name, read_json_file(path))
    if as_json:
        _print_json(result.model_dump(mode="json"))
        return
    from neurodiff.render import render_explained

    render_explained(result)


InputOption = Annotated[
    Path | None, typer.Option("--input", help="Input JSON file (fields: see docs/criteria.md).")
]


@app.command()
def criteria(
    name: Annotated[
        str | None,
        typer.Argument(
            help="mcdonald-2017, mcdonald-2024, el-escorial-revised, awaji, gold-coast."
        ),
    ] = None,
    input_file: InputOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Apply a diagnostic criterion, rule by rule, with what is missing.

      neurodiff criteria gold-coast --input regions.json

    Without NAME, lists the criteria. Input fields are documented in docs/criteria.md.
    """
    _run_explained("criteria", name, input_file, as_json)


@app.command()
def score(
    name: Annotated[
        str | None, typer.Argument(help="alsfrs-r, delta-fs, kings, mitos, edss.")
    ] = None,
    input_file: InputOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Compute a rating scale or stage (ALSFRS-R, ΔFS, King's, MiToS, EDSS).

      neurodiff score alsfrs-r --input items.json

    Without NAME, lists the scales. Input fields are documented in docs/criteria.md.
    """
    _run_explained("scales", name, input_file, as_json)


@knowledge_app.callback()
def knowledge(
    ctx: typer.Context,
    as_json: JsonFlag = False,
    stats: Annotated[
        bool, typer.Option("--stats", help="Print the share of numbers by provenance.")
    ] = False,
) -> None:
    """Summarise the knowledge base (diseases, findings, sources)."""
    if ctx.invoked_subcommand is not None:
        return
    from neurodiff.knowledge.load import load_knowledge
    from neurodiff.knowledge.stats import provenance_stats

    kb = load_knowledge()
    if as_json:
        from neurodiff.knowledge.dump import knowledge_dump

        _print_json(knowledge_dump(kb))
        return
    from neurodiff.render import render_knowledge_summary, render_stats

    if stats:
        render_stats(provenance_stats(kb))
        return
    render_knowledge_summary(kb, provenance_stats(kb))


@knowledge_app.command("export")
def knowledge_export(
    fmt: Annotated[str, typer.Option("--format", help="markdown | csv | json | hpoa")] = "markdown",
    out: Annotated[Path, typer.Option("--out", help="Output folder.")] = Path("docs/knowledge"),
) -> None:
    """Export the knowledge base: one page per disease and comparison pages (markdown),
    every probability with its provenance (csv, json), or HPO-style annotations (hpoa).

      neurodiff knowledge export --format markdown --out docs/knowledge
    """
    from neurodiff.knowledge.export import FORMATS, export
    from neurodiff.knowledge.load import load_knowledge

    if fmt not in FORMATS:
        raise InvalidCaseError(
            f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}", field="--format"
        )
    files = export(load_knowledge(), fmt)
    out.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (out / name).write_text(content, encoding="utf-8")
    sys.stderr.write(f"neurodiff: wrote {len(files)} file(s) to {out}\n")


@knowledge_app.command("validate")
def knowledge_validate(
    as_json: JsonFlag = False,
    root: Annotated[
        Path | None,
        typer.Option(
            "--root", help="Validate another knowledge directory (default: the packaged one)."
        ),
    ] = None,
) -> None:
    """Check the knowledge base: provenance, references, HPO ids and labels, ranges, use.

    Exits 1 and lists every problem when the knowledge base is not valid.
    """
    from neurodiff.errors import KnowledgeError
    from neurodiff.knowledge.load import load_knowledge
    from neurodiff.knowledge.validate import ValidationReport, validate

    try:
        report = validate(load_knowledge(root))
    except KnowledgeError as exc:
        report = ValidationReport(
            problems=[str(exc)], warnings=[], summary="knowledge base does not load: 1 problem"
        )
    if as_json:
        _print_json(report.model_dump(mode="json"))
    else:
        for warning in report.warnings:
            if "target" in warning:
                sys.stderr.write(f"warning: {warning}\n")
        for problem in report.problems:
            sys.stderr.write(f"problem: {problem}\n")
        sys.stdout.write(report.summary + "\n")
    if report.problems:
        raise typer.Exit(1)


@app.command("eval")
def evaluate(
    directory: Annotated[
        Path, typer.Argument(help="Folder of phenopackets (searched recursively).")
    ],
    as_json: JsonFlag = False,
    setting: Annotated[str, typer.Option("--setting", help="Prior setting.")] = "neurology",
    diagram: Annotated[
        Path, typer.Option("--diagram", help="Where to write the reliability diagram (SVG).")
    ] = Path("reliability.svg"),
    no_diagram: Annotated[
        bool, typer.Option("--no-diagram", help="Do not write the diagram.")
    ] = False,
) -> None:
    """Measure ranking and calibration on phenopackets with known diagnoses.

    The truth is diseases[0].term, mapped to a neurodiff disease by OMIM/ORPHA/MONDO id
    or label (NEURODIFF:<id> also works). Prints top-1, top-3, mean reciprocal rank,
    MS-vs-ALS pairwise accuracy, Brier score, expected calibration error, per-disease
    results and a confusion table; writes a reliability diagram.

      neurodiff eval tests/data/cases
    """
    from neurodiff.evaluation.reliability import reliability_svg
    from neurodiff.evaluation.run import evaluate_directory
    from neurodiff.knowledge.load import load_knowledge
    from neurodiff.render import progress_bar, render_evaluation

    kb = load_knowledge()
    with progress_bar("Assessing", quiet=as_json) as advance:
        evaluation = evaluate_directory(directory, kb, setting=setting, progress=advance)
    if not no_diagram:
        diagram.write_text(
            reliability_svg(evaluation.metrics.reliability, f"Reliability: {directory.name}"),
            encoding="utf-8",
        )
    if as_json:
        payload = evaluation.metrics.model_dump(mode="json")
        payload["skipped"] = [{"file": str(p), "reason": r} for p, r in evaluation.skipped]
        payload["diagram"] = None if no_diagram else str(diagram)
        _print_json(payload)
        return
    render_evaluation(evaluation, None if no_diagram else diagram)


@app.command()
def simulate(
    out: Annotated[Path, typer.Argument(help="Folder to write the phenopackets into.")],
    size: Annotated[int, typer.Option("--n", min=1, max=1_000_000, help="Patients.")] = 1000,
    setting: Annotated[str, typer.Option("--setting", help="Prior setting.")] = "neurology",
    observed: Annotated[
        float, typer.Option("--observed", min=0.01, max=1.0, help="Share of findings observed.")
    ] = 0.15,
    balanced: Annotated[
        bool, typer.Option("--balanced", help="Equal numbers per disease instead of the prior.")
    ] = False,
    seed: Annotated[int, typer.Option("--seed", help="Random seed.")] = 0,
) -> None:
    """Sample synthetic patients from the knowledge base's generative model (with its
    dependence structure) and write them as phenopackets, for calibration checks:

      neurodiff simulate /tmp/sim --n 2000 && neurodiff eval /tmp/sim
    """
    from neurodiff.evaluation.simulated import write_simulated_cohort
    from neurodiff.knowledge.load import load_knowledge

    kb = load_knowledge()
    if setting not in kb.meta.settings:
        raise InvalidCaseError(f"unknown setting {setting!r}", field="--setting")
    count = write_simulated_cohort(
        kb, out, size, setting=setting, observed_share=observed, seed=seed, balanced=balanced
    )
    sys.stderr.write(f"neurodiff: wrote {count} phenopackets to {out}\n")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes.")] = 1,
) -> None:
    """Start the web app and REST API (OpenAPI docs at /docs)."""
    import uvicorn

    sys.stderr.write(f"neurodiff: serving on http://{host}:{port}/ (API docs at /docs)\n")
    uvicorn.run(
        "neurodiff.web.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        access_log=False,
        log_level="warning",
    )


if __name__ == "__main__":  # pragma: no cover
    main()
