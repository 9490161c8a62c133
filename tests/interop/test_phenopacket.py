"""Phenopacket v2 -> Case: features, exclusions, age, sex, and clear errors."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from neurodiff import assess
from neurodiff.errors import InvalidCaseError
from neurodiff.interop.phenopacket import case_from_phenopacket, disease_terms

PACKET: dict[str, Any] = {
    "id": "example-1",
    "subject": {
        "id": "patient-1",
        "sex": "MALE",
        "timeAtLastEncounter": {"age": {"iso8601duration": "P61Y6M"}},
    },
    "phenotypicFeatures": [
        {"type": {"id": "HP:0002380", "label": "Fasciculations"}},
        {"type": {"id": "HP:0003474", "label": "Somatic sensory dysfunction"}, "excluded": True},
        {
            "type": {
                "id": "NEURODIFF:onset_bulbar",
                "label": "Onset with speech or swallowing problems",
            }
        },
    ],
    "diseases": [{"term": {"id": "OMIM:105400", "label": "Amyotrophic lateral sclerosis 1"}}],
    "metaData": {"created": "2026-11-27T00:00:00Z", "phenopacketSchemaVersion": "2.0"},
}


def test_features_age_and_sex_are_translated() -> None:
    case = case_from_phenopacket(PACKET)
    assert case.age == 61.5
    assert case.sex.value == "male"
    assert case.findings == {
        "HP:0002380": "present",
        "HP:0003474": "absent",
        "onset_bulbar": "present",
    }


def test_setting_is_taken_from_the_caller() -> None:
    assert case_from_phenopacket(PACKET, setting="general").setting == "general"


def test_disease_terms_are_read_for_evaluation() -> None:
    assert disease_terms(PACKET) == [("OMIM:105400", "Amyotrophic lateral sclerosis 1")]


def test_assess_accepts_a_phenopacket_dict() -> None:
    result = assess(PACKET)
    assert "fasciculations" in {e.finding for e in result.evidence}


def test_present_wins_over_a_duplicate_exclusion() -> None:
    packet = copy.deepcopy(PACKET)
    packet["phenotypicFeatures"].append({"type": {"id": "HP:0002380"}, "excluded": True})
    assert case_from_phenopacket(packet).findings["HP:0002380"] == "present"


def test_phenopacket_without_features_is_refused() -> None:
    packet = {**PACKET, "phenotypicFeatures": []}
    with pytest.raises(InvalidCaseError, match="no phenotypic features"):
        case_from_phenopacket(packet)


def test_invalid_phenopacket_is_refused_with_the_parser_reason() -> None:
    packet = {**PACKET, "subject": {"id": "x", "sex": "NOT_A_SEX"}}
    with pytest.raises(InvalidCaseError, match="not a valid GA4GH Phenopacket v2"):
        case_from_phenopacket(packet)


def test_onset_and_encounter_ages_are_both_read() -> None:
    packet = copy.deepcopy(PACKET)
    packet["diseases"][0]["onset"] = {"age": {"iso8601duration": "P55Y"}}
    packet["phenotypicFeatures"][0]["onset"] = {"age": {"iso8601duration": "P57Y"}}
    case = case_from_phenopacket(packet)
    assert case.onset_age == 55.0  # the earliest onset
    assert case.age == 61.5  # subject.timeAtLastEncounter


def test_encounter_before_onset_is_dropped() -> None:
    packet = copy.deepcopy(PACKET)
    packet["diseases"][0]["onset"] = {"age": {"iso8601duration": "P65Y"}}
    case = case_from_phenopacket(packet)
    assert (case.onset_age, case.age) == (65.0, None)


@pytest.mark.parametrize(
    ("term", "years"),
    [("HP:0011463", 3.0), ("HP:0003621", 10.0), ("HP:0003596", 50.0), ("HP:0003581", None)],
)
def test_hpo_onset_term_gives_a_representative_age(term: str, years: float | None) -> None:
    packet = copy.deepcopy(PACKET)
    packet["subject"].pop("timeAtLastEncounter", None)
    packet["diseases"][0]["onset"] = {"ontologyClass": {"id": term, "label": "onset"}}
    assert case_from_phenopacket(packet).onset_age == years
