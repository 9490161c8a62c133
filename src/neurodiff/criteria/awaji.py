"""Awaji-shima criteria for ALS, de Carvalho et al. 2008.

The Awaji consensus keeps the clinical categories of revised El Escorial but takes
EMG evidence of LMN involvement as equivalent to clinical LMN signs in a region
(fasciculation potentials counting as denervation). That makes "probable
laboratory-supported" obsolete, so it is dropped: categories are not_met, possible,
probable, definite. The familial laboratory-supported rule of revised El Escorial is
carried over unchanged (the Awaji paper revises the electrodiagnostic evidence only;
this is our reading, documented in docs/criteria.md).
"""

from __future__ import annotations

from neurodiff.criteria.als_regions import (
    REGIONS,
    ALSCriterion,
    ALSInput,
    ALSResult,
    CategoryRule,
    Signs,
    count,
    evaluate_als,
    lmn_rostral_to_umn,
)
from neurodiff.criteria.el_escorial import REFERENCE as EL_ESCORIAL

REFERENCE = (
    "de Carvalho M, Dengler R, Eisen A, et al. Electrodiagnostic criteria for diagnosis of "
    "ALS. Clin Neurophysiol 2008;119(3):497-503. PMID 18164242. "
    "doi:10.1016/j.clinph.2007.09.143"
)


def _lmn(region: dict[str, bool]) -> bool:
    return region["lmn"] or region["emg_lmn"]


def _both(signs: Signs) -> int:
    return count(signs, lambda s: s["umn"] and _lmn(s))


def _rostral(signs: Signs, _: bool) -> bool:
    return lmn_rostral_to_umn([_lmn(signs[r]) for r in REGIONS], [signs[r]["umn"] for r in REGIONS])


CRITERION = ALSCriterion(
    name="awaji",
    ranking=("not_met", "possible", "probable", "definite"),
    rules=(
        CategoryRule(
            "umn_lmn_in_three_regions",
            "definite",
            lambda s, _: _both(s) >= 3,
            "UMN signs and LMN evidence (clinical or EMG) in 3 or more regions",
        ),
        CategoryRule(
            "familial_laboratory_supported",
            "definite",
            lambda s, familial: familial and count(s, lambda r: r["umn"] or _lmn(r)) >= 1,
            "pathogenic variant with UMN and/or LMN evidence in a region (carried over from "
            "revised El Escorial)",
        ),
        CategoryRule(
            "umn_lmn_in_two_regions",
            "probable",
            lambda s, _: _both(s) >= 2,
            "UMN signs and LMN evidence (clinical or EMG) in 2 regions",
        ),
        CategoryRule(
            "umn_lmn_in_one_region",
            "possible",
            lambda s, _: _both(s) >= 1,
            "UMN signs and LMN evidence (clinical or EMG) together in one region",
        ),
        CategoryRule(
            "umn_alone_in_two_regions",
            "possible",
            lambda s, _: count(s, lambda r: r["umn"]) >= 2,
            "UMN signs in 2 or more regions",
        ),
        CategoryRule(
            "lmn_rostral_to_umn",
            "possible",
            _rostral,
            "LMN evidence (clinical or EMG) rostral to a region with UMN signs",
        ),
    ),
    lmn_counts_emg=True,
    addable=(("umn", "UMN"), ("lmn", "LMN (clinical or EMG)")),
    reference=(REFERENCE, EL_ESCORIAL),
)


def evaluate(data: ALSInput) -> ALSResult:
    """Evaluate the Awaji criteria."""
    return evaluate_als(CRITERION, data)
