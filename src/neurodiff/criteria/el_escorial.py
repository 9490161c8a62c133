"""Revised El Escorial (Airlie House) criteria for ALS, Brooks et al. 2000.

Categories, lowest to highest: not_met, possible, probable_laboratory_supported,
probable, definite. Clinical LMN signs (``lmn``) and EMG evidence (``emg_lmn``) are
kept apart: EMG only enters the laboratory-supported category.

Readings chosen where the text is ambiguous (see docs/criteria.md):

* "UMN and LMN signs in at least two regions" means two regions each with both signs;
  the clause "some UMN signs rostral to the LMN signs" is then always satisfied.
* "LMN signs defined by EMG in at least two limbs" is read per region: EMG evidence
  in at least two regions (the input records EMG per region, not per limb).
* "UMN signs alone in one region" is read as UMN signs in at least one region, so
  that finding more UMN signs can never lower the category.
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

REFERENCE = (
    "Brooks BR, et al.; World Federation of Neurology Research Group "
    "on Motor Neuron Diseases. El Escorial revisited: revised criteria for the diagnosis of "
    "amyotrophic lateral sclerosis. Amyotroph Lateral Scler Other Motor Neuron Disord "
    "2000;1:293-299"
)


def _both(signs: Signs) -> int:
    return count(signs, lambda s: s["umn"] and s["lmn"])


def _umn(signs: Signs) -> int:
    return count(signs, lambda s: s["umn"])


def _possible_by_rostral_lmn(signs: Signs, _: bool) -> bool:
    return lmn_rostral_to_umn(
        [signs[r]["lmn"] for r in REGIONS], [signs[r]["umn"] for r in REGIONS]
    )


CRITERION = ALSCriterion(
    name="el-escorial-revised",
    ranking=("not_met", "possible", "probable_laboratory_supported", "probable", "definite"),
    rules=(
        CategoryRule(
            "umn_lmn_in_three_regions",
            "definite",
            lambda s, _: _both(s) >= 3,
            "clinical UMN and LMN signs in 3 or more regions",
        ),
        CategoryRule(
            "familial_laboratory_supported",
            "definite",
            lambda s, familial: familial and count(s, lambda r: r["umn"] or r["lmn"]) >= 1,
            "pathogenic variant with UMN and/or LMN signs in at least one region",
        ),
        CategoryRule(
            "umn_lmn_in_two_regions",
            "probable",
            lambda s, _: _both(s) >= 2,
            "clinical UMN and LMN signs in 2 regions (UMN signs then lie rostral to LMN signs)",
        ),
        CategoryRule(
            "umn_plus_emg_lmn_in_two_regions",
            "probable_laboratory_supported",
            lambda s, _: _umn(s) >= 1 and count(s, lambda r: r["emg_lmn"]) >= 2,
            "UMN signs in a region and EMG LMN evidence in at least 2 regions",
        ),
        CategoryRule(
            "umn_lmn_in_one_region",
            "possible",
            lambda s, _: _both(s) >= 1,
            "clinical UMN and LMN signs together in one region",
        ),
        CategoryRule(
            "umn_alone_in_two_regions",
            "possible",
            lambda s, _: _umn(s) >= 2,
            "UMN signs in 2 or more regions",
        ),
        CategoryRule(
            "lmn_rostral_to_umn",
            "possible",
            _possible_by_rostral_lmn,
            "clinical LMN signs in a region rostral to a region with UMN signs",
        ),
    ),
    lmn_counts_emg=False,
    addable=(("umn", "UMN"), ("lmn", "LMN"), ("emg_lmn", "EMG-LMN")),
    reference=(REFERENCE,),
)


def evaluate(data: ALSInput) -> ALSResult:
    """Evaluate the revised El Escorial criteria."""
    return evaluate_als(CRITERION, data)
