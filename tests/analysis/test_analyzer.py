"""`analyze()`: the JSON contract, the incident date and the law it selects, and the registry."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from netra.analysis import NO_SUBJECT, Analysis, Analyzer, analyze
from netra.analysis.entities import load_candidates

# A camat (PNS) posting a call to vote for a paslon on Facebook: social_media_campaign.
CAMAT_POST = (
    "Camat Sukamaju mengunggah ajakan memilih paslon nomor urut 2 di akun Facebook pribadinya."
)
CHATTER = "Hari ini hujan deras dari pagi, jalan ke pasar macet dan harga cabai naik lagi."

# Before penetapan paslon (22 Sep 2024) the SKB 2022 part A applies, from it on part B.
BEFORE_PENETAPAN = date(2024, 9, 1)
AFTER_PENETAPAN = date(2024, 10, 1)


def _parts(analysis: Analysis) -> set[str | None]:
    return {
        sanction["part"]
        for finding in analysis.to_dict()["findings"]
        for sanction in finding["sanctions"]
    }


def test_violation_dict_has_the_contract_keys() -> None:
    data = analyze(CAMAT_POST).to_dict()
    assert {
        "is_violation",
        "bawaslu_category",
        "subject",
        "findings",
        "entities",
        "date",
        "date_source",
        "election",
        "analyzer_version",
        "notes",
    } <= set(data)
    assert data["is_violation"] is True
    assert data["bawaslu_category"] == 1
    assert data["subject"]["type"] == "pns"
    assert data["subject"]["span"]["text"] == "Camat"
    assert {"nips", "parties", "platforms", "regions", "dates", "candidates"} <= set(
        data["entities"]
    )
    json.dumps(data)  # the contract is plain JSON


def test_each_finding_has_act_category_score_evidence_and_sanctions() -> None:
    data = analyze(CAMAT_POST).to_dict()
    assert data["findings"]
    for finding in data["findings"]:
        assert isinstance(finding["act"], str)
        assert finding["act"]
        assert isinstance(finding["bawaslu_category"], int)
        assert 1 <= finding["bawaslu_category"] <= 10
        assert 0.0 <= finding["score"] <= 1.0
        assert finding["evidence"]
        for span in finding["evidence"]:
            assert CAMAT_POST[span["start"] : span["end"]] == span["text"]
        assert finding["sanctions"]
        for sanction in finding["sanctions"]:
            assert {"type", "level", "norms", "part", "certainty"} <= set(sanction)
            assert sanction["norms"]
    assert data["findings"][0]["act"] == "social_media_campaign"
    assert data["findings"][0]["bawaslu_category"] == data["bawaslu_category"]


def test_everyday_chatter_is_no_violation_with_subject_none() -> None:
    analysis = analyze(CHATTER)
    data = analysis.to_dict()
    assert data["is_violation"] is False
    assert data["bawaslu_category"] is None
    assert data["subject"] == {
        "type": NO_SUBJECT,
        "name": None,
        "nip": None,
        "position": None,
        "agency": None,
        "span": None,
    }
    assert data["findings"] == []
    assert analysis.acts == ()
    assert analysis.score == 0.0


def test_date_stated_in_the_text_wins_over_the_given_date() -> None:
    text = "Pada Sabtu, 5 Oktober 2024, " + CAMAT_POST
    analysis = analyze(text, date=BEFORE_PENETAPAN)
    assert analysis.date == date(2024, 10, 5)
    assert analysis.date_source == "text"
    assert _parts(analysis) == {"B"}


def test_given_date_is_used_when_the_text_states_none() -> None:
    analysis = analyze(CAMAT_POST, date=BEFORE_PENETAPAN)
    assert analysis.date == BEFORE_PENETAPAN
    assert analysis.date_source == "argument"
    assert _parts(analysis) == {"A"}


def test_birth_year_in_the_text_is_not_the_incident_date() -> None:
    text = CAMAT_POST + " Camat itu lahir pada 3 Mei 1975."
    analysis = analyze(text, date=AFTER_PENETAPAN)
    assert analysis.date == AFTER_PENETAPAN
    assert analysis.date_source == "argument"


def test_unknown_date_shows_sanctions_of_both_skb_parts() -> None:
    analysis = analyze(CAMAT_POST)
    assert analysis.date is None
    assert analysis.date_source is None
    assert _parts(analysis) == {"A", "B"}
    assert any("both SKB 2022 parts" in note for note in analysis.notes)


def test_same_act_before_and_after_penetapan_gets_different_skb_parts() -> None:
    before = analyze(CAMAT_POST, date=BEFORE_PENETAPAN).to_dict()["findings"][0]
    after = analyze(CAMAT_POST, date=AFTER_PENETAPAN).to_dict()["findings"][0]
    assert before["act"] == after["act"] == "social_media_campaign"
    assert [s["part"] for s in before["sanctions"]] == ["A"]
    assert [s["part"] for s in after["sanctions"]] == ["B"]
    assert before["sanctions"][0]["type"] == "moral"
    assert after["sanctions"][0]["type"] == "disciplinary"


@pytest.mark.parametrize(
    "text",
    [
        "Kepala desa Sukamaju memasang baliho paslon nomor urut 1 di depan balai desa.",
        "Kepala desa Sukamaju mengajak warga memilih paslon nomor urut 1 saat rapat di balai desa.",
        "Kades Sukamaju hadir dalam deklarasi pasangan calon nomor urut 3 di lapangan.",
    ],
    ids=["props", "mobilization", "attendance"],
)
def test_village_head_counts_in_category_five_whatever_the_act(text: str) -> None:
    analysis = analyze(text)
    assert analysis.is_violation
    assert analysis.subject.type == "village_head"
    assert analysis.bawaslu_category == 5
    assert {finding.bawaslu_category for finding in analysis.findings} == {5}


def test_soldier_posing_with_paslon_is_tni_with_internal_sanction() -> None:
    analysis = Analyzer.rules_only().analyze(
        "Seorang prajurit TNI berfoto dengan pose dua jari bersama paslon nomor urut 2."
    )
    assert analysis.subject.type == "tni"
    assert analysis.acts == ("partisan_photo",)
    sanction_types = {s["type"] for s in analysis.to_dict()["findings"][0]["sanctions"]}
    assert sanction_types == {"internal"}


REGISTRY_CSV = """region_code,nomor_urut,names,parties,jargon
32.05,1,Hendra Wijaya; Lestari Ayu,PKB,Garut Bangkit
32.05,2,Joko Prasetyo; Dewi Sartika,Golkar,
"""

# Only the candidate's name says who is supported: no "paslon", no nomor urut.
NAME_ONLY = "Kepala dinas kesehatan terang-terangan mendukung Hendra Wijaya dalam rapat kantor."


def test_registry_makes_a_name_only_mention_the_object_of_support(tmp_path: Path) -> None:
    path = tmp_path / "paslon.csv"
    path.write_text(REGISTRY_CSV, encoding="utf-8")
    registry = load_candidates(path)

    # The rules alone: the registry is what lets them read a bare name as the candidate.
    rules = Analyzer.default().configured(engine="rules")
    without = rules.analyze(NAME_ONLY)
    with_registry = rules.analyze(NAME_ONLY, candidates=registry)

    assert not without.is_violation
    assert with_registry.is_violation
    assert with_registry.subject.type == "pns"
    assert "candidate_support" in with_registry.acts
    mention = with_registry.to_dict()["entities"]["candidates"][0]
    assert (mention["matched_by"], mention["number"]) == ("name", 1)
    assert mention["span"]["text"] == "Hendra Wijaya"


def test_registry_name_in_a_photo_post_is_partisan_photo(tmp_path: Path) -> None:
    path = tmp_path / "paslon.csv"
    path.write_text(REGISTRY_CSV, encoding="utf-8")
    text = "Lurah Sukajadi berfoto bersama Joko Prasetyo sambil mengacungkan dua jari."
    analysis = analyze(text, candidates=load_candidates(path))
    assert analysis.is_violation
    assert analysis.subject.type == "pns"
    assert "partisan_photo" in analysis.acts


def test_subject_span_and_position_point_into_the_text() -> None:
    analysis = analyze(CAMAT_POST)
    span = analysis.subject.span
    assert span is not None
    assert CAMAT_POST[span.start : span.end] == span.text == "Camat"
    assert analysis.subject.position == "Camat Sukamaju"


@pytest.mark.parametrize(
    ("text", "election"),
    [
        ("Seorang guru PNS memasang baliho caleg DPRD di pagar sekolah.", "pemilu-2024"),
        ("Seorang guru PNS memasang baliho calon bupati di pagar sekolah.", "pilkada-2024"),
    ],
    ids=["pemilu words", "pilkada words"],
)
def test_election_is_read_from_the_text(text: str, election: str) -> None:
    assert analyze(text).election == election


def test_election_given_by_the_caller_wins() -> None:
    text = "Seorang guru PNS memasang baliho caleg DPRD di pagar sekolah."
    assert analyze(text, election="pilkada-2024").election == "pilkada-2024"


def test_analysis_is_deterministic_and_carries_the_lexicon_version() -> None:
    first: dict[str, Any] = analyze(CAMAT_POST).to_dict()
    second: dict[str, Any] = analyze(CAMAT_POST).to_dict()
    assert first == second
    assert "+cues." in first["analyzer_version"]


def test_the_election_supervisor_named_beside_the_official_is_not_their_agency() -> None:
    text = (
        "Badan Pengawas Pemilihan Umum (Bawaslu) Kabupaten Garut memeriksa seorang camat yang "
        "mengunggah foto bersama paslon nomor urut 2 di Facebook dengan ajakan memilihnya."
    )
    subject = analyze(text).subject
    assert subject.type == "pns"
    assert subject.agency is None


def test_a_text_from_an_earlier_election_says_todays_norms_are_shown() -> None:
    text = (
        "Jumat (2/11/2018) Bawaslu mengumumkan seorang camat yang mengunggah foto bersama paslon "
        "nomor urut 2 di Facebook dengan ajakan memilihnya."
    )
    analysis = analyze(text)
    assert analysis.date is None
    assert any("dates from 2018" in note for note in analysis.notes)
