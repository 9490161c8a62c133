"""Formal criteria and scales inside an assessment.

A Case may carry inputs for criteria and scales (``case.criteria``); their explained
results join the Assessment, and a criterion that is not met suggests the test that could
complete it (for example CSF oligoclonal bands for McDonald dissemination in time, EMG
for the ALS criteria) when that test is still unanswered.
"""

from __future__ import annotations

from typing import Any

from neurodiff.criteria import CRITERIA
from neurodiff.criteria import evaluate as evaluate_criterion
from neurodiff.errors import InvalidCaseError
from neurodiff.scales import SCALES
from neurodiff.scales import evaluate as evaluate_scale

# words in a criterion's `missing` advice -> the finding (test) that supplies it
TEST_HINTS = (
    ("oligoclonal", "csf_ocb"),
    ("csf", "csf_ocb"),
    ("kappa", "csf_ocb"),
    ("emg", "emg_denervation"),
    ("electro", "emg_denervation"),
    ("mri", "mri_brain_ms_lesions"),
    ("lesion", "mri_brain_ms_lesions"),
)


def formal_results(inputs: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Evaluate every criterion or scale named in ``inputs`` (JSON-ready results)."""
    results = []
    for name, data in inputs.items():
        if name in CRITERIA:
            results.append(evaluate_criterion(name, data).model_dump(mode="json"))
        elif name in SCALES:
            results.append(evaluate_scale(name, data).model_dump(mode="json"))
        else:
            valid = ", ".join([*CRITERIA, *SCALES])
            raise InvalidCaseError(
                f"unknown criterion or scale {name!r}; use {valid}", field="criteria"
            )
    return results


def tests_that_complete(results: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(finding id, reason) for tests named by unmet criteria's `missing` advice."""
    suggestions: list[tuple[str, str]] = []
    for result in results:
        if "criterion" not in result or result["outcome"] not in (
            "not_met",
            "possible",
            "probable",
        ):
            continue
        for advice in result.get("missing", []):
            lowered = advice.lower()
            for word, finding in TEST_HINTS:
                if word in lowered and finding not in [s[0] for s in suggestions]:
                    suggestions.append((finding, f"{result['criterion']}: {advice}"))
                    break
    return suggestions
