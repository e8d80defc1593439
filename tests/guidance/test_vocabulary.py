"""The consultation's question vocabulary: validated on load, read on top of the analyzer."""

from __future__ import annotations

from datetime import date

import pytest

from netra.guidance.consult import Consultant
from netra.guidance.reading import read_question
from netra.guidance.vocabulary import VocabularyError, load_vocabulary, parse_vocabulary

CODES = {
    "concepts": {"candidate", "engage_verb"},
    "acts": {"social_media_engagement", "social_media_campaign", "campaign_attendance"},
    "subjects": {"pns", "regional_head"},
    "sanctions": {"moral"},
}


def parse(data: object):
    return parse_vocabulary(data, source="v.yaml", **CODES)


@pytest.fixture(scope="module")
def consultant():
    return Consultant()


def test_the_shipped_vocabulary_loads_and_every_section_has_entries():
    vocabulary = load_vocabulary()
    assert all((vocabulary.cues, vocabulary.phrases, vocabulary.prefer, vocabulary.conditional))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"cues": [{"concept": "nope", "words": ["x"], "why": "w"}]},
            "cues entry 1: concept 'nope'",
        ),
        ({"cues": [{"concept": "subject.nope", "words": ["x"], "why": "w"}]}, "subject 'nope'"),
        ({"cues": [{"concept": "candidate", "words": ["x"]}]}, "cues entry 1: field 'why'"),
        ({"cues": [{"concept": "candidate", "words": [], "why": "w"}]}, "field 'words' must"),
        ({"phrases": [{"act": "flying", "all": [["x"]], "why": "w"}]}, "act 'flying'"),
        ({"phrases": [{"act": "campaign_attendance", "all": [["@nope"]], "why": "w"}]}, "'@nope'"),
        ({"prefer": [{"act": "campaign_attendance", "over": ["x"], "why": "w"}]}, "act 'x'"),
        ({"extra": []}, r"unknown sections \['extra'\]"),
        (
            {
                "conditional": [
                    {
                        "subjects": ["pns"],
                        "acts": ["campaign_attendance"],
                        "sanction": "fine",
                        "conditions": ["c"],
                        "norms": ["n"],
                        "source": "s",
                        "why": "w",
                    }
                ]
            },
            "conditional entry 1: sanction 'fine'",
        ),
    ],
)
def test_invalid_data_is_refused_naming_the_section_entry_and_field(data, message):
    with pytest.raises(VocabularyError, match=message):
        parse(data)


def test_phrase_words_may_have_two_words_between_them_but_not_more():
    vocabulary = parse(
        {"phrases": [{"act": "campaign_attendance", "all": [["antar calon"]], "why": "w"}]}
    )
    assert vocabulary.named_acts(["antar", "para", "calon"], set()) == ("campaign_attendance",)
    assert vocabulary.named_acts(["antar", "a", "b", "c", "calon"], set()) == ()


def test_a_preferred_act_goes_before_the_one_it_outranks_and_others_keep_their_order():
    vocabulary = parse(
        {
            "prefer": [
                {"act": "social_media_engagement", "over": ["social_media_campaign"], "why": "w"}
            ]
        }
    )
    order = vocabulary.order(
        ["campaign_attendance", "social_media_campaign", "social_media_engagement"]
    )
    assert order == ("campaign_attendance", "social_media_engagement", "social_media_campaign")


# Question words the analyzer's lexicon does not read, and the act they make (docs/consultation.md).
READINGS = [
    ("Kalau ASN kasih emoticon di postingan kandidat?", "social_media_engagement", "asn"),
    ("Bolehkah ASN bergabung di grup WhatsApp pemenangan calon?", "social_media_engagement", "asn"),
    ("Bolehkah ASN membagikan sembako dari calon kepada warga?", "mobilization", "asn"),
    (
        "Bolehkah kepala desa memakai dana desa untuk kampanye?",
        "state_facility_use",
        "village_head",
    ),
    ("Incumbent boleh lakukan mutasi pejabat daerah?", "official_rotation", "regional_head"),
    ("Bolehkah ASN jadi pembicara di pertemuan partai politik?", "campaign_attendance", "asn"),
    ("Bolehkah PNS memakai mobil dinas untuk mengantar calon?", "state_facility_use", "pns"),
]


@pytest.mark.parametrize(("question", "act", "subject"), READINGS)
def test_question_words_are_read_as_the_act_they_name(question, act, subject):
    reading = read_question(question)
    assert reading.acts[0] == act
    assert reading.subject == subject


def test_a_regional_head_may_campaign_on_leave_and_the_answer_names_the_conditions(consultant):
    answer = consultant.ask("Bolehkah bupati ikut kampanye?", on=date(2024, 10, 10))
    assert answer.allowed is True
    assert answer.act == "campaign_attendance"
    assert "UU 10/2016 Pasal 70 ayat (2)" in answer.norms
    assert answer.text.startswith("Boleh pada 2024-10-10: hanya dengan syarat: cuti di luar")


def test_the_conditions_do_not_free_an_asn_from_the_same_act(consultant):
    answer = consultant.ask("Bolehkah PNS ikut kampanye?", on=date(2024, 10, 10))
    assert answer.allowed is False
    assert "dengan syarat" not in answer.text


def test_a_regional_head_campaigning_without_leave_is_not_allowed(consultant):
    answer = consultant.ask("Bolehkah bupati ikut kampanye pada hari kerja tanpa cuti?")
    assert answer.allowed is False
    assert answer.act == "campaign_attendance"
    assert any("'tanpa cuti'" in caveat for caveat in answer.caveats)


def test_a_question_about_a_candidates_act_is_not_answered_for_the_official(consultant):
    answer = consultant.ask("Bolehkah paslon melibatkan kepala desa dalam kampanye?")
    assert not answer.is_answered
