"""Round 20: questions the rules answered with nothing, read by general rules (CV over checks
1-21).

The questions below are written for the test, in the shapes the development sets showed, not
copied from a set.
"""

from __future__ import annotations

import pytest

from netra.guidance import consult, reading
from netra.guidance.consult import Consultant
from netra.guidance.reading import read_question


@pytest.mark.parametrize(
    ("text", "act"),
    [
        # Self-promotion binds no kepala daerah in the rulebook; the aid programme used does.
        ("Bolehkah wali kota menempelkan stiker bergambar dirinya pada paket sembako bantuan "
         "pemerintah menjelang Pilkada?", "partisan_decision"),
        # Round 23 deliberately changed the BUMN example this list held ("pegawai BUMN
        # dikumpulkan untuk ikut kampanye akbar"): BUMN mobilisation now has a rule (rulebook
        # 2024.6.1) and a passive gathering verb reads taking part first, so it no longer reaches
        # this rule (test_round23_mechanisms keeps its answer). Another shape of the same kind:
        ("Bolehkah gubernur menempelkan stiker bergambar dirinya pada paket beras bantuan "
         "pemerintah provinsi menjelang Pilkada?", "partisan_decision"),
    ],
)  # fmt: skip
def test_the_next_act_with_a_rule_answers(rules_consultant, text, act):
    answer = rules_consultant.ask(text)
    assert answer.is_answered
    assert answer.act == act
    assert answer.allowed is False
    assert any("tidak memuat aturan bagi pelaku ini" in caveat for caveat in answer.caveats)


def test_an_act_with_a_rule_read_first_is_answered_without_the_caveat(rules_consultant):
    answer = rules_consultant.ask("Bolehkah PNS ikut kampanye calon bupati?")
    assert answer.act == "campaign_attendance"
    assert not any("tidak memuat aturan bagi pelaku ini" in c for c in answer.caveats)


def test_no_act_with_a_rule_leaves_the_question_unanswered(rules_consultant):
    # Self-promotion alone: no later act to answer from, so Netra still says it has no rule.
    answer = rules_consultant.ask(
        "Bolehkah gubernur memasang stiker bergambar dirinya pada bantuan sosial untuk warga?"
    )
    assert not answer.is_answered
    assert answer.allowed is None


def test_the_next_act_rule_can_be_switched_off_to_measure_it(monkeypatch):
    # Round 23 deliberately changed this example (it was BUMN staff "dikumpulkan" for a rally,
    # which no longer needs the next act: see test_the_next_act_with_a_rule_answers).
    text = (
        "Bolehkah gubernur menempelkan stiker bergambar dirinya pada paket beras bantuan "
        "pemerintah provinsi menjelang Pilkada?"
    )
    assert Consultant(use_fallback=False).ask(text).is_answered
    monkeypatch.setattr(consult, "NEXT_ACT_WITH_A_RULE", False)
    assert not Consultant(use_fallback=False).ask(text).is_answered


@pytest.mark.parametrize(
    ("text", "act"),
    [
        # Stating one's own choice to others is support.
        ("Bolehkah guru PNS mengungkapkan pilihan politiknya kepada murid?", "candidate_support"),
        ("Bolehkah camat menyebutkan calon pilihannya saat ditanya warga?", "candidate_support"),
        # An official removing a candidate's or party's banner acts against the candidate.
        ("Bolehkah lurah mencopot spanduk calon wali kota di depan kantor kelurahan?",
         "partisan_decision"),
        ("Bolehkah kepala dinas memerintahkan pembongkaran baliho caleg yang dipasang warga?",
         "partisan_decision"),
    ],
)  # fmt: skip
def test_the_question_vocabulary_of_round_20(rules_consultant, text, act):
    answer = rules_consultant.ask(text)
    assert (answer.act, answer.allowed) == (act, False)


def test_putting_a_banner_up_is_still_props(rules_consultant):
    answer = rules_consultant.ask("Bolehkah lurah memasang spanduk calon wali kota?")
    assert answer.act == "props_installation"


def test_deciding_ones_vote_reaches_the_vote_entry(rules_consultant):
    answer = rules_consultant.ask(
        "Bolehkah PNS membaca program para calon untuk menentukan pilihannya di pilkada?"
    )
    assert (answer.entry_id, answer.allowed) == ("faq:asn-vote", True)


