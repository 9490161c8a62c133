"""The shared vocabulary: a `Case` goes in, an `Assessment` comes out.

The JSON forms of both are stable contracts (see docs/contract.md); fields may be
added, never removed.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class FindingState(StrEnum):
    """What is known about one finding."""

    present = "present"
    absent = "absent"
    unknown = "unknown"


class Sex(StrEnum):
    female = "female"
    male = "male"
    unknown = "unknown"


class Mode(StrEnum):
    """Who answers the next question: the person themselves, or a clinician with tests."""

    patient = "patient"
    clinician = "clinician"


class Case(BaseModel):
    """One person's evidence: demographics, setting and finding states.

    Findings are keyed by neurodiff finding id (``"fasciculations"``) or by HPO id
    (``"HP:0002380"``); test results are findings too.

    >>> Case(age=45, sex="female", findings={"optic_neuritis": "present"}).age
    45.0
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    age: Annotated[float, Field(ge=0, le=120)] | None = Field(
        default=None, description="Age in years at this assessment (0-120)."
    )
    onset_age: Annotated[float, Field(ge=0, le=120)] | None = Field(
        default=None,
        description="Age in years when the first symptom began (optional; not after 'age'). "
        "With 'age', the years since onset are evidence too.",
    )
    sex: Sex = Field(default=Sex.unknown, description="female | male | unknown")
    setting: str = Field(
        default="neurology",
        description="Where the person is seen; sets the prior (general | neurology).",
    )
    findings: dict[str, FindingState] = Field(
        default_factory=dict,
        description="Finding id or HPO id -> present | absent | unknown.",
    )
    criteria: dict[str, dict[str, Any]] = Field(
        default_factory=dict,
        description="Optional inputs for formal criteria or scales, by name (e.g. "
        "'mcdonald-2017', 'gold-coast', 'alsfrs-r'); their results join the assessment.",
    )

    @model_validator(mode="after")
    def _onset_not_after_age(self) -> Case:
        if self.age is not None and self.onset_age is not None and self.onset_age > self.age:
            raise ValueError(
                f"onset_age ({self.onset_age:g}) is after the age at assessment ({self.age:g})"
            )
        return self

    @field_validator("findings", mode="before")
    @classmethod
    def _lowercase_states(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {k: v.strip().lower() if isinstance(v, str) else v for k, v in value.items()}
        return value


class DifferentialEntry(BaseModel):
    id: str
    name: str
    probability: float
    interval: tuple[float, float] = Field(description="95 % credible interval")


class Evidence(BaseModel):
    finding: str
    hpo: str | None
    label: str
    state: FindingState
    log10_lr: dict[str, float] = Field(
        description="Per disease: log10 likelihood ratio of this observation, disease vs the "
        "others, in the order the evidence was applied."
    )
    sources: list[str]
    via: list[str] = Field(
        default_factory=list, description="Input terms that set this finding (HPO mapping)."
    )


class DemographicEvidence(BaseModel):
    factor: str
    value: str
    log10_lr: dict[str, float]
    sources: list[str]


class NextStep(BaseModel):
    finding: str
    hpo: str | None
    label: str
    kind: str = Field(description="question | examination | test")
    category: str
    gain_bits: float
    cost: float
    gain_per_cost: float
    question: str
    separates: list[str] = Field(
        default_factory=list, description="Diseases whose probabilities this answer moves most."
    )
    reason: str | None = Field(default=None, description="Why this step is suggested.")


class RedFlag(BaseModel):
    finding: str = Field(description="The finding, or the triage rule for a combination.")
    label: str
    urgency: str = Field(description="emergency | urgent | routine")
    advice: str
    findings: list[str] = Field(
        default_factory=list, description="The findings that raised this flag."
    )


class Triage(BaseModel):
    """What to do now, before anything else: the most urgent flag's level and advice."""

    level: str = Field(description="emergency | urgent | routine | none")
    advice: str
    flags: list[RedFlag]


class QuestionOption(BaseModel):
    finding: str
    label: str
    hpo: str | None = None


class Question(BaseModel):
    """One question for the interview: a single finding, or a group asked at once.

    ``single``: answer present / absent / unknown. ``choice``: pick one option (the others
    become absent), 'none of these' (all absent) or 'don't know'. ``checklist``: tick
    every option that applies (the others become absent).
    """

    id: str
    kind: str = Field(description="single | choice | checklist")
    text: str
    options: list[QuestionOption]
    category: str
    gain_bits: float
    cost: float
    reason: str


class Assessment(BaseModel):
    differential: list[DifferentialEntry]
    evidence: list[Evidence]
    demographics: list[DemographicEvidence] = Field(default_factory=list)
    unmodelled: list[str]
    next_best: list[NextStep]
    should_stop: bool
    stop_reason: str | None = None
    red_flags: list[RedFlag]
    triage: Triage | None = None
    criteria: list[dict[str, Any]] = Field(
        default_factory=list,
        description="Results of the criteria and scales given in the case (rules, outcome, "
        "what is missing).",
    )
    setting: str
    knowledge_version: str
    disclaimer: str
