"""Round 12: one's own candidacy asked as what it requires, a relative's own activity, a public
programme used for a candidacy, and support through social media or by a BUMN organ."""

from __future__ import annotations

import pytest

from netra.guidance import reading
from netra.guidance.consult import Consultant, answer_label
from netra.guidance.reading import asks_to_run, canonical_words, read_question

# What one must do to run for office (questions of the development sets).
RUNNING = [
    "Apakah PNS yang mau maju Pilkada 2024 harus langsung mundur saat mendaftar ke partai politik?",
    "Apakah PNS harus mundur jika mendaftar sebagai caleg?",
    "Apakah Pj bupati yang berstatus PNS harus mengundurkan diri jika maju dalam Pilkada?",
    "Kapan ASN yang ingin maju jadi caleg harus mengundurkan diri?",
]


@pytest.mark.parametrize("question", RUNNING)
def test_what_running_requires_is_the_own_candidacy_entry(consultant, question):
    answer = consultant.ask(question)
    assert answer_label(answer) == "faq:asn-runs-for-office"
    assert answer.allowed is None


def test_without_the_running_question_registering_was_approaching_a_party(consultant, monkeypatch):
    monkeypatch.setattr(reading, "RUNNING_QUESTION", False)
    answer = Consultant(use_fallback=False).ask(RUNNING[0])
    assert answer_label(answer) == "act:party_approach"
    assert Consultant(use_fallback=False).ask(RUNNING[3]).is_answered is False


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Apakah ASN yang mendaftar sebagai bakal caleg harus mundur?", True),
        ("Apakah ASN yang mendekati partai untuk jadi bakal calon wajib cuti?", True),
        # A leave to campaign, a spouse's candidacy, or no obligation: not the question.
        ("Apakah bupati yang ikut kampanye pilpres harus cuti?", False),
        ("Apakah PNS yang istrinya maju pilkada harus cuti?", False),
        ("Bolehkah ASN mencalonkan diri?", False),
        # Round 13 (deliberate change): the resignation denied asks about the same condition.
        ("Bolehkah ASN mencalonkan diri tanpa mundur?", True),
    ],
)
def test_a_running_question_needs_an_obligation_a_resignation_and_a_candidacy(question, expected):
    words = canonical_words(question)
    has_kin = any(word in {"istri", "istrinya", "suami"} for word in question.lower().split())
    assert asks_to_run(words, has_kin=has_kin) is expected


def test_an_obligation_to_have_resigned_is_asked_not_stated(consultant):
    asked = consultant.ask(
        "Apakah ASN yang mendaftar sebagai bakal caleg harus sudah mengundurkan diri sebelum "
        "masuk DCS?"
    )
    assert (answer_label(asked), asked.allowed) == ("faq:asn-runs-for-office", None)
    stated = consultant.ask("Bolehkah ASN yang sudah mengundurkan diri maju pilkada?")
    assert (answer_label(stated), stated.allowed) == ("faq:asn-runs-for-office", True)


def test_a_soldiers_candidacy_is_answered_by_the_tni_polri_entry(consultant):
    answer = consultant.ask(
        "Bolehkah prajurit TNI aktif mencalonkan diri sebagai calon anggota legislatif tanpa "
        "mengundurkan diri?"
    )
    assert (answer_label(answer), answer.allowed) == ("faq:tni-polri-vote", False)
    assert "UU 7/2017 Pasal 240 ayat (1) huruf k" in answer.norms


# A relative's own candidacy, party or team.
RELATIVES = [
    ("Bolehkah istri Kapolsek maju sebagai caleg?", "polri"),
    ("Bolehkah istri prajurit TNI bergabung dengan partai politik?", "tni"),
    ("Bolehkah istri atau anak ASN yang bukan ASN menjadi tim sukses capres?", "asn"),
]


@pytest.mark.parametrize(("question", "official"), RELATIVES)
def test_a_relatives_own_activity_is_the_family_entry_with_the_officials_duty(
    consultant, question, official
):
    answer = consultant.ask(question)
    assert (answer_label(answer), answer.allowed) == ("faq:family-of-asn", True)
    assert any(caveat.startswith(f"pejabatnya ({official})") for caveat in answer.caveats)


def test_without_the_mechanism_a_relatives_activity_was_unanswered(monkeypatch):
    monkeypatch.setattr(reading, "RELATIVES_OWN_ACTIVITY", False)
    consultant = Consultant(use_fallback=False)
    for question, _ in RELATIVES:
        assert not consultant.ask(question).is_answered


@pytest.mark.parametrize(
    "question",
    [
        "Apakah istri polisi boleh menggunakan hak pilih?",  # a vote: no question of neutrality
        "Apakah anggota Persit boleh terlibat aktif dalam kampanye?",  # "anggota" names the wife
    ],
)
def test_a_relatives_vote_or_a_role_word_alone_is_not_the_family_entry(consultant, question):
    assert answer_label(consultant.ask(question)) != "faq:family-of-asn"


# A public programme used for a candidacy, against a candidate's goods or the job itself.
@pytest.mark.parametrize(
    ("question", "first", "absent"),
    [
        (
            "Bolehkah bupati yang akan maju lagi memanfaatkan bantuan sosial untuk kampanye "
            "pencalonannya?",
            "partisan_decision",
            None,
        ),
        (
            "Bolehkah petahana menempelkan fotonya pada bansos yang dibagikan menjelang pilkada?",
            "partisan_decision",
            None,
        ),
        ("Bolehkah ASN membagikan sembako dari calon kepada warga?", "mobilization", None),
        (
            "Bolehkah ASN dinas sosial menyalurkan bansos kepada warga?",
            None,
            "partisan_decision",
        ),
    ],
)
def test_a_programme_used_for_a_candidacy_is_a_partisan_decision(question, first, absent):
    acts = read_question(question).acts
    if first is not None:
        assert acts[0] == first
    if absent is not None:
        assert absent not in acts


def test_support_through_social_media_is_campaigning_there():
    question = "Bolehkah PNS memberikan dukungan kepada capres melalui WhatsApp atau Instagram?"
    assert read_question(question).acts[0] == "social_media_campaign"


def test_a_campus_lent_to_a_campaign_is_a_facility():
    question = "Bolehkah rektor memfasilitasi kampus menjadi tempat kampanye salah satu capres?"
    assert read_question(question).acts[0] == "state_facility_use"


def test_a_bumn_organs_support_is_allowed_without_campaigning(consultant):
    allowed = consultant.ask(
        "Bolehkah komisaris BUMN menyatakan dukungan kepada capres asal tidak ikut kampanye?"
    )
    assert (allowed.act, allowed.subject, allowed.allowed) == (
        "candidate_support",
        "bumn_bumd",
        True,
    )
    assert "SE Menteri BUMN S-560/S.MBU/10/2023" in allowed.norms
    broken = consultant.ask(
        "Bolehkah direksi BUMN menyatakan dukungan kepada capres dengan atribut perusahaan?"
    )
    assert broken.allowed is False


def test_a_candidate_receiving_donations_is_the_candidates_question(consultant):
    answer = consultant.ask(
        "Bolehkah pasangan calon menerima sumbangan dana kampanye dari BUMD atau BUMDes?"
    )
    assert not answer.is_answered
