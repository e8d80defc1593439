"""Round 27: the medium names the act; whose candidacy a relative clause describes (questions
written for these tests, not taken from any set)."""

from __future__ import annotations

import pytest

from netra.guidance import consult, reading
from netra.guidance.consult import OWN_CANDIDACY_ENTRY, Consultant
from netra.guidance.reading import read_question

THROUGH_INSTAGRAM = (
    "Bolehkah PNS memperlihatkan keberpihakan kepada calon gubernur melalui Instagram?"
)
PARTY_PICTURE = "Bolehkah guru PPPK mengirim gambar partai ke grup WhatsApp alumni?"
OTHERS_CANDIDACY = (
    "Bolehkah pegawai dinas memasang tenda untuk kepala desa yang sedang maju sebagai caleg?"
)


@pytest.mark.parametrize("question", [THROUGH_INSTAGRAM, PARTY_PICTURE])
def test_partisan_content_on_a_social_medium_is_campaigning_there(question):
    answer = Consultant(use_fallback=False).ask(question)
    assert answer.act == "social_media_campaign"
    assert answer.allowed is False


@pytest.mark.parametrize("question", [THROUGH_INSTAGRAM, PARTY_PICTURE])
def test_without_the_rule_nothing_was_read(monkeypatch, question):
    monkeypatch.setattr(reading, "THROUGH_A_MEDIUM", False)
    assert read_question(question).acts == ()


def test_a_medium_without_partisan_content_names_no_act():
    acts = read_question("Bolehkah ASN mengirim laporan kegiatan kantor lewat WhatsApp?").acts
    assert "social_media_campaign" not in acts


def test_an_act_read_is_not_replaced_by_the_medium():
    # A photo act is read: the medium does not displace it.
    acts = read_question(
        "Bolehkah ASN berfoto dengan caleg sambil mengacungkan dua jari lalu mengunggahnya ke "
        "Facebook?"
    ).acts
    assert acts[0] != "social_media_campaign" or "partisan_photo" in acts


def test_a_candidacy_in_a_clause_about_someone_else_is_theirs(monkeypatch):
    answer = Consultant(use_fallback=False).ask(OTHERS_CANDIDACY)
    assert answer.entry_id != OWN_CANDIDACY_ENTRY
    monkeypatch.setattr(consult, "CLAUSE_ASPECT_WORDS", False)
    assert Consultant(use_fallback=False).ask(OTHERS_CANDIDACY).entry_id == OWN_CANDIDACY_ENTRY


def test_the_askers_own_candidacy_with_an_aspect_word_still_reaches_the_entry():
    answer = Consultant(use_fallback=False).ask(
        "Apakah PNS yang akan mencalonkan diri sebagai bupati harus mengundurkan diri?"
    )
    assert answer.entry_id == OWN_CANDIDACY_ENTRY
