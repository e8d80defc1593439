"""Round 17: a finger gesture with no photograph named is not the photo act, and a denial reaches
an object coordinated with the denied one."""

from __future__ import annotations

import pytest

from netra.guidance import reading
from netra.guidance.consult import Basis
from netra.guidance.reading import read_question


@pytest.mark.parametrize(
    "text",
    [
        "Bolehkah lurah mengacungkan salam tiga jari di acara deklarasi calon wali kota?",
        "Bolehkah camat ikut meneriakkan salam dua jari saat kampanye capres?",
        # Round 9 read this gesture as the photo act (its DONE_WITH list changed deliberately).
        "Bolehkah ASN menghadiri kampanye calon bupati sambil mengacungkan dua jari?",
    ],
)
def test_a_gesture_at_a_campaign_or_declaration_is_taking_part_in_it(rules_consultant, text):
    answer = rules_consultant.ask(text)
    assert answer.basis is Basis.RULEBOOK
    assert answer.act == "campaign_attendance"
    assert answer.allowed is False


def test_a_gesture_made_for_others_is_the_other_act_read():
    acts = read_question("Bolehkah kepala sekolah menyuruh guru membuat simbol jari paslon?").acts
    assert "partisan_photo" not in acts
    assert acts[0] == "mobilization"


@pytest.mark.parametrize(
    "text",
    [
        "Bolehkah ASN berfoto dengan salam dua jari di acara deklarasi capres?",
        "Bolehkah PNS berpose satu jari bersama caleg saat kampanye?",
        "Bolehkah ASN swafoto mengacungkan jempol dengan calon bupati?",
    ],
)
def test_a_gesture_in_a_photograph_stays_the_photo_act(text):
    assert read_question(text).acts[0] == "partisan_photo"


def test_a_gesture_alone_stays_the_photo_act():
    assert read_question("Bolehkah ASN mengacungkan dua jari?").acts == ("partisan_photo",)


def test_without_the_rule_a_gesture_at_an_event_is_read_as_a_photo(monkeypatch):
    text = "Bolehkah lurah mengacungkan salam tiga jari di acara deklarasi calon wali kota?"
    monkeypatch.setattr(reading, "GESTURE_NOT_PHOTO", False)
    assert read_question(text).acts[0] == "partisan_photo"


def test_a_denial_reaches_an_object_coordinated_with_the_denied_one(rules_consultant):
    answer = rules_consultant.ask(
        "Bolehkah bupati berkampanye pada hari Minggu asal tidak memakai ajudan dan fasilitas "
        "negara?"
    )
    assert answer.act == "campaign_attendance"
    assert answer.allowed is True


def test_a_verb_after_the_conjunction_is_not_denied_with_the_object():
    acts = read_question(
        "Bolehkah ASN tidak memakai atribut partai dan ikut kampanye calon bupati?"
    ).acts
    assert "campaign_attendance" in acts


def test_without_the_rule_the_coordinated_facility_is_read(monkeypatch):
    monkeypatch.setattr(reading, "DENIAL_COORDINATION", False)
    acts = read_question(
        "Bolehkah bupati berkampanye pada hari Minggu asal tidak memakai ajudan dan fasilitas "
        "negara?"
    ).acts
    assert acts[0] == "state_facility_use"


@pytest.mark.parametrize(
    "text",
    [
        "Bolehkah caleg membagikan kalender kepada para guru di sekolah negeri?",
        "Bolehkah calon bupati mengundang kepala desa ke acara syukuran timnya?",
    ],
)
def test_a_candidate_who_acts_before_any_official_is_named_is_outside_the_rules(
    rules_consultant, text
):
    answer = rules_consultant.ask(text)
    assert answer.basis is Basis.NONE
    assert answer.allowed is None
    assert read_question(text).outside_reason is not None


@pytest.mark.parametrize(
    "text",
    [
        # The official acts; the candidate is what the act is for.
        "Bolehkah ASN membagikan kalender caleg kepada warga?",
        # An incumbent named with the candidacy is the kepala daerah (round 14).
        "Bolehkah calon bupati petahana membagikan sembako kepada warga?",
        # A candidate described by a status: the PNS is who asks.
        "Bolehkah calon bupati yang berstatus PNS ikut kampanye?",
    ],
)
def test_an_official_who_acts_is_not_taken_for_a_candidate(text):
    assert read_question(text).outside_reason is None


def test_without_the_rule_the_official_reached_is_answered_for(monkeypatch):
    monkeypatch.setattr(reading, "CANDIDATE_ACTS", False)
    text = "Bolehkah caleg membagikan kalender kepada para guru di sekolah negeri?"
    assert read_question(text).outside_reason is None
