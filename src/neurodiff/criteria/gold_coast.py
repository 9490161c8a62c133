"""Gold Coast criteria for ALS, Shefner et al. 2020: a yes/no diagnosis.

ALS is diagnosed with (1) progressive motor impairment preceded by normal motor
function, (2) UMN and LMN dysfunction in at least one body region (in the same region
if only one region is involved) or LMN dysfunction in at least two regions, and
(3) investigations excluding other diseases. LMN dysfunction may be shown clinically
or by EMG. Condition (2) therefore holds when LMN dysfunction is found in two
regions, or LMN and UMN dysfunction are both found anywhere: either in one region,
or in different regions (then two regions are involved). The familial variant field
is not used.
"""

from __future__ import annotations

from neurodiff.criteria.als_regions import (
    ALSCriterion,
    ALSInput,
    ALSResult,
    CategoryRule,
    count,
    evaluate_als,
)

REFERENCE = (
    "Shefner JM, et al. A proposal for new diagnostic criteria for ALS. Clin Neurophysiol 2020"
)


def _lmn_regions(signs: dict[str, dict[str, bool]]) -> int:
    return count(signs, lambda r: r["lmn"] or r["emg_lmn"])


CRITERION = ALSCriterion(
    name="gold-coast",
    ranking=("not_met", "met"),
    rules=(
        CategoryRule(
            "umn_and_lmn_dysfunction",
            "met",
            lambda s, _: _lmn_regions(s) >= 1 and count(s, lambda r: r["umn"]) >= 1,
            "UMN and LMN dysfunction (LMN clinical or EMG), in one region or across regions",
        ),
        CategoryRule(
            "lmn_dysfunction_in_two_regions",
            "met",
            lambda s, _: _lmn_regions(s) >= 2,
            "LMN dysfunction (clinical or EMG) in at least 2 regions",
        ),
    ),
    lmn_counts_emg=True,
    addable=(("umn", "UMN"), ("lmn", "LMN (clinical or EMG)")),
    reference=(REFERENCE,),
)


def evaluate(data: ALSInput) -> ALSResult:
    """Evaluate the Gold Coast criteria."""
    return evaluate_als(CRITERION, data)
