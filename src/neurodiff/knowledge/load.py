"""Load the knowledge base from YAML once, check its structure, and cache it.

>>> kb = load_knowledge()
>>> kb.disease("ms").name
'Multiple sclerosis'
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from neurodiff.errors import KnowledgeError
from neurodiff.knowledge.schema import (
    Comparison,
    Disease,
    Estimate,
    Finding,
    Group,
    GroupKind,
    Meta,
    Page,
    Provenance,
    ProvenanceKind,
    Reference,
    TriageRule,
)

DATA_DIR = Path(__file__).parent / "data"
M = TypeVar("M", bound=BaseModel)

try:  # the C loader is several times faster; fall back when libyaml is absent
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader


@dataclass(frozen=True, eq=False)
class KnowledgeBase:
    """The validated knowledge base: findings, groups, diseases, references."""

    meta: Meta
    findings: tuple[Finding, ...]
    groups: tuple[Group, ...]
    diseases: tuple[Disease, ...]
    references: Mapping[str, Reference]
    comparison: Comparison
    root: Path
    pages: Mapping[str, Page] = field(default_factory=dict)
    triage_rules: tuple[TriageRule, ...] = ()
    _finding_by_id: Mapping[str, Finding] = field(repr=False, default_factory=dict)
    _disease_by_id: Mapping[str, Disease] = field(repr=False, default_factory=dict)

    @property
    def version(self) -> str:
        return self.meta.version

    @property
    def disease_ids(self) -> tuple[str, ...]:
        return tuple(d.id for d in self.diseases)

    @property
    def finding_ids(self) -> tuple[str, ...]:
        return tuple(f.id for f in self.findings)

    def finding(self, finding_id: str) -> Finding:
        return self._finding_by_id[finding_id]

    def disease(self, disease_id: str) -> Disease:
        return self._disease_by_id[disease_id]

    def has_finding(self, finding_id: str) -> bool:
        return finding_id in self._finding_by_id

    def has_disease(self, disease_id: str) -> bool:
        return disease_id in self._disease_by_id

    @property
    def remainder(self) -> Disease:
        """The 'other' disease (everything not modelled)."""
        return next(d for d in self.diseases if d.is_remainder)

    def presentation(self, disease: Disease, finding_id: str) -> Estimate:
        """P(finding | disease) at presentation. A disease that does not list a finding
        has it at the rate of 'other' (the background of neurological patients)."""
        entry = disease.findings.get(finding_id) or self.remainder.findings[finding_id]
        return entry.presentation


def load_knowledge(root: Path | str | None = None) -> KnowledgeBase:
    """Return the knowledge base under ``root`` (default: the packaged data), cached."""
    return _load_cached(Path(root).resolve() if root else DATA_DIR)


@cache
def _load_cached(root: Path) -> KnowledgeBase:
    if not root.is_dir():
        raise KnowledgeError(f"knowledge directory not found: {root}")
    meta = _model(Meta, _read_yaml(root / "meta.yaml"), "meta.yaml")
    findings = _load_findings(root, meta)
    groups = tuple(
        _model(Group, item, f"groups.yaml[{i}]")
        for i, item in enumerate(_as_list(_read_yaml(root / "groups.yaml"), "groups.yaml"))
    )
    diseases = _load_diseases(root, meta)
    references = _load_references(root)
    comparison = _model(Comparison, _read_yaml(root / "comparison.yaml"), "comparison.yaml")
    pages = {
        path.stem: _model(Page, _read_yaml(path), f"pages/{path.name}")
        for path in sorted((root / "pages").glob("*.yaml"))
    }
    triage_path = root / "triage.yaml"
    triage_rules = (
        tuple(
            _model(TriageRule, item, f"triage.yaml[{i}]")
            for i, item in enumerate(_as_list(_read_yaml(triage_path), "triage.yaml"))
        )
        if triage_path.exists()
        else ()
    )
    kb = KnowledgeBase(
        meta=meta,
        findings=findings,
        groups=groups,
        diseases=diseases,
        references=references,
        comparison=comparison,
        root=root,
        pages=pages,
        triage_rules=triage_rules,
        _finding_by_id={f.id: f for f in findings},
        _disease_by_id={d.id: d for d in diseases},
    )
    for problem in structural_problems(kb):
        raise KnowledgeError(problem)
    return kb


def _read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KnowledgeError(f"{path.name}: file is missing") from None
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{path.name}: not valid YAML ({exc})") from None


def _as_list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise KnowledgeError(f"{where}: expected a list of entries")
    return value


def _model(model: type[M], value: Any, where: str) -> M:
    try:
        return model.model_validate(value)
    except ValidationError as exc:
        first = exc.errors()[0]
        location = ".".join(str(part) for part in first["loc"])
        raise KnowledgeError(f"{where}.{location}: {first['msg']}") from None


def _load_findings(root: Path, meta: Meta) -> tuple[Finding, ...]:
    findings: list[Finding] = []
    listed = set(meta.finding_files)
    present = {p.name for p in (root / "findings").glob("*.yaml")}
    for stray in sorted(present - listed):
        raise KnowledgeError(f"findings/{stray}: not listed in meta.yaml finding_files")
    for name in meta.finding_files:
        items = _as_list(_read_yaml(root / "findings" / name), f"findings/{name}")
        findings.extend(
            _model(Finding, item, f"findings/{name}[{i}]") for i, item in enumerate(items)
        )
    return tuple(findings)


def _load_diseases(root: Path, meta: Meta) -> tuple[Disease, ...]:
    by_id: dict[str, Disease] = {}
    for path in sorted((root / "diseases").glob("*.yaml")):
        disease = _model(Disease, _read_yaml(path), f"diseases/{path.name}")
        if disease.id != path.stem:
            raise KnowledgeError(f"diseases/{path.name}: id '{disease.id}' must match file name")
        if disease.id not in meta.disease_order:
            raise KnowledgeError(f"diseases/{path.name}: id not listed in meta.yaml disease_order")
        by_id[disease.id] = disease
    return tuple(by_id[d] for d in meta.disease_order if d in by_id)


def _load_references(root: Path) -> dict[str, Reference]:
    references: dict[str, Reference] = {}
    for path in sorted((root / "references").glob("*.yaml")):
        items = _as_list(_read_yaml(path), f"references/{path.name}")
        for i, item in enumerate(items):
            ref = _model(Reference, item, f"references/{path.name}[{i}]")
            known = references.get(ref.key)
            if known is not None and known != ref:
                raise KnowledgeError(
                    f"references/{path.name}: key '{ref.key}' is defined twice, differently"
                )
            references[ref.key] = ref
    return references


def provenances(kb: KnowledgeBase) -> list[tuple[str, Provenance]]:
    """Every number's provenance with a readable location (for checks and statistics)."""
    found: list[tuple[str, Provenance]] = []
    for g in kb.groups:
        if g.kind is GroupKind.correlated:
            found.append((f"groups/{g.id}.rho", g.provenance))
    for d in kb.diseases:
        where = f"diseases/{d.id}"
        for setting, prior in d.priors.items():
            if not d.is_remainder:
                found.append((f"{where}.priors.{setting}", prior))
        found.append((f"{where}.age", d.age))
        if d.delay is not None:
            found.append((f"{where}.delay", d.delay))
        found.append((f"{where}.sex", d.sex))
        for fid, entry in d.findings.items():
            found.append((f"{where}.findings.{fid}.presentation", entry.presentation))
            if entry.course is not None:
                found.append((f"{where}.findings.{fid}.course", entry.course))
    return found


