"""Round 13: rulebook verdicts for BUMN/BUMD organs' social media and assets and for a kepala
daerah's facilities in the Pemilu; the run-up to the vote and a leave the official is on as
presumed periods; a denied resignation or leave as a running question that reaches the
own-candidacy entry; campaigning as the verb with support after it."""

from __future__ import annotations

from datetime import date

import pytest

from netra.guidance import consult, reading
from netra.guidance.consult import Consultant, answer_label
from netra.guidance.reading import asks_to_run, canonical_words, read_question
from netra.rulebook import load_rulebook


@pytest.mark.parametrize(
    ("question", "act"),
    [
        (
            "Bolehkah pejabat BUMN terlibat kampanye pilkada lewat media sosial?",
            "social_media_campaign",
        ),
        (
            "Bolehkah karyawan BUMN menggunakan kendaraan dinas atau gedung BUMN untuk "
            "kampanye Pilkada?",
            "state_facility_use",
        ),
    ],
)
def test_a_bumn_organ_campaigning_online_or_with_company_assets_is_not_allowed(
    rules_consultant, question, act
):
    answer = rules_consultant.ask(question)
    assert answer_label(answer) == f"act:{act}"
    assert answer.allowed is False
    assert "SE Menteri BUMN S-560/S.MBU/10/2023" in answer.norms


@pytest.mark.parametrize("election", ["pilkada-2024", "pemilu-2024"])
@pytest.mark.parametrize("act", ["social_media_campaign", "state_facility_use"])
def test_the_rulebook_binds_bumn_organs_in_both_elections(act, election):
    book = load_rulebook()
    on = date(2024, 10, 1) if election.startswith("pilkada") else date(2024, 1, 10)
    result = book.applicability(act, "bumn_bumd", on, election)
    assert result.applicable
    assert {s.type.value for s in result.sanctions} == {"internal"}
    assert all(s.is_provisional for s in result.sanctions)


def test_a_kepala_daerah_campaigning_in_the_pemilu_with_official_cars_is_not_allowed(
    rules_consultant,
):
    answer = rules_consultant.ask(
        "Bolehkah kepala daerah memakai pengawalan dan mobil dinas saat berkampanye untuk capres?"
    )
    assert answer_label(answer) == "act:state_facility_use"
    assert answer.allowed is False
    book = load_rulebook()
    # Only in the campaign stage: outside it there is no campaign to use the car for.
    assert book.applicability(
        "state_facility_use", "regional_head", date(2024, 1, 10), "pemilu-2024"
    ).applicable
    assert not book.applicability(
        "state_facility_use", "regional_head", date(2023, 9, 1), "pemilu-2024"
    ).applicable


RUN_UP = "Bolehkah petahana menempelkan fotonya pada bansos yang dibagikan menjelang pilkada?"


def test_the_run_up_to_the_vote_is_a_presumed_period(rules_consultant):
    assert read_question(RUN_UP).presumed_stage == reading.RUN_UP_STAGE
    answer = rules_consultant.ask(RUN_UP)
    assert answer_label(answer) == "act:partisan_decision"
    assert answer.allowed is False
    assert any("menjelang pemungutan suara" in caveat for caveat in answer.caveats)


def test_without_the_run_up_reading_the_package_depends_on_the_date(monkeypatch):
    monkeypatch.setattr(reading, "RUN_UP_PERIOD", False)
    # Round 21's rule for an act favouring a named candidate would settle it too: off, so the
    # run-up reading is what this measures.
    monkeypatch.setattr(consult, "CANDIDATE_DEFINED_TAIL", False)
    answer = Consultant(use_fallback=False).ask(RUN_UP)
    assert answer.allowed is None
    assert answer.depends_on


@pytest.mark.parametrize(
    ("question", "stage"),
    [
        ("Jelang pemilu, bolehkah camat memutasi pejabat?", reading.RUN_UP_STAGE),
        # "menjelang" must name the election or the vote.
        ("Bolehkah ASN memasang spanduk menjelang lebaran?", None),
        ("Bolehkah bupati incumbent yang sedang cuti memakai mobil dinas?", "kampanye"),
    ],
)
def test_which_words_presume_a_period(question, stage):
    assert read_question(question).presumed_stage == stage


