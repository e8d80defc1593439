"""Round 14: a date written in the question; a video made, not posted; the incumbent named
first as who acts; funding, goods and a party's witness in their own words; PPNPN as honorary
staff; applying to the KPU or Bawaslu as joining an election body."""

from __future__ import annotations

from datetime import date

import pytest

from netra.guidance import reading
from netra.guidance.dates import stated_date
from netra.guidance.reading import read_question


@pytest.mark.parametrize(
    ("text", "day", "words"),
    [
        ("Bolehkah bupati memutasi pejabat sejak 22 Maret 2024?", date(2024, 3, 22), None),
        (
            "Bolehkah ASN like postingan paslon pada 1 Oktober di Pilkada 2024?",
            date(2024, 10, 1),
            None,
        ),
        ("Apakah boleh sebelum 22 September 2024?", date(2024, 9, 21), "sebelum 22 September 2024"),
        ("Mulai 1 okt 2024 ASN boleh berfoto dengan calon?", date(2024, 10, 1), None),
    ],
)
def test_a_whole_date_in_the_question_is_read(text, day, words):
    found = stated_date(text)
    assert found is not None
    assert found.day == day
    if words is not None:
        assert found.words == words


@pytest.mark.parametrize(
    "text",
    [
        "Bolehkah ASN like postingan paslon pada 1 Oktober?",  # no year anywhere
        "Boleh pada 1 Oktober 2024 atau 2 Oktober 2024?",  # two dates: ambiguous
        "Bolehkah mutasi pada 31 Februari 2024?",  # no such day
        "Bolehkah ASN ikut kampanye Pilkada 2024?",  # a year only
    ],
)
def test_no_date_is_read_from_a_partial_ambiguous_or_impossible_one(text):
    assert stated_date(text) is None


def test_the_written_date_decides_the_sanction_and_is_said(rules_consultant):
    before = rules_consultant.ask("Bolehkah ASN like postingan paslon pada 1 September 2024?")
    after = rules_consultant.ask("Bolehkah ASN like postingan paslon pada 1 Oktober 2024?")
    assert before.allowed is False
    assert after.allowed is False
    assert before.sanctions != after.sanctions  # SKB part A before the penetapan, part B after
    assert any("2024-10-01" in caveat for caveat in after.caveats)


def test_a_date_given_with_the_option_wins_over_the_written_one(rules_consultant):
    answer = rules_consultant.ask(
        "Bolehkah ASN like postingan paslon pada 1 Oktober 2024?", on=date(2024, 9, 1)
    )
    written = rules_consultant.ask("Bolehkah ASN like postingan paslon pada 1 September 2024?")
    assert answer.sanctions == written.sanctions
    assert not any("dibaca dari pertanyaan" in caveat for caveat in answer.caveats)


def test_a_transfer_from_a_written_date_in_the_window_is_not_allowed(rules_consultant):
    question = "Apakah bupati dilarang melakukan mutasi pegawai sejak 22 Maret 2024?"
    assert rules_consultant.ask(question).allowed is False


@pytest.mark.parametrize(
    "question",
    [
        "Bolehkah camat membuat video deklarasi dukungan kepada capres?",
        "Bolehkah kepala sekolah membuat video yel-yel dukungan untuk bakal calon bupati?",
    ],
)
def test_a_video_made_with_no_medium_named_is_support(question):
    assert read_question(question).acts[0] == "candidate_support"


@pytest.mark.parametrize(
    "question",
    [
        "Bolehkah ASN mengunggah video dukungan capres di TikTok?",
        "Bolehkah ASN membagikan video kampanye paslon?",
        "Bolehkah ASN membuat video dukungan calon lalu memposting di Facebook?",
    ],
)
def test_a_video_posted_or_on_a_medium_is_still_social_media(question):
    assert read_question(question).acts[0] == "social_media_campaign"


def test_without_the_mechanism_a_made_video_reads_as_social_media(monkeypatch):
    monkeypatch.setattr(reading, "MADE_NOT_POSTED", False)
    question = "Bolehkah camat membuat video deklarasi dukungan kepada capres?"
    assert read_question(question).acts[0] == "social_media_campaign"


def test_an_incumbent_candidate_named_first_is_the_kepala_daerah_who_acts(rules_consultant):
    answer = rules_consultant.ask(
        "Bolehkah calon petahana menggunakan fasilitas negara selama cuti kampanye?"
    )
    assert answer.subject == "regional_head"
    assert answer.allowed is False
    assert answer.act == "state_facility_use"


def test_an_incumbent_after_the_act_is_not_who_acts():
    assert read_question("Bolehkah ASN foto bersama calon petahana?").subject == "asn"


@pytest.mark.parametrize(
    ("question", "act"),
    [
        (
            "Bolehkah kepala dinas menjadi pemodal biaya politik calon bupati?",
            "candidate_support",
        ),
        (
            "Bolehkah PNS memberikan barang kepada warga sebagai bentuk keberpihakan kepada "
            "pasangan calon?",
            "mobilization",
        ),
        ("Emang boleh ASN jadi saksi partai politik di TPS?", "other_partiality"),
    ],
)
def test_funding_goods_and_a_party_witness_read_as_their_acts(rules_consultant, question, act):
    answer = rules_consultant.ask(question)
    assert answer.act == act
    assert answer.allowed is False


def test_ppnpn_are_answered_as_honorary_staff(rules_consultant):
    answer = rules_consultant.ask("Apakah PPNPN boleh ikut kampanye pilkada?")
    assert answer.entry_id == "faq:honorary-staff"


def test_applying_to_the_kpu_is_joining_an_election_body_not_running(rules_consultant):
    applying = rules_consultant.ask("Bolehkah PNS mendaftar sebagai calon anggota KPU provinsi?")
    running = rules_consultant.ask("Bolehkah PNS maju sebagai calon anggota DPRD?")
    assert applying.entry_id == "faq:asn-election-officer"
    assert applying.allowed is True
    assert running.entry_id == "faq:asn-runs-for-office"


def test_a_photo_uploaded_that_is_no_pose_is_social_media_campaigning():
    question = (
        "Bolehkah PNS mengunggah foto yang berkaitan dengan pemilu atau atribut partai politik "
        "ke media sosial?"
    )
    assert read_question(question).acts[0] == "social_media_campaign"


@pytest.mark.parametrize(
    "question",
    [
        "Bolehkah anggota Polri mengunggah foto bersama calon kepala daerah ke medsos?",
        "Bolehkah polisi mengunggah swafoto dengan pose dua jari ke media sosial?",
    ],
)
def test_a_posed_photo_uploaded_stays_the_photo_act(question):
    assert read_question(question).acts[0] == "partisan_photo"
