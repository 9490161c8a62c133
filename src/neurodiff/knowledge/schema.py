"""Pydantic schema of the knowledge base YAML files.

Layout of ``knowledge/data``::

    meta.yaml            version, disclaimer, settings, test costs, uncertainty defaults
    findings/*.yaml      the finding catalogue (symptoms, signs, onset, course, tests)
    groups.yaml          dependence groups (correlated or mutually exclusive findings)
    diseases/*.yaml      one file per disease: priors, age, sex, P(finding | disease)
    references/*.yaml    citation keys -> bibliographic references
    comparison.yaml      the source article's table rows and the band rules

Every number carries an :class:`Estimate` with its provenance.
"""

from __future__ import annotations

import math
import re
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SEED_SOURCE = "seed:verywell-ms-vs-als"
HPO_ID = re.compile(r"^HP:\d{7}$")
PMID = re.compile(r"^[1-9]\d{0,8}$")
DOI = re.compile(r"^10\.\d{4,9}/\S+$")
FINDING_ID = re.compile(r"^[a-z][a-z0-9_]*$")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ProvenanceKind(StrEnum):
    literature = "literature"
    seed = "seed"
    expert = "expert-estimate"


class Provenance(Strict):
    """Where a number comes from.

    - ``literature``: ``source`` is a citation key defined under ``references/``.
    - ``seed``: the source article (``source`` = ``seed:verywell-ms-vs-als``).
    - ``expert-estimate``: ``rationale`` says in one line why this value.
    """

    kind: ProvenanceKind
    source: str | None = None
    n: int | None = Field(
        default=None, ge=0, description="events (n of N) when the source gives counts"
    )
    N: int | None = Field(default=None, ge=1, description="denominator (n of N)")
    note: str | None = Field(default=None, description="population and denominator used")
    rationale: str | None = None
    qualitative: bool = Field(
        default=False,
        description="literature only: the source gives the frequency in words ('common', "
        "'rare', 'almost always') or for a neighbouring population, and the number is our "
        "reading of it; drawn with the expert-estimate uncertainty and counted apart",
    )

    @model_validator(mode="after")
    def _check_provenance(self) -> Provenance:
        if self.kind is ProvenanceKind.literature and not self.source:
            raise ValueError("literature provenance needs a citation key in 'source'")
        if self.kind is ProvenanceKind.seed and self.source != SEED_SOURCE:
            raise ValueError(f"seed provenance must have source '{SEED_SOURCE}'")
        if self.kind is ProvenanceKind.expert and not self.rationale:
            raise ValueError("expert-estimate needs a one-line 'rationale'")
        if self.qualitative and self.kind is not ProvenanceKind.literature:
            raise ValueError("only a literature number can be marked qualitative")
        if self.qualitative and self.n is not None:
            raise ValueError("a number with counts (n of N) is not qualitative")
        if (self.n is None) != (self.N is None):
            raise ValueError("give both n and N, or neither")
        if self.n is not None and self.N is not None and self.n > self.N:
            raise ValueError(f"n ({self.n}) cannot exceed N ({self.N})")
        return self


class Estimate(Provenance):
    """A probability with its provenance; counts, when given, must agree with ``p``."""

    p: float = Field(gt=0.0, lt=1.0)
    ess: float | None = Field(
        default=None,
        gt=0,
        description="effective sample size for the uncertainty when no counts are given",
    )

    @model_validator(mode="after")
    def _check_counts(self) -> Estimate:
        if self.n is not None and self.N is not None:
            observed = self.n / self.N
            # p may be smoothed away from 0 or 1; otherwise it must match the counts.
            if abs(observed - self.p) > max(0.02, 1.0 / self.N):
                raise ValueError(f"p={self.p} disagrees with n/N={self.n}/{self.N}")
        return self


class Severity(StrEnum):
    mild = "mild"
    moderate = "moderate"
    severe = "severe"


SEVERITY_LEVEL = {Severity.mild: 1, Severity.moderate: 2, Severity.severe: 3}


class CourseEstimate(Estimate):
    """Frequency over the whole course of the disease, with a typical severity."""

    severity: Severity = Severity.moderate


class DiseaseFinding(Strict):
    """P(finding | disease): at presentation (used by the engine), and over the course."""

    presentation: Estimate
    course: CourseEstimate | None = None


class Urgency(StrEnum):
    emergency = "emergency"
    urgent = "urgent"
    routine = "routine"


URGENCY_RANK = {Urgency.emergency: 0, Urgency.urgent: 1, Urgency.routine: 2}


class RedFlagSpec(Strict):
    urgency: Urgency
    advice: str


class Category(StrEnum):
    """Where the answer comes from; orders the cost of finding it out."""

    history = "history"
    examination = "examination"
    blood = "blood"
    imaging = "imaging"
    neurophysiology = "neurophysiology"
    csf = "csf"
    genetic = "genetic"


