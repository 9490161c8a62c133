"""GA4GH Phenopacket v2 -> Case (translate only, never score).

The JSON is parsed with the official ``phenopackets`` protobuf classes, so anything that
is not a valid v2 phenopacket is refused with the parser's reason. Phenotypic features
become finding states (``excluded: true`` -> absent); ``NEURODIFF:<finding_id>`` terms
name neurodiff findings that HPO lacks (onset site, exposures, some test results).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from neurodiff.errors import InvalidCaseError
from neurodiff.models import Case, FindingState, Sex

NEURODIFF_PREFIX = "NEURODIFF:"
ISO_AGE = re.compile(
    r"^P(?:(?P<y>\d+(?:\.\d+)?)Y)?(?:(?P<m>\d+(?:\.\d+)?)M)?(?:(?P<w>\d+)W)?(?:(?P<d>\d+)D)?"
)
SEXES = {"FEMALE": Sex.female, "MALE": Sex.male}


def parse_phenopacket(data: Mapping[str, Any], *, source: str = "phenopacket") -> Any:
    """The protobuf Phenopacket message, or InvalidCaseError with the parser's reason."""
    from google.protobuf.json_format import ParseDict, ParseError
    from phenopackets.schema.v2.phenopackets_pb2 import Phenopacket

    try:
        return ParseDict(dict(data), Phenopacket())
    except ParseError as exc:
        raise InvalidCaseError(f"not a valid GA4GH Phenopacket v2: {exc}", field=source) from None


def case_from_phenopacket(
    data: Mapping[str, Any], *, setting: str | None = None, source: str = "phenopacket"
) -> Case:
    """A Case from a Phenopacket v2 JSON object."""
    packet = parse_phenopacket(data, source=source)
    if not packet.phenotypic_features:
        raise InvalidCaseError(
            "the phenopacket has no phenotypic features to assess",
            field=f"{source}.phenotypicFeatures",
        )
    findings: dict[str, FindingState] = {}
    for feature in packet.phenotypic_features:
        term = feature.type.id.strip()
        if not term:
            raise InvalidCaseError(
                "a phenotypic feature has no type id", field=f"{source}.phenotypicFeatures"
            )
        key = term[len(NEURODIFF_PREFIX) :] if term.startswith(NEURODIFF_PREFIX) else term
        state = FindingState.absent if feature.excluded else FindingState.present
        if findings.get(key) is not FindingState.present:
            findings[key] = state
    extra: dict[str, Any] = {"setting": setting} if setting else {}
    onset, encounter = _onset_years(packet), _encounter_years(packet)
    if onset is not None and encounter is not None and encounter < onset:
        encounter = None  # an encounter before the onset says nothing about this episode
    return Case(
        age=encounter,
        onset_age=onset,
        sex=SEXES.get(_sex_name(packet), Sex.unknown),
        findings=findings,
        **extra,
    )


