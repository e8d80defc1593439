"""extract_entities as a whole: every kind at once, JSON output, and spans that never lie."""

from __future__ import annotations

import json
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from netra.analysis.entities import Entities, Platform, RegionLevel, extract_entities
from netra.analysis.spans import Span

TODAY = date(2025, 6, 1)
REPORT = (
    "Pada Senin (14/10/2024) seorang guru PNS, NIP 19850607 201001 2 015, di Kabupaten Bone "
    "membagikan poster paslon nomor urut 3 yang diusung PAN dan Golkar ke grup WA sekolah, "
    "lalu mengunggahnya ke akun TikTok pada 15 Oktober 2024. 😡🙏"
)


def test_report_yields_every_kind_of_entity() -> None:
    found = extract_entities(REPORT, today=TODAY)
    assert [m.nip.value for m in found.nips] == ["198506072010012015"]
    assert found.nips[0].nip.is_valid
    assert [m.date for m in found.dates] == [date(2024, 10, 14), date(2024, 10, 15)]
    assert [(m.code, m.level) for m in found.regions] == [("73.08", RegionLevel.REGENCY)]
    assert [m.abbreviation for m in found.parties] == ["PAN", "Golkar"]
    assert [m.platform for m in found.platforms] == [Platform.WHATSAPP, Platform.TIKTOK]
    assert [(m.number, m.span.text) for m in found.candidates] == [(3, "nomor urut 3")]


def test_to_dict_is_json_ready_with_span_dicts() -> None:
    data = extract_entities(REPORT, today=TODAY).to_dict()
    decoded = json.loads(json.dumps(data))
    start = REPORT.index("Kabupaten Bone")
    assert decoded["regions"][0] == {
        "code": "73.08",
        "name": "Kabupaten Bone",
        "level": "regency",
        "span": {"start": start, "end": start + 14, "text": "Kabupaten Bone"},
    }
    assert decoded["nips"][0]["birth_date"] == "1985-06-07"
    assert decoded["nips"][0]["gender"] == "female"
    assert decoded["dates"][1]["date"] == "2024-10-15"
    assert decoded["platforms"][0]["platform"] == "WhatsApp"


def test_empty_text_has_no_entities() -> None:
    assert extract_entities("") == Entities()
    assert extract_entities("").to_dict()["nips"] == []


def test_offsets_survive_characters_whose_lower_case_is_longer() -> None:
    text = "İİİ Kabupaten Bone İ PAN"  # "İ".lower() is two characters
    found = extract_entities(text)
    assert found.regions[0].span == Span(4, 18, "Kabupaten Bone")
    assert found.parties[0].span == Span(21, 24, "PAN")


def test_control_characters_and_emoji_do_not_break_matching() -> None:
    text = "\x00\x1b[31m🙂 Kota\u00a0Metro\x07 paslon\t02 🇮🇩 17/9/2024\r\n"
    found = extract_entities(text)
    assert [m.span.text for m in found.regions] == ["Kota\u00a0Metro"]
    assert [m.number for m in found.candidates] == [2]
    assert [m.date for m in found.dates] == [date(2024, 9, 17)]


def test_five_megabytes_of_text_are_handled() -> None:
    filler = "warga desa berkumpul di balai untuk rapat rutin bulanan 🙂 " * 40
    block = filler + "ASN Kab. Garut share paslon 01 di fb 17/9/2024 NIP 198203152008011004\x00 "
    text = (block * (5_000_000 // len(block) + 1))[:5_000_000]
    found = extract_entities(text, today=TODAY)
    assert len(found.regions) == text.count("Kab. Garut")
    assert all(text[m.span.start : m.span.end] == m.span.text for m in found.nips[-5:])


def _all_spans(found: Entities) -> list[Span]:
    groups: list[list[Span]] = [
        [m.span for m in found.nips],
        [m.span for m in found.parties],
        [m.span for m in found.platforms],
        [m.span for m in found.regions],
        [m.span for m in found.dates],
        [m.span for m in found.candidates],
    ]
    return [s for group in groups for s in group]


_FRAGMENTS = st.sampled_from(
    [
        "Kab. Bone", "kota metro", "Provinsi Jawa Barat", "PAN", "pan", "Partai Aceh", "WA",
        "grup wa", "akun X", "paslon 02", "nomor urut dua", "no. 1", "17/9/2024", "12 Oktober 2024",
        "19820315 200801 1 004", "198213152008011004", "İ", "ß", "\u0301", "🙂", "\x00", "\n",
        " ", "#", ".", "-", "/", "Garut", "Jabar", "#BudiSiti2024", "Budi Santoso",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_FRAGMENTS, st.text(max_size=8)), max_size=25).map("".join))
def test_every_span_slices_the_original_text(text: str) -> None:
    from netra.analysis.entities import parse_candidates

    registry = parse_candidates(
        "region_code,nomor_urut,names,parties,jargon\n32.05,2,Budi Santoso,PKB,#BudiSiti2024\n"
    )
    found = extract_entities(text, candidates=registry, today=TODAY)
    for span in _all_spans(found):
        assert 0 <= span.start < span.end <= len(text)
        assert text[span.start : span.end] == span.text
    json.dumps(found.to_dict())