class Finding(Strict):
    id: str = Field(pattern=FINDING_ID.pattern)
    label: str
    plain: str = Field(description="plain-language label for patients")
    question: str = Field(description="the question, phrased for the person who answers it")
    category: Category
    patient_askable: bool = Field(description="can a person answer this about themselves?")
    hpo: str | None = Field(default=None, pattern=HPO_ID.pattern)
    hpo_label: str | None = None
    hpo_note: str | None = Field(default=None, description="why there is no HPO id")
    hpo_also: list[str] = Field(
        default_factory=list,
        description="further HPO terms that, with their descendants, imply this finding when "
        "present (not when absent: excluding one of them does not exclude the finding)",
    )
    hpo_not_implied_by: list[str] = Field(
        default_factory=list,
        description="HPO terms below 'hpo' that, with their descendants, do not imply this "
        "finding (e.g. examination signs below a symptom term)",
    )
    snomed: str | None = Field(default=None, pattern=r"^\d{6,18}$")
    red_flag: RedFlagSpec | None = None
    male_only: bool = Field(
        default=False,
        description="asked of men only; its probabilities are per man, and it is neutral "
        "(listed as unmodelled) in a woman",
    )

    @model_validator(mode="after")
    def _check_hpo(self) -> Finding:
        if self.hpo and not self.hpo_label:
            raise ValueError("hpo_label is required with hpo (it is checked against the ontology)")
        if not self.hpo and not self.hpo_note:
            raise ValueError("a finding without an HPO id needs 'hpo_note' saying why")
        return self


class GroupKind(StrEnum):
    correlated = "correlated"
    exclusive = "exclusive"


class Group(Strict):
    """A set of dependent findings.

    - ``correlated``: a latent 'involvement' variable per disease makes the members
      co-occur; ``rho`` in [0, 1) sets how strongly (0 = independent).
    - ``exclusive``: the members are the categories of one variable (e.g. the first
      symptom); at most one is present, their probabilities sum to at most 1.
    """

    id: str = Field(pattern=FINDING_ID.pattern)
    kind: GroupKind
    label: str
    members: list[str] = Field(min_length=2)
    rho: float = Field(default=0.0, ge=0.0, lt=1.0)
    implied_by: str | None = Field(
        default=None,
        description="a category of an exclusive group (e.g. onset_bulbar) that implies this "
        "group is involved",
    )
    question: str | None = Field(
        default=None,
        description="the question that asks the whole group at once (multiple choice for an "
        "exclusive group, a checklist for a correlated one)",
    )
    patient_question: str | None = Field(
        default=None, description="the same question in plain words, for patient mode"
    )
    provenance: Provenance


class AgeModel(Provenance):
    """Age at onset (first symptom): a normal distribution truncated to 0-110 years."""

    mean: float = Field(gt=0, lt=110)
    sd: float = Field(gt=0, lt=60)


class DelayModel(Provenance):
    """Years from the first symptom to the first neurological assessment or diagnosis.

    A lognormal distribution, given as the median with the quartiles (``q1``, ``q3``) or
    as the mean with the standard deviation, as the source reports it.
    """

    median: float | None = Field(default=None, gt=0, lt=60)
    q1: float | None = Field(default=None, gt=0, lt=60)
    q3: float | None = Field(default=None, gt=0, lt=80)
    mean: float | None = Field(default=None, gt=0, lt=60)
    sd: float | None = Field(default=None, gt=0, lt=60)

    @model_validator(mode="after")
    def _check_shape(self) -> DelayModel:
        quartiles = (self.median, self.q1, self.q3)
        moments = (self.mean, self.sd)
        if all(v is not None for v in quartiles) and all(v is None for v in moments):
            assert self.q1 is not None and self.q3 is not None and self.median is not None
            if not self.q1 < self.median < self.q3:
                raise ValueError("delay needs q1 < median < q3")
            return self
        if all(v is not None for v in moments) and all(v is None for v in quartiles):
            return self
        raise ValueError("give the delay as median, q1 and q3, or as mean and sd")

    def lognormal(self) -> tuple[float, float]:
        """(mu, sigma) of log(years)."""
        if self.median is not None and self.q1 is not None and self.q3 is not None:
            return math.log(self.median), (math.log(self.q3) - math.log(self.q1)) / 1.349
        assert self.mean is not None and self.sd is not None
        sigma2 = math.log(1.0 + (self.sd / self.mean) ** 2)
        return math.log(self.mean) - sigma2 / 2.0, math.sqrt(sigma2)


class SexModel(Provenance):
    p_male: float = Field(gt=0.0, lt=1.0)