def structural_problems(kb: KnowledgeBase) -> list[str]:
    """Problems that make the knowledge base unusable; load fails on the first one."""
    checks: list[Callable[[KnowledgeBase], list[str]]] = [
        _duplicate_ids,
        _group_problems,
        _disease_problems,
        _citation_problems,
        _comparison_problems,
    ]
    return [problem for check in checks for problem in check(kb)]


def _duplicate_ids(kb: KnowledgeBase) -> list[str]:
    problems = []
    for kind, ids in (
        ("finding", [f.id for f in kb.findings]),
        ("group", [g.id for g in kb.groups]),
    ):
        seen: set[str] = set()
        for item in ids:
            if item in seen:
                problems.append(f"{kind} id '{item}' is defined twice")
            seen.add(item)
    hpo_seen: dict[str, str] = {}
    for f in kb.findings:
        if f.hpo and f.hpo in hpo_seen:
            problems.append(f"findings/{f.id}.hpo: {f.hpo} is already used by '{hpo_seen[f.hpo]}'")
        if f.hpo:
            hpo_seen[f.hpo] = f.id
    return problems


def _group_problems(kb: KnowledgeBase) -> list[str]:
    problems: list[str] = []
    owner: dict[str, str] = {}
    exclusive_members = {m for g in kb.groups if g.kind is GroupKind.exclusive for m in g.members}
    for g in kb.groups:
        for member in g.members:
            if not kb.has_finding(member):
                problems.append(f"groups/{g.id}.members: unknown finding '{member}'")
            elif member in owner:
                problems.append(
                    f"groups/{g.id}.members: '{member}' is already in '{owner[member]}'"
                )
            owner[member] = g.id
        if g.implied_by is not None:
            if g.kind is not GroupKind.correlated:
                problems.append(f"groups/{g.id}.implied_by: only correlated groups can be implied")
            if g.implied_by not in exclusive_members:
                problems.append(
                    f"groups/{g.id}.implied_by: '{g.implied_by}' is not a category of an "
                    "exclusive group"
                )
    implied = [g.implied_by for g in kb.groups if g.implied_by]
    for category in {c for c in implied if implied.count(c) > 1}:
        problems.append(f"groups: '{category}' implies more than one group")
    return problems


