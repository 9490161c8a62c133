"""What the ALS criteria share: body regions, signs per region, and the evaluation loop.

Each criterion (revised El Escorial, Awaji, Gold Coast) is a ranked list of
categories, each with monotone rules over the signs found in the four regions
(bulbar, cervical, thoracic, lumbosacral, in rostro-caudal order). The category is
the highest one whose rule holds, so adding a sign can never lower it.

Unknown signs (null) are handled by evaluating twice: with every unknown sign absent
(the category demonstrated so far) and with every unknown sign present (the best the
unknowns could give). If the two agree, the outcome is decided.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import combinations

from pydantic import BaseModel

from neurodiff.criteria.result import CriterionResult, RuleResult, RuleStatus, Tri, all_of
from neurodiff.criteria.validation import STRICT

REGIONS = ("bulbar", "cervical", "thoracic", "lumbosacral")
"""Body regions from rostral to caudal."""

SIGNS = ("umn", "lmn", "emg_lmn")

Signs = dict[str, dict[str, bool]]
"""Concrete signs: region -> sign kind -> present."""


class RegionSigns(BaseModel):
    """Signs in one region; null means the sign was not examined."""

    model_config = STRICT
    umn: bool | None = False
    lmn: bool | None = False
    emg_lmn: bool | None = False


class Regions(BaseModel):
    """Signs in each region; an omitted region has no signs."""

    model_config = STRICT
    bulbar: RegionSigns = RegionSigns()
    cervical: RegionSigns = RegionSigns()
    thoracic: RegionSigns = RegionSigns()
    lumbosacral: RegionSigns = RegionSigns()


class ALSInput(BaseModel):
    """Input of ``el-escorial-revised``, ``awaji`` and ``gold-coast``."""

    model_config = STRICT
    regions: Regions = Regions()
    progression: bool | None = None
    familial_pathogenic_variant: bool | None = False
    alternative_excluded: bool | None = None


class ALSResult(CriterionResult):
    """An ALS criterion result, with the category the signs alone support."""

    anatomical_category: str
    regions_with_umn: list[str]
    regions_with_lmn: list[str]
    regions_with_umn_and_lmn: list[str]


Predicate = Callable[[Signs, bool], bool]


@dataclass(frozen=True)
class CategoryRule:
    """One way to reach a category."""

    name: str
    category: str
    holds: Predicate
    description: str


@dataclass(frozen=True)
class ALSCriterion:
    """A ranked ALS criterion: categories from lowest (``not_met``) to highest."""

    name: str
    ranking: tuple[str, ...]
    rules: tuple[CategoryRule, ...]
    lmn_counts_emg: bool
    addable: tuple[tuple[str, str], ...]
    reference: tuple[str, ...]

    def lmn(self, signs: Signs, region: str) -> bool:
        """LMN involvement of a region as this criterion counts it."""
        found = signs[region]
        return found["lmn"] or (self.lmn_counts_emg and found["emg_lmn"])

    def category(self, signs: Signs, familial: bool) -> str:
        """Highest category whose rule holds (``not_met`` if none)."""
        best = 0
        for entry in self.rules:
            if entry.holds(signs, familial):
                best = max(best, self.ranking.index(entry.category))
        return self.ranking[best]


def concrete(regions: Regions, fill: bool) -> Signs:
    """Replace unknown signs by ``fill``."""
    out: Signs = {}
    for region in REGIONS:
        found = getattr(regions, region)
        out[region] = {
            sign: fill if getattr(found, sign) is None else bool(getattr(found, sign))
            for sign in SIGNS
        }
    return out


def lmn_rostral_to_umn(lmn: Sequence[bool], umn: Sequence[bool]) -> bool:
    """True if some region with LMN signs lies rostral to a region with UMN signs."""
    return any(lmn[i] and any(umn[i + 1 :]) for i in range(len(REGIONS)))


def _minimal_additions(
    criterion: ALSCriterion, signs: Signs, familial: bool, current: str
) -> list[str]:
    rank = criterion.ranking.index(current)
    candidates = [
        (region, kind)
        for region in REGIONS
        for kind, _ in criterion.addable
        if not signs[region][kind]
    ]
    labels = dict(criterion.addable)
    for size in range(1, 5):
        found: list[str] = []
        for chosen in combinations(candidates, size):
            trial = {region: dict(kinds) for region, kinds in signs.items()}
            for region, kind in chosen:
                trial[region][kind] = True
            reached = criterion.category(trial, familial)
            if criterion.ranking.index(reached) > rank:
                per_region: dict[str, list[str]] = {}
                for region, kind in chosen:
                    per_region.setdefault(region, []).append(labels[kind])
                where = "; ".join(f"{'+'.join(k)} findings in {r}" for r, k in per_region.items())
                found.append(f"{where} would give '{reached}'")
        if found:
            return found[:6]
    return []


def _rule_results(criterion: ALSCriterion, low: Signs, high: Signs, fam: Tri) -> list[RuleResult]:
    results = []
    for entry in criterion.rules:
        if entry.holds(low, fam is True):
            status = RuleStatus.met
        elif entry.holds(high, fam is not False):
            status = RuleStatus.unknown
        else:
            status = RuleStatus.not_met
        results.append(RuleResult(rule=entry.name, status=status, reason=entry.description))
    return results


def _gate_rules(data: ALSInput) -> list[RuleResult]:
    texts = {True: "documented", False: "absent", None: "not documented"}
    return [
        RuleResult(
            rule="progression",
            status=_status(data.progression),
            reason=f"progressive spread of signs {texts[data.progression]}",
        ),
        RuleResult(
            rule="no_better_explanation",
            status=_status(data.alternative_excluded),
            reason=f"exclusion of other causes {texts[data.alternative_excluded]}",
        ),
    ]


def _status(value: Tri) -> RuleStatus:
    if value is None:
        return RuleStatus.unknown
    return RuleStatus.met if value else RuleStatus.not_met


def evaluate_als(criterion: ALSCriterion, data: ALSInput) -> ALSResult:
    """Evaluate an ALS criterion with three-valued handling of unknown signs."""
    low, high = concrete(data.regions, False), concrete(data.regions, True)
    familial = data.familial_pathogenic_variant
    low_category = criterion.category(low, familial is True)
    high_category = criterion.category(high, familial is not False)
    gate = all_of([data.progression, data.alternative_excluded])
    if gate is True:
        outcome, decided = low_category, low_category == high_category
    else:
        outcome = "not_met"
        decided = gate is False or high_category == "not_met"
    missing: list[str] = []
    if data.progression is not True:
        missing.append("documented progression (spread within a region or to other regions)")
    if data.alternative_excluded is not True:
        missing.append("investigations excluding other causes of the signs")
    if gate is not False:
        missing += _minimal_additions(criterion, low, familial is True, low_category)
    umn = [r for r in REGIONS if low[r]["umn"]]
    lmn = [r for r in REGIONS if criterion.lmn(low, r)]
    return ALSResult(
        criterion=criterion.name,
        outcome=outcome,
        decided=decided,
        rules=[*_rule_results(criterion, low, high, familial), *_gate_rules(data)],
        missing=missing,
        reference=list(criterion.reference),
        anatomical_category=low_category,
        regions_with_umn=umn,
        regions_with_lmn=lmn,
        regions_with_umn_and_lmn=[r for r in umn if r in lmn],
    )


def count(signs: Signs, test: Callable[[dict[str, bool]], bool]) -> int:
    """Number of regions whose signs pass ``test``."""
    return sum(1 for region in REGIONS if test(signs[region]))