class Disease(Strict):
    id: str = Field(pattern=FINDING_ID.pattern)
    name: str
    plain_name: str
    summary: str
    icd10: list[str] = Field(default_factory=list)
    omim: list[str] = Field(default_factory=list)
    orpha: list[str] = Field(default_factory=list)
    mondo: list[str] = Field(default_factory=list)
    priors: dict[str, Estimate] = Field(description="setting -> prior probability")
    age: AgeModel
    delay: DelayModel | None = Field(
        default=None, description="years from the first symptom to the first assessment"
    )
    sex: SexModel
    findings: dict[str, DiseaseFinding]
    is_remainder: bool = Field(
        default=False,
        description="the 'other' disease: its prior is what the others leave",
    )


class Reference(Strict):
    key: str = Field(pattern=r"^[A-Za-z][A-Za-z0-9_-]*$")
    citation: str = Field(description="authors, title, journal, year;volume:pages")
    pmid: str | None = Field(default=None, description="PubMed id (format checked by validate)")
    doi: str | None = Field(default=None, description="DOI (format checked by validate)")
    url: str | None = None
    note: str | None = None


class TriageRule(Strict):
    """Findings that together escalate urgency beyond each one alone."""

    id: str = Field(pattern=FINDING_ID.pattern)
    all_of: list[str] = Field(min_length=2)
    urgency: Urgency
    label: str
    advice: str
    rationale: str


class Setting(Strict):
    label: str
    description: str


class UncertaintyDefaults(Strict):
    """How uncertain a number without counts is, by provenance kind.

    With counts (n of N) the uncertainty is Beta(n + 1/2, N - n + 1/2). Without counts
    it is normal on the logit scale around the estimate with these standard deviations
    (0.35 is roughly +-40 % on the odds at one SD; 0.8 is roughly a factor of 2.2).
    An explicit ``ess`` on an estimate uses Beta(p * ess, (1 - p) * ess) instead.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    literature: float = Field(default=0.35, gt=0)
    seed: float = Field(default=0.6, gt=0)
    expert_estimate: float = Field(default=0.8, gt=0, alias="expert-estimate")
    draws: int = Field(default=256, ge=50, le=5000)
    random_seed: int = 20261127

    def logit_sd(self, kind: ProvenanceKind) -> float:
        return {
            ProvenanceKind.literature: self.literature,
            ProvenanceKind.seed: self.seed,
            ProvenanceKind.expert: self.expert_estimate,
        }[kind]


class Meta(Strict):
    version: str = Field(pattern=r"^\d{4}\.\d{1,2}\.\d+$")
    finding_files: list[str] = Field(description="finding files in display order")
    disease_order: list[str] = Field(description="disease ids in display order")
    disclaimer: str
    patient_disclaimer: str
    settings: dict[str, Setting]
    default_setting: str
    costs: dict[Category, float]
    uncertainty: UncertaintyDefaults
    age_tail: float = Field(
        gt=0.0,
        lt=0.5,
        description="share of each age-at-onset distribution spread evenly over 0-110 years, "
        "so that atypical ages weaken but never veto a disease",
    )
    stop_threshold: float = Field(gt=0.5, lt=1.0, description="lower credible bound to stop")
    interview_min_gain: float = Field(
        default=0.02, ge=0.0, description="patient interview: stop below this gain per cost"
    )
    min_answers: int = Field(
        default=3, ge=0, description="answers needed before a confident differential stops"
    )
    min_literature_share: dict[str, float] = Field(
        default_factory=dict,
        description="'all' and/or disease ids (joined by '+') -> literature share below which "
        "validation fails (a floor that only rises)",
    )
    literature_share_target: dict[str, float] = Field(
        default_factory=dict,
        description="the share the project aims for; validation warns while it is not met",
    )
    min_gain_per_cost: float = Field(ge=0.0)


class ComparisonRow(Strict):
    finding: str
    label: str


class BandRules(Strict):
    """How a qualitative band follows from frequency (over the course) and severity."""

    no_below: float = Field(gt=0, lt=1)
    rare_below: float = Field(gt=0, lt=1)
    rare_ratio: float = Field(gt=0, lt=1)
    less_common_ratio: float = Field(gt=0, lt=1)
    less_severe_levels: int = Field(ge=1, le=2)


class Comparison(Strict):
    source: str
    article_rows: list[ComparisonRow]
    extra_rows: list[ComparisonRow]
    bands: BandRules
    counterparts: dict[str, str] = Field(
        default_factory=dict,
        description="mimic -> the disease it is most often confused with (comparison pages)",
    )


class Approval(Strict):
    drug: str
    agency: str
    year: int = Field(ge=1950, le=2100)
    indication: str
    source: str


class Page(Strict):
    """Plain-language page content for one disease (knowledge export)."""

    id: str
    summary: str
    cause: str
    course: str
    treatment: str
    approvals: list[Approval]
    prognosis: str
    sources: list[str]


Band = Literal["Yes", "Yes (less common)", "Yes (less severe)", "Rare", "No"]
