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
    return Case(
        age=_age_years(packet),
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


def _age_years(packet: Any) -> float | None:
    subject = packet.subject
    if subject.HasField("time_at_last_encounter"):
        element = subject.time_at_last_encounter
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
