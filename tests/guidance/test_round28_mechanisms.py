"""Round 28: who is bound. A health worker named by the title alone, with no public health body
and no civil-service status, is not read as an ASN (questions written for these tests, not taken
from any set)."""

from __future__ import annotations

import pytest

from netra.guidance import reading
from netra.guidance.consult import Consultant
from netra.guidance.reading import read_question

BARE_DOCTORS = "Bolehkah para dokter gigi memasang baliho calon wali kota di depan kliniknya?"
BARE_NURSE = "Bolehkah seorang perawat menyebarkan video kampanye caleg di grup WhatsApp?"


@pytest.mark.parametrize("question", [BARE_DOCTORS, BARE_NURSE])
def test_a_health_title_alone_is_out_of_scope(question):
    answer = Consultant(use_fallback=False).ask(question)
    assert not answer.is_answered
    assert answer.allowed is None
    assert read_question(question).outside_reason is not None


@pytest.mark.parametrize("question", [BARE_DOCTORS, BARE_NURSE])
def test_without_the_rule_it_was_answered_as_an_asn_act(monkeypatch, question):
    monkeypatch.setattr(reading, "HEALTH_TITLE_ALONE", False)
    answer = Consultant(use_fallback=False).ask(question)
    assert answer.is_answered
    assert answer.subject == "asn"


@pytest.mark.parametrize(
    "question",
    [
        "Bolehkah perawat puskesmas menyebarkan video kampanye caleg di grup WhatsApp?",
        "Bolehkah dokter berstatus PPPK memasang baliho calon wali kota di rumahnya?",
        "Bolehkah bidan di RSUD memasang baliho calon wali kota di rumahnya?",
    ],
)
def test_a_public_body_or_a_status_keeps_the_asn_reading(question):
    answer = Consultant(use_fallback=False).ask(question)
    assert answer.is_answered
    assert answer.allowed is False
    assert read_question(question).outside_reason is None


def test_a_bare_teacher_is_still_read_as_asn():
    # The rule is about health titles only: a teacher named alone stays an assumed ASN.
    answer = Consultant(use_fallback=False).ask(
        "Bolehkah guru menyebarkan video kampanye caleg di grup WhatsApp?"
    )
    assert answer.is_answered
    assert answer.subject == "asn"
