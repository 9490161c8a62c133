"""HPO terms map through the ontology; unknown ids are refused with one clear message."""

from __future__ import annotations

import pytest

from neurodiff.engine.likelihood import ABSENT, PRESENT, UNKNOWN
from neurodiff.engine.observations import resolve
from neurodiff.errors import UnknownTermError
from neurodiff.knowledge.load import KnowledgeBase
from neurodiff.models import FindingState

P, A, U = FindingState.present, FindingState.absent, FindingState.unknown


def state(kb: KnowledgeBase, findings: dict[str, FindingState], finding_id: str) -> int:
    return int(resolve(findings, kb).states[kb.finding_ids.index(finding_id)])


def test_descendant_term_counts_as_its_modelled_ancestor(kb: KnowledgeBase) -> None:
    # Tongue fasciculations (HP:0001308) is a descendant of Fasciculations (HP:0002380)
    findings = {"HP:0001308": P}
    assert state(kb, findings, "tongue_fasciculations") == PRESENT
    assert state(kb, findings, "fasciculations") == PRESENT
    assert resolve(findings, kb).via[kb.finding_ids.index("fasciculations")] == ("HP:0001308",)


def test_more_specific_unmodelled_term_implies_modelled_ancestor(kb: KnowledgeBase) -> None:
    # Limb fasciculations (HP:0007289) is not modelled itself
    observations = resolve({"HP:0007289": P}, kb)
    assert observations.states[kb.finding_ids.index("fasciculations")] == PRESENT
    assert observations.unmodelled == ()


def test_excluded_general_term_excludes_its_modelled_descendants(kb: KnowledgeBase) -> None:
    findings = {"HP:0002380": A}
    assert state(kb, findings, "fasciculations") == ABSENT
    assert state(kb, findings, "tongue_fasciculations") == ABSENT


def test_excluded_specific_term_does_not_exclude_the_general_finding(kb: KnowledgeBase) -> None:
    assert state(kb, {"HP:0001308": A}, "fasciculations") == UNKNOWN


def test_examination_sign_does_not_imply_the_symptom_above_it(kb: KnowledgeBase) -> None:
    # Impaired distal vibration sensation sits below Somatic sensory dysfunction (the
    # sensory_symptoms term) and below Impaired proprioception in HPO; both are cut out.
    findings = {"HP:0006886": P}
    assert state(kb, findings, "vibration_loss") == PRESENT
    assert state(kb, findings, "sensory_symptoms") == UNKNOWN
    assert state(kb, findings, "proprioception_loss") == UNKNOWN
    # a reported symptom below the same term still implies it
    assert state(kb, {"HP:0003401": P}, "sensory_symptoms") == PRESENT


def test_hpo_also_term_implies_the_finding_only_when_present(kb: KnowledgeBase) -> None:
    # Impaired pain sensation (pinprick loss) implies the abnormal sensory examination ...
    observations = resolve({"HP:0007328": P}, kb)
    assert observations.states[kb.finding_ids.index("sensory_exam_abnormal")] == PRESENT
    assert observations.states[kb.finding_ids.index("sensory_symptoms")] == UNKNOWN
    # ... but its absence does not exclude reduced touch
    assert state(kb, {"HP:0007328": A}, "sensory_exam_abnormal") == UNKNOWN


def test_executive_dysfunction_is_cognitive_not_behavioural(kb: KnowledgeBase) -> None:
    # HPO files Impaired executive functioning below Atypical behavior
    findings = {"HP:0033051": P}
    assert state(kb, findings, "cognitive_impairment") == PRESENT
    assert state(kb, findings, "behaviour_change") == UNKNOWN


def test_direct_statement_beats_an_implied_one(kb: KnowledgeBase) -> None:
    findings = {"HP:0002380": A, "tongue_fasciculations": P}
    assert state(kb, findings, "tongue_fasciculations") == PRESENT
    assert state(kb, findings, "fasciculations") == ABSENT


def test_unmodelled_terms_are_listed_and_neutral(kb: KnowledgeBase) -> None:
    observations = resolve({"HP:0000252": P, "NCIT:C3224": A}, kb)
    assert observations.unmodelled == ("HP:0000252", "NCIT:C3224")
    assert (observations.states == UNKNOWN).all()


def test_unknown_state_records_the_question_as_asked(kb: KnowledgeBase) -> None:
    observations = resolve({"dysarthria": U}, kb)
    assert (observations.states == UNKNOWN).all()
    assert observations.asked_unknown == (kb.finding_ids.index("dysarthria"),)


def test_obsolete_term_maps_to_its_replacement(kb: KnowledgeBase) -> None:
    # HP:0001575 'Mood changes' is obsolete, replaced by HP:0000712 'Emotional lability',
    # which sits under 'Atypical behavior' (behaviour_change) in HPO 2025-11-24
    observations = resolve({"HP:0001575": P}, kb)
    assert observations.states[kb.finding_ids.index("behaviour_change")] == PRESENT
    assert observations.unmodelled == ()


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("HP:9999999", "unknown HPO id"),
        ("fasciculation", "did you mean 'fasciculations'"),
        ("weakness!", "unknown finding id"),
    ],
)
def test_unknown_ids_raise_one_clear_error(kb: KnowledgeBase, key: str, message: str) -> None:
    with pytest.raises(UnknownTermError) as error:
        resolve({key: P}, kb)
    assert message in str(error.value)
    assert f"findings[{key!r}]" in str(error.value)
    assert "\n" not in str(error.value)


def test_male_only_finding_is_neutral_in_a_woman(kb: KnowledgeBase) -> None:
    from neurodiff.models import Sex

    woman = resolve({"gynecomastia": P}, kb, Sex.female)
    assert (woman.states == UNKNOWN).all()
    assert woman.unmodelled == ("gynecomastia",)
    man = resolve({"gynecomastia": P}, kb, Sex.male)
    assert man.states[kb.finding_ids.index("gynecomastia")] == PRESENT