@pytest.mark.parametrize(
    "text",
    [
        # A soldier's or officer's declared candidacy with the resignation denied is a running
        # question, which the TNI/Polri entry answers.
        "Bolehkah anggota Polri aktif maju sebagai calon wali kota tanpa mengundurkan diri?",
        # Early retirement is how a soldier leaves the service to run.
        "Bolehkah perwira TNI aktif ikut Pilkada sebagai calon bupati tanpa pensiun dini?",
    ],
)
def test_a_service_members_candidacy_reaches_the_service_entry(rules_consultant, text):
    answer = rules_consultant.ask(text)
    assert (answer.entry_id, answer.allowed) == ("faq:tni-polri-vote", False)


def test_an_asn_declaring_a_candidacy_stays_the_declaring_act(rules_consultant):
    # For ASN the SKB makes declaring oneself an act of its own (round 19: v14).
    answer = rules_consultant.ask(
        "Bolehkah Pj bupati mendeklarasikan diri sebagai calon bupati tanpa mundur?"
    )
    assert answer.entry_id is None


def test_the_service_declaring_rule_can_be_switched_off_to_measure_it(monkeypatch):
    text = "Bolehkah anggota Polri aktif maju sebagai calon wali kota tanpa mengundurkan diri?"
    assert read_question(text).asks_to_run
    monkeypatch.setattr(reading, "SERVICE_DECLARING_RUNS", False)
    assert not read_question(text).asks_to_run


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        # A resignation named by its derived noun makes a running question.
        ("Apakah PNS yang maju sebagai calon wali kota wajib menyerahkan surat pengunduran diri?",
         "faq:asn-runs-for-office"),
        # Working hours denied are off-duty hours.
        ("Bolehkah PNS ikut kampanye calon bupati asal tidak pada jam kerja?",
         "faq:off-duty-hours"),
        ("Bolehkah PPPK menghadiri kampanye sepulang kerja?", "faq:off-duty-hours"),
        # A protocol officer goes by duty.
        ("Bolehkah PNS protokoler pemkab mendampingi wakil bupati ke acara kampanye?",
         "faq:official-duty"),
        # A government's own ceremony is an official event.
        ("Bolehkah guru PNS berfoto dengan calon bupati di acara HUT kabupaten?",
         "faq:official-event-photo"),
    ],
)  # fmt: skip
def test_the_faq_words_of_round_20(rules_consultant, text, entry):
    assert rules_consultant.ask(text).entry_id == entry


def test_campaigning_in_working_hours_stays_the_act(rules_consultant):
    answer = rules_consultant.ask("Bolehkah PNS ikut kampanye calon bupati pada jam kerja?")
    assert (answer.entry_id, answer.act, answer.allowed) == (None, "campaign_attendance", False)


@pytest.mark.parametrize(
    ("text", "allowed"),
    [
        # An approval that has not come yet is not given.
        ("Bolehkah bupati melantik kepala dinas menjelang Pilkada sebelum persetujuan Mendagri "
         "keluar?", False),
        ("Bolehkah gubernur memutasi pejabat menjelang Pilkada padahal izin Mendagri belum "
         "terbit?", False),
        # Given, it is a lawful transfer.
        ("Bolehkah bupati memutasi pejabat menjelang Pilkada setelah mendapat izin Mendagri?",
         True),
    ],
)  # fmt: skip
def test_an_approval_not_yet_given_is_refused(rules_consultant, text, allowed):
    answer = rules_consultant.ask(text)
    assert (answer.act, answer.allowed) == ("official_rotation", allowed)


def test_a_police_escort_is_a_facility_of_office(rules_consultant):
    answer = rules_consultant.ask(
        "Bolehkah wali kota yang sedang cuti kampanye tetap memakai patwal polisi?"
    )
    assert (answer.act, answer.allowed) == ("state_facility_use", False)


def test_a_gesture_photo_in_an_election_is_the_photo_act(rules_consultant):
    answer = rules_consultant.ask(
        "Bolehkah PPPK berfoto dengan jari membentuk angka tiga lalu mengunggahnya ke Instagram "
        "saat pilkada?"
    )
    assert (answer.act, answer.allowed) == ("partisan_photo", False)


def test_an_uploaded_photo_with_no_pose_stays_social_media(rules_consultant):
    answer = rules_consultant.ask(
        "Bolehkah PNS mengunggah foto calon bupati ke Facebook saat masa kampanye?"
    )
    assert answer.act == "social_media_campaign"