def disease_terms(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(id, label) of the phenopacket's diseases, in order (for evaluation)."""
    packet = parse_phenopacket(data)
    return [(d.term.id, d.term.label) for d in packet.diseases]


def external_references(data: Mapping[str, Any]) -> list[str]:
    packet = parse_phenopacket(data)
    return [ref.id for ref in packet.meta_data.external_references]


def _sex_name(packet: Any) -> str:
    from phenopackets.schema.v2.core.individual_pb2 import Sex as ProtoSex

    return str(ProtoSex.Name(packet.subject.sex))


def _onset_years(packet: Any) -> float | None:
    """Age at onset: the earliest onset given for a feature or the disease."""
    onsets = [_element_years(f.onset) for f in packet.phenotypic_features if f.HasField("onset")]
    onsets += [_element_years(d.onset) for d in packet.diseases if d.HasField("onset")]
    known = [age for age in onsets if age is not None]
    return min(known) if known else None


def _encounter_years(packet: Any) -> float | None:
    """Age at the encounter the features describe (subject.timeAtLastEncounter)."""
    subject = packet.subject
    if subject.HasField("time_at_last_encounter"):
        return _element_years(subject.time_at_last_encounter)
    return None


# HPO onset terms (subtree of HP:0003674 Onset) as a representative age in years: the
# middle of the range in the term's definition. Broad terms with no useful middle
# ('Adult onset', 16 years or later) give no age.
ONSET_TERM_YEARS: dict[str, float] = {
    "HP:0030674": 0.0,  # Antenatal onset
    "HP:0011460": 0.0,  # Embryonal onset
    "HP:0011461": 0.0,  # Fetal onset
    "HP:0034197": 0.0,  # Third trimester onset
    "HP:0034198": 0.0,  # Second trimester onset
    "HP:0034199": 0.0,  # Late first trimester onset
    "HP:0003577": 0.0,  # Congenital onset
    "HP:0003623": 0.0,  # Neonatal onset (first 28 days)
    "HP:0003593": 0.5,  # Infantile onset (28 days to 1 year)
    "HP:0011463": 3.0,  # Childhood onset (1 to 5 years)
    "HP:0003621": 10.0,  # Juvenile onset (5 to 15 years)
    "HP:0410280": 8.0,  # Pediatric onset (before 16 years)
    "HP:0025708": 17.5,  # Early young adult onset (16 to 19 years)
    "HP:0025709": 22.0,  # Intermediate young adult onset (19 to 25 years)
    "HP:0025710": 32.5,  # Late young adult onset (25 to 40 years)
    "HP:0011462": 28.0,  # Young adult onset (16 to 40 years)
    "HP:0003596": 50.0,  # Middle age onset (40 to 60 years)
    "HP:0003584": 70.0,  # Late onset (after 60 years)
}


def _element_years(element: Any) -> float | None:
    if element.HasField("ontology_class"):
        return ONSET_TERM_YEARS.get(element.ontology_class.id)
    if element.HasField("age"):
        return _iso_years(element.age.iso8601duration)
    if element.HasField("age_range"):
        low = _iso_years(element.age_range.start.iso8601duration)
        high = _iso_years(element.age_range.end.iso8601duration)
        if low is not None and high is not None:
            return (low + high) / 2
    return None


def _iso_years(duration: str) -> float | None:
    match = ISO_AGE.match(duration or "")
    if not match or not any(match.groupdict().values()):
        return None
    parts = {k: float(v) if v else 0.0 for k, v in match.groupdict().items()}
    years = parts["y"] + parts["m"] / 12 + parts["w"] / 52.18 + parts["d"] / 365.25
    return round(min(years, 120.0), 2)


def phenopacket_from_states(
    packet_id: str,
    findings: dict[str, bool],
    *,
    age: int | None,
    sex: Sex,
    onset_age: int | None = None,
    disease: tuple[str, str] | None,
    kb_version: str,
    hpo_of: dict[str, str | None],
    label_of: dict[str, str],
) -> dict[str, Any]:
    """A Phenopacket v2 JSON object for findings given as {finding_id: present?}.

    Findings with an HPO id are written as HPO terms, the others as NEURODIFF:<id>.
    """
    features = []
    for finding_id, present in findings.items():
        hpo = hpo_of.get(finding_id)
        term = {"id": hpo or f"{NEURODIFF_PREFIX}{finding_id}", "label": label_of[finding_id]}
        features.append({"type": term, **({} if present else {"excluded": True})})
    subject: dict[str, Any] = {"id": f"{packet_id}-subject", "sex": sex.value.upper()}
    if sex is Sex.unknown:
        subject["sex"] = "UNKNOWN_SEX"
    if age is not None:
        subject["timeAtLastEncounter"] = {"age": {"iso8601duration": f"P{age}Y"}}
    packet: dict[str, Any] = {
        "id": packet_id,
        "subject": subject,
        "phenotypicFeatures": features,
        "metaData": {
            "created": "2026-01-01T00:00:00Z",
            "createdBy": "neurodiff simulate",
            "phenopacketSchemaVersion": "2.0",
            "resources": [
                {
                    "id": "hp",
                    "name": "human phenotype ontology",
                    "namespacePrefix": "HP",
                    "url": "http://purl.obolibrary.org/obo/hp.owl",
                    "version": "2025-11-24",
                    "iriPrefix": "http://purl.obolibrary.org/obo/HP_",
                },
                {
                    "id": "neurodiff",
                    "name": "neurodiff finding catalogue",
                    "namespacePrefix": "NEURODIFF",
                    "url": "https://github.com/neurodiff",
                    "version": kb_version,
                    "iriPrefix": "neurodiff:",
                },
            ],
        },
    }
    if disease is not None:
        entry: dict[str, Any] = {"term": {"id": disease[0], "label": disease[1]}}
        if onset_age is not None:
            entry["onset"] = {"age": {"iso8601duration": f"P{onset_age}Y"}}
        packet["diseases"] = [entry]
    return packet