def _disease_problems(kb: KnowledgeBase) -> list[str]:
    problems: list[str] = []
    settings = set(kb.meta.settings)
    remainders = [d for d in kb.diseases if d.is_remainder]
    if len(remainders) != 1:
        return ["diseases: exactly one disease must have is_remainder: true ('other')"]
    unlisted = [f.id for f in kb.findings if f.id not in remainders[0].findings]
    if unlisted:
        problems.append(
            f"diseases/{remainders[0].id}: must give every finding (it is the background for "
            f"diseases that do not list one); missing {unlisted}"
        )
        return problems
    for d in kb.diseases:
        for fid in d.findings:
            if not kb.has_finding(fid):
                problems.append(f"diseases/{d.id}.findings: unknown finding '{fid}'")
        if set(d.priors) != settings:
            problems.append(
                f"diseases/{d.id}.priors: need exactly the settings {sorted(settings)}, "
                f"got {sorted(d.priors)}"
            )
    for setting in settings:
        total = sum(d.priors[setting].p for d in kb.diseases if not d.is_remainder)
        if d_setting_missing := [d.id for d in kb.diseases if setting not in d.priors]:
            problems.append(f"setting '{setting}': no prior for {d_setting_missing}")
        elif total >= 0.999:
            problems.append(
                f"setting '{setting}': priors of the modelled diseases sum to {total:.3f}; "
                "'other' needs the remainder"
            )
    for g in kb.groups:
        if g.kind is not GroupKind.exclusive:
            continue
        for d in kb.diseases:
            listed = [m for m in g.members if m in d.findings]
            if listed and len(listed) != len(g.members):
                missing = [m for m in g.members if m not in d.findings]
                problems.append(
                    f"diseases/{d.id}: lists some categories of '{g.id}' but not {missing}; "
                    "give all of them (they are one distribution)"
                )
                continue
            total = sum(kb.presentation(d, m).p for m in g.members if kb.has_finding(m))
            if total > 1.0 + 1e-9:
                problems.append(
                    f"diseases/{d.id}: the categories of exclusive group '{g.id}' sum to "
                    f"{total:.3f} > 1"
                )
    return problems


def _citation_problems(kb: KnowledgeBase) -> list[str]:
    problems = []
    for where, prov in provenances(kb):
        if prov.kind is ProvenanceKind.literature and prov.source not in kb.references:
            problems.append(f"{where}.source: citation key '{prov.source}' has no reference")
    return problems


def _comparison_problems(kb: KnowledgeBase) -> list[str]:
    rows = kb.comparison.article_rows + kb.comparison.extra_rows
    problems = [
        f"comparison.yaml: unknown finding '{row.finding}'"
        for row in rows
        if not kb.has_finding(row.finding)
    ]
    for mimic, counterpart in kb.comparison.counterparts.items():
        for disease_id in (mimic, counterpart):
            if not kb.has_disease(disease_id):
                problems.append(f"comparison.yaml counterparts: unknown disease '{disease_id}'")
    for rule in kb.triage_rules:
        for finding_id in rule.all_of:
            if not kb.has_finding(finding_id):
                problems.append(f"triage.yaml/{rule.id}: unknown finding '{finding_id}'")
    for g in kb.groups:
        if (
            g.question
            and g.kind is GroupKind.exclusive
            and not all(kb.finding(m).patient_askable for m in g.members if kb.has_finding(m))
        ):
            problems.append(f"groups/{g.id}: a multiple-choice group must be patient-askable")
    for page_id, page in kb.pages.items():
        if page.id != page_id or not kb.has_disease(page_id):
            problems.append(f"pages/{page_id}.yaml: id must name a disease and match the file")
        keys = page.sources + [a.source for a in page.approvals]
        for key in keys:
            if key not in kb.references and not key.startswith("seed:"):
                problems.append(f"pages/{page_id}.yaml: citation key '{key}' has no reference")
    return problems
