"""McDonald criteria for multiple sclerosis: the 2017 revision and the 2024 revision.

2017: Thompson et al., Lancet Neurol 2018 (Table 1 for attacks x lesions, the MRI
definitions of dissemination in space and time, CSF-specific oligoclonal bands as a
substitute for dissemination in time, and the primary progressive criteria).

2024 (provisional here): Montalban et al., Lancet Neurol 2025. What is implemented and
which parts rest on secondary sources is listed in docs/criteria.md; rule reasons say so
where the text we could verify is unclear.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, Field

from neurodiff.criteria.result import (
    CriterionResult,
    RuleResult,
    Tri,
    all_of,
    any_of,
    at_least,
    rule,
)
from neurodiff.criteria.validation import STRICT, Count, integer_between, number_above, shown

REFERENCE_2017 = (
    "Thompson AJ, Banwell BL, Barkhof F, et al. Diagnosis of multiple sclerosis: 2017 "
    "revisions of the McDonald criteria. Lancet Neurol 2018;17(2):162-173. PMID 29275977. "
    "doi:10.1016/S1474-4422(17)30470-2"
)
REFERENCE_2024 = (
    "Montalban X, Lebrun-Frénay C, Oh J, et al. Diagnosis of multiple sclerosis: 2024 "
    "revisions of the McDonald criteria. Lancet Neurol 2025;24(10):850-865. "
    "doi:10.1016/S1474-4422(25)00270-4 (erratum Lancet Neurol 2025;24(11):e13). "
    "Implemented from the published abstract and secondary summaries; see docs/criteria.md"
)
AREAS_2017 = ("periventricular", "cortical_juxtacortical", "infratentorial", "spinal_cord")
AREAS_2024 = (*AREAS_2017, "optic_nerve")
BRAIN_AREAS = ("periventricular", "cortical_juxtacortical", "infratentorial")
CVS_SELECT_SIX = 6

Years = Annotated[
    float | None, BeforeValidator(number_above(0, 100, inclusive=True, optional=True))
]
Age = Annotated[int | None, BeforeValidator(integer_between(0, 120, optional=True))]


class MRI2017(BaseModel):
    """T2 lesion counts per area (None = area not imaged) and activity findings."""

    model_config = STRICT
    periventricular: Count = None
    cortical_juxtacortical: Count = None
    infratentorial: Count = None
    spinal_cord: Count = None
    gadolinium_enhancing: bool | None = None
    non_enhancing: bool | None = None
    new_lesion_on_followup: bool | None = None


class MRI2024(MRI2017):
    """As 2017, plus the optic nerve (MRI, OCT or VEP evidence counted as a lesion)."""

    optic_nerve: Count = None


class McDonald2017Input(BaseModel):
    """Input of ``mcdonald-2017``."""

    model_config = STRICT
    attacks: Count = None
    objective_lesions: Count = None
    historical_attack_evidence: bool | None = None
    mri: MRI2017 = MRI2017()
    csf_oligoclonal_bands: bool | None = None
    course: Literal["relapsing", "progressive"] = "relapsing"
    progression_years: Years = None
    alternative_excluded: bool | None = None


class McDonald2024Input(McDonald2017Input):
    """Input of ``mcdonald-2024``."""

    mri: MRI2024 = MRI2024()
    central_vein_sign_lesions: Count = None
    paramagnetic_rim_lesions: Count = None
    kappa_flc_index_elevated: bool | None = None
    age: Age = None


class McDonaldResult(CriterionResult):
    """McDonald outcome (``ms`` | ``ppms`` | ``not_met``) with DIS and DIT."""

    dis: bool | None
    dit: bool | None
    mri_areas_involved: list[str]
    advisories: list[str] = Field(default_factory=list)


def _at_least(count: int | None, threshold: int) -> Tri:
    return None if count is None else count >= threshold


def _areas(mri: MRI2017, areas: tuple[str, ...]) -> dict[str, Tri]:
    return {area: _at_least(getattr(mri, area), 1) for area in areas}


def _area_text(areas: dict[str, Tri]) -> str:
    involved = [a for a, v in areas.items() if v]
    unknown = [a for a, v in areas.items() if v is None]
    text = f"MRI lesions in {len(involved)} of {len(areas)} areas"
    text += f" ({', '.join(involved)})" if involved else ""
    return text + (f"; not imaged: {', '.join(unknown)}" if unknown else "")


def mri_dissemination_in_time(mri: MRI2017) -> Tri:
    """Simultaneous enhancing and non-enhancing lesions, or a new lesion on follow-up."""
    simultaneous = all_of([mri.gadolinium_enhancing, mri.non_enhancing])
    return any_of([simultaneous, mri.new_lesion_on_followup])


def clinical_dissemination_in_space(data: McDonald2017Input) -> Tri:
    """Two objective lesions, or >=2 attacks, one lesion and clear historical evidence."""
    historical = all_of(
        [
            _at_least(data.attacks, 2),
            _at_least(data.objective_lesions, 1),
            data.historical_attack_evidence,
        ]
    )
    return any_of([_at_least(data.objective_lesions, 2), historical])


def _alternative_rule(value: Tri) -> RuleResult:
    return rule(
        "no_better_explanation",
        value,
        {
            True: "alternative diagnoses excluded",
            False: "a better explanation exists: the criteria do not apply",
            None: "exclusion of alternative diagnoses not documented",
        }[value],
    )


def _dit_missing(revision: str) -> str:
    extra = (
        ", CSF-specific oligoclonal bands or elevated kappa-FLC index, or >=6 CVS-positive lesions"
        if revision == "2024"
        else " or CSF-specific oligoclonal bands"
    )
    return (
        "dissemination in time: simultaneous gadolinium-enhancing and non-enhancing lesions, "
        f"a new T2/enhancing lesion on follow-up MRI, a second clinical attack{extra}"
    )


def _dis_missing(areas: dict[str, Tri], needed: int) -> str:
    have = sum(1 for v in areas.values() if v)
    candidates = [a for a, v in areas.items() if not v]
    return (
        f"dissemination in space: a T2 lesion in {needed - have} more of "
        f"{', '.join(candidates)} (need {needed} of {len(areas)} areas), "
        "or a further clinical attack implicating a different CNS site"
    )


def _attack_rules(data: McDonald2017Input, *, allow_without_attack: bool) -> list[RuleResult]:
    a, n = data.attacks, data.objective_lesions
    attack = _at_least(a, 1)
    note = " (2024: the no-attack pathway applies)" if allow_without_attack else ""
    return [
        rule(
            "clinical_attack",
            attack,
            f"{a} clinical attack(s) reported"
            if attack
            else f"no clinical attack reported{note}"
            if a == 0
            else "number of clinical attacks not given",
        ),
        rule(
            "objective_clinical_evidence",
            _at_least(n, 1),
            "number of lesions with objective clinical evidence not given"
            if n is None
            else f"objective clinical evidence of {n} lesion(s)",
        ),
    ]


def _ppms_2017(data: McDonald2017Input) -> tuple[Tri, list[RuleResult], list[str]]:
    mri = data.mri
    progression = None if data.progression_years is None else data.progression_years >= 1
    brain = any_of(_at_least(getattr(mri, area), 1) for area in BRAIN_AREAS)
    cord = _at_least(mri.spinal_cord, 2)
    ocb = data.csf_oligoclonal_bands
    two_of_three = at_least(2, [brain, cord, ocb])
    rules = [
        rule("one_year_progression", progression, f"progression for {data.progression_years} y"),
        rule(
            "brain_lesion_typical_area", brain, "T2 lesion(s) periventricular, cortical/jxc or IT"
        ),
        rule("two_spinal_cord_lesions", cord, f"{mri.spinal_cord} spinal cord lesion(s)"),
        rule("csf_oligoclonal_bands", ocb, f"CSF-specific oligoclonal bands: {shown(ocb)}"),
        rule("two_of_three_paraclinical", two_of_three, "need 2 of brain, cord, CSF findings"),
    ]
    missing = []
    if progression is not True:
        missing.append("one year of disability progression independent of relapses")
    if two_of_three is not True:
        absent = [
            label
            for label, value in (
                ("a T2 lesion in a typical brain area", brain),
                (">=2 spinal cord T2 lesions", cord),
                ("CSF-specific oligoclonal bands", ocb),
            )
            if value is not True
        ]
        missing.append("for primary progressive MS, one more of: " + "; ".join(absent))
    return all_of([progression, two_of_three]), rules, missing


def _finish(
    name: str,
    data: McDonald2017Input,
    fulfilled: Tri,
    rules: list[RuleResult],
    missing: list[str],
    **extra: object,
) -> McDonaldResult:
    alternative = data.alternative_excluded
    rules.append(_alternative_rule(alternative))
    if alternative is not True:
        missing.append("documented exclusion of better explanations (alternative diagnoses)")
    verdict = all_of([fulfilled, alternative])
    met = "ppms" if data.course == "progressive" else "ms"
    return McDonaldResult.model_validate(
        {
            "criterion": name,
            "outcome": met if verdict else "not_met",
            "decided": verdict is not None,
            "rules": rules,
            "missing": [] if verdict else missing,
            **extra,
        }
    )


def evaluate_2017(data: McDonald2017Input) -> McDonaldResult:
    """Evaluate the 2017 McDonald criteria (relapsing course, or primary progressive)."""
    areas = _areas(data.mri, AREAS_2017)
    clinical_dis = clinical_dissemination_in_space(data)
    mri_dis = at_least(2, areas.values())
    dis = any_of([clinical_dis, mri_dis])
    dit = any_of(
        [
            _at_least(data.attacks, 2),
            mri_dissemination_in_time(data.mri),
            data.csf_oligoclonal_bands,
        ]
    )
    common = {
        "dis": dis,
        "dit": dit,
        "mri_areas_involved": [a for a, v in areas.items() if v],
        "reference": [REFERENCE_2017],
    }
    if data.course == "progressive":
        fulfilled, rules, missing = _ppms_2017(data)
        return _finish("mcdonald-2017", data, fulfilled, rules, missing, **common)
    rules = _attack_rules(data, allow_without_attack=False)
    rules.append(rule("dissemination_in_space", dis, _dis_reason(clinical_dis, areas, 2)))
    rules.append(rule("dissemination_in_time", dit, _dit_reason(data, "2017")))
    missing = []
    if rules[0].status != "met":
        missing.append("a typical clinical attack (clinically isolated syndrome)")
    if rules[1].status != "met":
        missing.append("objective clinical evidence of at least one lesion")
    if dis is not True:
        missing.append(_dis_missing(areas, 2))
    if dit is not True:
        missing.append(_dit_missing("2017"))
    gate = all_of([_at_least(data.attacks, 1), _at_least(data.objective_lesions, 1)])
    return _finish("mcdonald-2017", data, all_of([gate, dis, dit]), rules, missing, **common)


def _dis_reason(clinical: Tri, areas: dict[str, Tri], needed: int) -> str:
    if clinical:
        return "clinical: objective evidence of >=2 lesions (or 1 plus historical attack)"
    return f"{_area_text(areas)}; {needed} needed"


def _dit_reason(data: McDonald2017Input, revision: str) -> str:
    mri = data.mri
    values = {
        "attacks": data.attacks,
        "enhancing": mri.gadolinium_enhancing,
        "non-enhancing": mri.non_enhancing,
        "new lesion on follow-up": mri.new_lesion_on_followup,
        "CSF OCB": data.csf_oligoclonal_bands,
    }
    if revision == "2024" and isinstance(data, McDonald2024Input):
        del values["CSF OCB"]  # 2024: CSF is its own rule, not a form of DIT
    return "; ".join(f"{key}={shown(value)}" for key, value in values.items())


def _negate(value: Tri) -> Tri:
    return None if value is None else not value


def _ppms_2024(data: McDonald2024Input, mri_dis: Tri, csf: Tri) -> tuple[Tri, list[RuleResult]]:
    progression = None if data.progression_years is None else data.progression_years >= 1
    cord = _at_least(data.mri.spinal_cord, 2)
    rules = [
        rule("one_year_progression", progression, f"progression for {data.progression_years} y"),
        rule(
            "csf_or_two_cord_lesions",
            any_of([csf, cord]),
            "interpretation: positive CSF (OCB or kappa-FLC), or >=2 spinal cord lesions in its "
            f"place; cord lesions={data.mri.spinal_cord}",
        ),
    ]
    return all_of([progression, mri_dis, any_of([csf, cord])]), rules


def _older_age_rule(data: McDonald2024Input, csf: Tri, cvs: Tri, prl: Tri) -> RuleResult:
    supportive = any_of([_at_least(data.mri.spinal_cord, 1), csf, cvs, prl])
    if data.age is None:
        value: Tri = None
    else:
        value = True if data.age < 50 else supportive
    return rule(
        "advisory_older_age_supportive_evidence",
        value,
        "advisory only (guidance for age >=50 in the 2024 paper, not applied as a hard rule): "
        f"age={shown(data.age)}; spinal cord lesion, positive CSF, CVS or PRL present="
        f"{shown(supportive)}",
    )


def evaluate_2024(data: McDonald2024Input) -> McDonaldResult:
    """Evaluate the 2024 McDonald criteria (provisional implementation, see docs)."""
    mri = data.mri
    areas = _areas(mri, AREAS_2024)
    mri_dis, extensive = at_least(2, areas.values()), at_least(4, areas.values())
    clinical_dis = clinical_dissemination_in_space(data)
    dis = any_of([clinical_dis, mri_dis])
    mri_dit = mri_dissemination_in_time(mri)
    dit = any_of([_at_least(data.attacks, 2), mri_dit])
    csf = any_of([data.csf_oligoclonal_bands, data.kappa_flc_index_elevated])
    cvs = _at_least(data.central_vein_sign_lesions, CVS_SELECT_SIX)
    prl = _at_least(data.paramagnetic_rim_lesions, 1)
    rules = [
        rule("dissemination_in_space", dis, _dis_reason(clinical_dis, areas, 2)),
        rule("dissemination_in_time", dit, _dit_reason(data, "2024")),
        rule(
            "positive_csf",
            csf,
            f"CSF-specific OCB={shown(data.csf_oligoclonal_bands)}, elevated kappa-FLC index="
            f"{shown(data.kappa_flc_index_elevated)} (interchangeable)",
        ),
        rule(
            "central_vein_sign_select_six",
            cvs,
            f"CVS-positive lesions={shown(data.central_vein_sign_lesions)}; >=6 read as select-six",
        ),
        rule(
            "paramagnetic_rim_lesion",
            prl,
            "supportive only here: the text we verified names DIT, positive CSF and select-six "
            "CVS as sufficient with DIS; a role of PRL alone is not implemented",
        ),
        rule("dis_four_of_five_areas", extensive, f"{_area_text(areas)}; >=4 waives DIT"),
    ]
    advisory = _older_age_rule(data, csf, cvs, prl)
    rules.append(advisory)
    common = {
        "dis": dis,
        "dit": dit,
        "mri_areas_involved": [a for a, v in areas.items() if v],
        "reference": [REFERENCE_2024],
        "provisional": True,
        "advisories": [advisory.reason] if advisory.status == "not_met" else [],
    }
    if data.course == "progressive":
        fulfilled, extra_rules = _ppms_2024(data, mri_dis, csf)
        rules.extend(extra_rules)
        missing = [] if mri_dis else [_dis_missing(areas, 2)]
        if extra_rules[0].status != "met":
            missing.append("one year of disability progression")
        if extra_rules[1].status != "met":
            missing.append("positive CSF (OCB or kappa-FLC index) or >=2 spinal cord lesions")
        return _finish("mcdonald-2024", data, fulfilled, rules, missing, **common)
    with_attack = all_of([_at_least(data.attacks, 1), _at_least(data.objective_lesions, 1)])
    rules[:0] = _attack_rules(data, allow_without_attack=True)
    attack_path = all_of([dis, any_of([dit, csf, cvs, extensive])])
    no_attack_path = all_of([mri_dis, any_of([mri_dit, csf, cvs])])
    fulfilled = any_of(
        [all_of([with_attack, attack_path]), all_of([_negate(with_attack), no_attack_path])]
    )
    missing = []
    if dis is not True:
        missing.append(_dis_missing(areas, 2))
    if any_of([dit, csf, cvs, extensive]) is not True:
        missing.append(_dit_missing("2024") + ", or MRI lesions in >=4 of 5 areas")
    if with_attack is not True:
        missing.append(
            "without a clinical attack with objective evidence (radiologically isolated or "
            "non-specific presentation) MRI DIS plus MRI DIT, positive CSF or select-six CVS"
        )
    return _finish("mcdonald-2024", data, fulfilled, rules, missing, **common)
