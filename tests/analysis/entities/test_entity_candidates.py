"""Candidates: nomor urut in text, and the CSV registry of paslon names, parties and jargon."""

from __future__ import annotations

from pathlib import Path

import pytest

from netra.analysis.entities import (
    CandidateFileError,
    extract_entities,
    find_numbers,
    load_candidates,
    parse_candidates,
)
from netra.errors import NetraError

# (text, [(number, span text)], why)
NUMBER_CASES = [
    ("poster paslon nomor urut 2 beredar", [(2, "nomor urut 2")], "nomor urut"),
    ("dukung no urut 02", [(2, "no urut 02")], "no urut, zero-padded"),
    ("No. Urut 3 menang", [(3, "No. Urut 3")], "No. Urut"),
    ("pilih nomor urut dua", [(2, "nomor urut dua")], "spelled-out number after urut"),
    ("paslon 01 unggul", [(1, "paslon 01")], "paslon 01"),
    ("Cabup nomor 2 dan cagub 03", [(2, "Cabup nomor 2"), (3, "cagub 03")], "titles"),
    ("ayo #Coblos02 dan #CoblosNo2", [(2, "Coblos02"), (2, "CoblosNo2")], "hashtags"),
    ("pasangan calon no. 4", [(4, "pasangan calon no. 4")], "pasangan calon no."),
    ("calon bupati nomor 3 hadir", [(3, "nomor 3")], "nomor N near a candidate word"),
    ("deklarasi dukungan untuk 02, kata relawan paslon", [(2, "02")], "bare 02 near paslon"),
    ("rumah di Jl. Merdeka No. 1 Bandung", [], "house number, no candidate word near"),
    ("tamat SD tahun 02 kemarin", [], "bare 02 without a candidate word"),
    ("calon dua periode", [], "number words only after urut"),
    ("UU Nomor 10 Tahun 2016 tentang pasangan calon", [], "a law's number, not a ballot number"),
    ("calon tahun 2024", [], "a year is not a ballot number"),
    ("paslon 2/3 suara", [], "a fraction"),
    ("paslon 2,5 persen", [], "a decimal"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected", "why"), NUMBER_CASES, ids=[c[2] for c in NUMBER_CASES]
)
def test_nomor_urut_mentions(text: str, expected: list[tuple[int, str]], why: str) -> None:
    found = find_numbers(text)
    assert [(m.number, m.span.text) for m in found] == expected, why
    for mention in found:
        assert text[mention.span.start : mention.span.end] == mention.span.text
        assert mention.candidate is None


GOOD_CSV = """region_code,nomor_urut,names,parties,jargon
32.05,1,Budi Santoso; Siti Aminah,PKB;Gerindra,#BudiSiti2024; Garut Maju
32.05,2,Agus Wibowo; Rina Lestari,PDI-P,Garut Juara
32.73,1,Dedi Kurnia,Golkar,
"""


def test_good_candidate_csv_loads(tmp_path: Path) -> None:
    path = tmp_path / "paslon.csv"
    path.write_text(GOOD_CSV, encoding="utf-8")
    registry = load_candidates(path)
    first = registry.candidates[0]
    assert (first.region_code, first.nomor_urut) == ("32.05", 1)
    assert first.names == ("Budi Santoso", "Siti Aminah")
    assert first.parties == ("PKB", "Gerindra")
    assert first.jargon == ("#BudiSiti2024", "Garut Maju")
    assert registry.candidates[2].jargon == ()


def test_registry_finds_names_jargon_and_hashtags_case_insensitively() -> None:
    registry = parse_candidates(GOOD_CSV)
    text = "Kepala dinas repost #budisiti2024 dan foto bareng BUDI SANTOSO, teriak garut juara!"
    found = extract_entities(text, candidates=registry).candidates
    assert [(m.span.text, m.matched_by, m.number) for m in found] == [
        ("#budisiti2024", "jargon", 1),
        ("BUDI SANTOSO", "name", 1),
        ("garut juara", "jargon", 2),
    ]
    assert found[1].candidate is registry.candidates[0]
    for mention in found:
        assert text[mention.span.start : mention.span.end] == mention.span.text


def test_nomor_urut_is_resolved_to_the_paslon_of_the_region_mentioned() -> None:
    registry = parse_candidates(GOOD_CSV)
    found = extract_entities("Camat di Garut ajak pilih paslon 02", candidates=registry).candidates
    assert [(m.number, m.candidate) for m in found] == [(2, registry.candidates[1])]


def test_nomor_urut_stays_unresolved_when_the_region_is_unknown() -> None:
    registry = parse_candidates(GOOD_CSV)
    (mention,) = extract_entities("ajak pilih paslon 01", candidates=registry).candidates
    assert (mention.number, mention.candidate) == (1, None)


HEADER = "region_code,nomor_urut,names,parties,jargon\n"
# (content, expected message fragment, why)
BAD_CSV = [
    ("", "empty file", "no header at all"),
    (
        "region_code,nomor_urut,names\n32.05,1,Budi,\n",
        "missing column(s) parties, jargon",
        "columns",
    ),
    (HEADER + "32.05,1,Budi,,\n3205,2,Agus,,\n", ":3: field region_code", "undotted code"),
    (HEADER + "99.99,1,Budi,,\n", ":2: field region_code: no province", "unknown region"),
    (HEADER + "32.05,satu,Budi,,\n", ":2: field nomor_urut: expected a positive", "word number"),
    (HEADER + "32.05,0,Budi,,\n", ":2: field nomor_urut", "zero"),
    (HEADER + "32.05,1, ; ,,\n", ":2: field names: at least one", "no names"),
    (HEADER + "32.05,1,Budi,,\n32.05,1,Agus,,\n", ":3: field nomor_urut: 1 already given", "dup"),
    (HEADER + "32.05,1,Budi,,,extra\n", ":2: more values than the 5 columns", "extra value"),
    (HEADER + '32.05,1,"Budi,,\n', ":2: malformed CSV", "unterminated quote"),
]


@pytest.mark.parametrize(("content", "message", "why"), BAD_CSV, ids=[c[2] for c in BAD_CSV])
def test_bad_candidate_csv_names_line_and_field(content: str, message: str, why: str) -> None:
    with pytest.raises(CandidateFileError) as caught:
        parse_candidates(content, source="paslon.csv")
    assert message in str(caught.value), why
    assert str(caught.value).startswith("paslon.csv:")
    assert isinstance(caught.value, NetraError)


def test_missing_candidate_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CandidateFileError, match="file not found"):
        load_candidates(tmp_path / "absent.csv")


def test_non_utf8_candidate_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes(HEADER.encode() + "32.05,1,Budi Santoso\xe9,,\n".encode("latin-1"))
    with pytest.raises(CandidateFileError, match="not UTF-8"):
        load_candidates(path)
