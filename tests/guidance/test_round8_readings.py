"""General readings of round 8 (docs/history/consultation-rounds.md, "Round 8"), each a kind of
question the development sets showed: an official lending or permitting an office's place to a
campaign, becoming a candidate, a retiree's status before the own-candidacy rule, attendance in
one's official capacity. The questions are written for the tests, not taken from any labelled
set."""

from __future__ import annotations

import pytest

from netra.guidance.consult import Basis, Consultant
from netra.guidance.faq import parse_faq


@pytest.mark.parametrize(
    "question",
    [
        "Bolehkah lurah mengizinkan aula kelurahan dipakai untuk kampanye calon wali kota?",
        "Bolehkah camat meminjamkan gedung kecamatan kepada paslon untuk kampanye?",
        "Bolehkah kepala puskesmas menyediakan ruang puskesmas untuk kampanye caleg?",
    ],
)
def test_letting_a_campaign_use_an_office_place_is_facility_use(
    consultant: Consultant, question: str
) -> None:
    answer = consultant.ask(question)
    assert (answer.act, answer.allowed) == ("state_facility_use", False)


def test_lending_ones_own_thing_is_not_facility_use(consultant: Consultant) -> None:
    answer = consultant.ask("Bolehkah ASN meminjamkan mobil pribadinya untuk kampanye?")
    assert answer.act != "state_facility_use"


@pytest.mark.parametrize(
    "question",
    ["Bolehkah PNS menjadi calon bupati?", "Apakah ASN boleh jadi bakal calon anggota DPRD?"],
)
def test_becoming_a_candidate_is_running_for_office(consultant: Consultant, question: str) -> None:
    assert consultant.ask(question).entry_id == "faq:asn-runs-for-office"


@pytest.mark.parametrize(
    "question",
    [
        "ASN jadi saksi paslon di TPS, boleh?",  # "jadi" and "calon" apart: not becoming one
        "Bolehkah ASN mendukung temannya yang menjadi calon bupati?",  # the friend runs
    ],
)
def test_candidacy_words_of_someone_else_are_not_ones_own_candidacy(
    consultant: Consultant, question: str
) -> None:
    assert consultant.ask(question).entry_id != "faq:asn-runs-for-office"


def test_a_retiree_who_runs_is_answered_by_the_retirees_entry(consultant: Consultant) -> None:
    answer = consultant.ask("Bolehkah pensiunan PNS mencalonkan diri jadi anggota DPRD?")
    assert (answer.entry_id, answer.allowed) == ("faq:retired-asn", True)


def test_attendance_in_ones_official_capacity_is_official_duty(consultant: Consultant) -> None:
    answer = consultant.ask("Bolehkah camat menghadiri deklarasi paslon karena undangan resmi?")
    assert answer.basis is Basis.FAQ
    assert (answer.entry_id, answer.allowed) == ("faq:official-duty", True)


def test_a_contiguous_alternative_needs_its_words_together_and_in_order() -> None:
    source = "UU 20/2023; https://example.org"
    entry = parse_faq(
        {
            "faq": [
                {
                    "id": "e",
                    "kind": "permission",
                    "question": "Bolehkah ASN menjadi calon?",
                    "answer": "Tergantung.",
                    "match": [["~menjadi calon"]],
                    "allowed": None,
                    "depends_on": ["mundur"],
                    "norms": ["UU 20/2023"],
                    "source": source,
                }
            ]
        },
        source="test.yaml",
    )[0]
    assert entry.matches(("asn", "menjadi", "calon", "bupati"), "asn")
    assert not entry.matches(("asn", "menjadi", "saksi", "calon"), "asn")
    assert not entry.matches(("calon", "menjadi"), "asn")


def test_a_pose_no_candidate_uses_is_a_lawful_photo(consultant: Consultant) -> None:
    allowed = consultant.ask("Bolehkah PNS berfoto dengan bupati sambil mengepalkan tangan?")
    refused = consultant.ask("Bolehkah PNS berfoto dengan calon bupati dengan salam dua jari?")
    assert (allowed.act, allowed.allowed) == ("partisan_photo", True)
    assert (refused.act, refused.allowed) == ("partisan_photo", False)
    assert any("dikecualikan" in caveat for caveat in allowed.caveats)


def test_a_retirees_own_corps_named_again_is_not_a_serving_officer(
    consultant: Consultant,
) -> None:
    answer = consultant.ask("Bolehkah purnawirawan Polri memakai seragam Polri di baliho caleg?")
    assert not answer.is_answered
    serving = consultant.ask("Bolehkah anggota Polri memakai seragam Polri di baliho caleg?")
    assert serving.subject == "polri"


def test_a_bare_employee_of_an_agency_is_read_as_asn_with_the_role_caveat(
    consultant: Consultant,
) -> None:
    answer = consultant.ask("Bolehkah pegawai BPS memasang baliho calon bupati?")
    assert (answer.subject, answer.act, answer.allowed) == ("asn", "props_installation", False)
    assert any("tanpa status kepegawaian" in caveat for caveat in answer.caveats)


def test_a_private_employee_is_outside_the_neutrality_rules(consultant: Consultant) -> None:
    answer = consultant.ask("Bolehkah karyawan swasta ikut kampanye calon bupati?")
    assert not answer.is_answered
    assert answer.caveats[0].startswith("di luar cakupan: pegawai swasta bukan ASN")
