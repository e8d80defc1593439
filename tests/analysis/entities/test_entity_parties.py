"""Party mentions, including short forms that are also ordinary words."""

from __future__ import annotations

import pytest

from netra.analysis.entities import PARTIES, extract_entities

# (text, [(abbreviation, span text)], why)
CASES = [
    ("kader PAN ikut hadir", [("PAN", "PAN")], "PAN in capitals is the party"),
    ("masak pakai pan anti lengket", [], "pan in lower case is a frying pan"),
    ("Pan Sumarno hadir", [], "Pan as a name is not the party"),
    ("Partai Amanat Nasional mendukung", [("PAN", "Partai Amanat Nasional")], "full name"),
    ("spanduk Partai Garuda dipasang", [("Garuda", "Partai Garuda")], "Partai Garuda"),
    ("lambang Garuda Pancasila", [], "bare Garuda is the national emblem"),
    ("hak buruh pabrik", [], "buruh is a worker"),
    ("Partai Buruh menggelar aksi", [("Partai Buruh", "Partai Buruh")], "Partai Buruh"),
    ("semangat yang bergelora", [], "gelora is a word"),
    ("stadion Gelora Bung Karno", [], "Gelora is also a stadium"),
    ("kader Partai Gelora", [("Gelora", "Partai Gelora")], "Partai Gelora"),
    ("PBB mengecam", [], "bare PBB is also the UN and the land tax"),
    ("Partai Bulan Bintang (PBB)", [("PBB", "Partai Bulan Bintang")], "full PBB name"),
    ("nilai demokrat sejati", [], "lower-case demokrat is a word"),
    ("kader Demokrat dan Partai Demokrat",
     [("Demokrat", "Demokrat"), ("Demokrat", "Partai Demokrat")], "capitalised and full"),
    ("PDI-P, PDIP, PDI Perjuangan",
     [("PDI-P", "PDI-P"), ("PDI-P", "PDIP"), ("PDI-P", "PDI Perjuangan")], "three spellings"),
    ("gerindra dan GOLKAR dan Nasdem",
     [("Gerindra", "gerindra"), ("Golkar", "GOLKAR"), ("NasDem", "Nasdem")], "any case is fine"),
    ("PKS, PKB, PKN, PSI, PPP, Hanura, Perindo",
     [("PKS", "PKS"), ("PKB", "PKB"), ("PKN", "PKN"), ("PSI", "PSI"), ("PPP", "PPP"),
      ("Hanura", "Hanura"), ("Perindo", "Perindo")], "national acronyms"),
    ("pks dan pkb", [], "lower-case acronyms are ambiguous (pkb is also a vehicle tax)"),
    ("kampanye Partai Aceh di Aceh",
     [("PA", "Partai Aceh")], "Partai Aceh is a party; the second Aceh is a region"),
    ("Partai Nanggroe Aceh, PNA, Partai Darul Aceh, Gabthat, PAS Aceh, Partai SIRA",
     [("PNA", "Partai Nanggroe Aceh"), ("PNA", "PNA"), ("PDA", "Partai Darul Aceh"),
      ("Gabthat", "Gabthat"), ("PAS Aceh", "PAS Aceh"), ("SIRA", "Partai SIRA")], "Aceh locals"),
    ("umat Islam", [], "umat is a word"),
    ("Partai Ummat", [("Ummat", "Partai Ummat")], "Partai Ummat"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected", "why"), CASES, ids=[c[2] for c in CASES])
def test_parties_are_found_only_when_unambiguous(
    text: str, expected: list[tuple[str, str]], why: str
) -> None:
    found = extract_entities(text).parties
    assert [(m.abbreviation, m.span.text) for m in found] == expected, why
    for mention in found:
        assert text[mention.span.start : mention.span.end] == mention.span.text


def test_party_list_covers_pemilu_2024_national_and_aceh_parties() -> None:
    assert len(PARTIES) == 24
    assert len([p for p in PARTIES if p.local_to == "11"]) == 6


def test_every_party_is_found_by_its_full_name() -> None:
    for party in PARTIES:
        (mention,) = extract_entities(f"spanduk {party.name} terpasang").parties
        assert mention.name == party.name