def test_a_transfer_whose_approval_is_unsaid_still_depends_on_it(rules_consultant):
    # The run-up does not settle an act a rule forbids unless leave is granted.
    answer = rules_consultant.ask("Jelang pilkada, petahana dilarang mutasi sembarangan?")
    assert answer_label(answer) == "act:official_rotation"
    assert answer.allowed is None


def test_a_leave_the_official_is_on_is_the_campaign_leave(rules_consultant):
    answer = rules_consultant.ask(
        "Bolehkah bupati incumbent yang sedang cuti memakai protokol, mobil dinas, atau "
        "anggaran pemda?"
    )
    assert answer_label(answer) == "act:state_facility_use"
    assert answer.allowed is False


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Bolehkah ASN mendaftar sebagai bakal calon bupati tanpa mengajukan cuti?", True),
        ("Bolehkah PNS maju sebagai caleg tanpa mengundurkan diri?", True),
        # No candidacy, or a leave with no registration: not the question.
        ("Bolehkah PNS ikut kampanye tanpa cuti?", False),
        ("Bolehkah bupati yang maju lagi berkampanye tanpa cuti?", False),
    ],
)
def test_a_denied_resignation_or_leave_makes_a_running_question(question, expected):
    assert asks_to_run(canonical_words(question), has_kin=False) is expected


def test_a_declaration_with_the_leave_denied_stays_the_declaration(rules_consultant):
    question = (
        "Bolehkah ASN mendeklarasikan diri sebagai bakal calon kepala daerah tanpa cuti di luar "
        "tanggungan negara?"
    )
    assert not read_question(question).asks_to_run
    assert answer_label(rules_consultant.ask(question)) == "act:self_declaration"


DENIED_LEAVE = (
    "Bolehkah kepala dinas mendaftar sebagai bakal calon kepala daerah melalui partai politik "
    "tanpa mengajukan cuti?"
)


def test_registering_without_the_leave_is_the_own_candidacy_broken(rules_consultant):
    answer = rules_consultant.ask(DENIED_LEAVE)
    assert answer_label(answer) == "faq:asn-runs-for-office"
    assert answer.allowed is False


def test_without_the_denial_reading_registering_was_approaching_a_party(monkeypatch):
    monkeypatch.setattr(reading, "DENIED_CONDITION_RUNS", False)
    answer = Consultant(use_fallback=False).ask(DENIED_LEAVE)
    assert answer_label(answer) == "act:party_approach"


SELECTION = (
    "Apakah ASN yang ikut penjaringan bakal calon wali kota di partai politik harus mengundurkan "
    "diri?"
)


def test_a_running_question_reaches_the_entry_without_its_words(rules_consultant):
    answer = rules_consultant.ask(SELECTION)
    assert answer_label(answer) == "faq:asn-runs-for-office"
    assert answer.allowed is None


def test_without_reaching_the_entry_a_party_selection_went_unanswered(monkeypatch):
    monkeypatch.setattr(consult, "RUNNING_REACHES_ENTRY", False)
    assert Consultant(use_fallback=False).ask(SELECTION).is_answered is False


@pytest.mark.parametrize(
    "question",
    [
        "Bolehkah dokter PNS berkampanye mendukung calon gubernur?",
        "Bolehkah komisaris atau direktur BUMN turut berkampanye memenangkan calon presiden?",
    ],
)
def test_campaigning_for_a_candidate_is_taking_part_in_the_campaign(rules_consultant, question):
    answer = rules_consultant.ask(question)
    assert answer_label(answer) == "act:campaign_attendance"
    assert answer.allowed is False


@pytest.mark.parametrize(
    "question",
    [
        "Bolehkah komisaris BUMN menunjukkan dukungan kepada pasangan capres asalkan tidak aktif "
        "berkampanye?",
        "Bolehkah ASN memberikan sumbangan dana kampanye kepada calon?",
    ],
)
def test_denied_campaigning_or_campaign_funds_stay_support(question):
    assert read_question(question).acts[0] == "candidate_support"


def test_without_the_campaigning_reading_it_was_bare_support(monkeypatch):
    monkeypatch.setattr(reading, "CAMPAIGNING_SUPPORT", False)
    acts = read_question("Bolehkah dokter PNS berkampanye mendukung calon gubernur?").acts
    assert acts[0] == "candidate_support"
