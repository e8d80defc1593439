"""NIP parsing: the 8-6-1-3 layout, its validation, and finding NIPs in text."""

from __future__ import annotations

from datetime import date

import pytest

from netra.analysis.entities import Gender, NipKind, find_nips, parse_nip

TODAY = date(2025, 6, 1)

# (nip, birth date, TMT (year, month), gender, why)
VALID = [
    ("198203152008011004", date(1982, 3, 15), (2008, 1), Gender.MALE, "plain 18 digits"),
    ("19820315 200801 1 004", date(1982, 3, 15), (2008, 1), Gender.MALE, "grouped with spaces"),
    (
        "19760229.200212.2.017",
        date(1976, 2, 29),
        (2002, 12),
        Gender.FEMALE,
        "dots; 1976 is a leap year",
    ),
    (
        "199511302020122003",
        date(1995, 11, 30),
        (2020, 12),
        Gender.FEMALE,
        "female, TMT in December",
    ),
    (
        "19600101 197703 1 001",
        date(1960, 1, 1),
        (1977, 3),
        Gender.MALE,
        "appointed at 17 years 2 months",
    ),
]

# (nip, expected reason fragment, why)
INVALID = [
    ("198213152008011004", "invalid birth date: month 13", "there is no 13th month"),
    ("198200152008011004", "invalid birth date: month 0", "month zero"),
    ("198202302008011004", "invalid birth date: day 30", "30 February"),
    ("197702292002122017", "invalid birth date: day 29", "1977 is not a leap year"),
    ("193512312000011001", "implausible birth year 1935", "born before 1940"),
    ("201501012020011001", "implausible birth year 2015", "too young to be a civil servant"),
    ("198203152008131004", "invalid TMT CPNS: month 13", "TMT month 13"),
    ("198203152008001004", "invalid TMT CPNS: month 0", "TMT month 0"),
    ("198203151995011004", "before the holder turned 17", "appointed at 12"),
    ("198203152031011004", "lies in the future", "TMT after today"),
    ("198203152008013004", "invalid gender digit 3", "gender digit must be 1 or 2"),
    ("198203152008010004", "invalid gender digit 0", "gender digit zero"),
    ("19820315200801100", "18 digits, got 17", "one digit short"),
    ("1982031520080110045", "18 digits, got 19", "one digit too many"),
    ("19820315-2008O1-1-004", "only digits", "a letter O for a zero"),
    ("", "18 digits, got 0", "empty"),
]


@pytest.mark.parametrize(("nip", "birth", "tmt", "gender", "why"), VALID, ids=[v[4] for v in VALID])
def test_valid_nip_yields_its_parts(
    nip: str, birth: date, tmt: tuple[int, int], gender: Gender, why: str
) -> None:
    parsed = parse_nip(nip, today=TODAY)
    assert parsed.is_valid, (why, parsed.reason)
    assert parsed.reason is None
    assert parsed.value == "".join(ch for ch in nip if ch.isdigit())
    assert parsed.birth_date == birth
    assert parsed.tmt == tmt
    assert parsed.gender is gender
    assert parsed.kind is NipKind.PNS


@pytest.mark.parametrize(("nip", "reason", "why"), INVALID, ids=[v[2] for v in INVALID])
def test_invalid_nip_names_what_is_wrong(nip: str, reason: str, why: str) -> None:
    parsed = parse_nip(nip, today=TODAY)
    assert not parsed.is_valid, why
    assert parsed.reason is not None
    assert reason in parsed.reason
    assert parsed.birth_date is None
    assert parsed.gender is None


def test_pppk_nip_with_21_in_the_month_slot_is_recognised() -> None:
    parsed = parse_nip("199001012022212001", today=TODAY)
    assert parsed.is_valid
    assert parsed.kind is NipKind.PPPK
    assert parsed.appointment_year == 2022
    assert parsed.tmt is None
    assert parsed.gender is Gender.FEMALE


def test_nip_is_found_in_text_with_exact_span() -> None:
    text = "Terlapor, NIP. 19820315 200801 1 004, dan rekannya NIP:199511302020122003."
    mentions = find_nips(text, today=TODAY)
    assert [m.nip.value for m in mentions] == ["198203152008011004", "199511302020122003"]
    for mention in mentions:
        assert text[mention.span.start : mention.span.end] == mention.span.text
    assert mentions[0].span.text == "19820315 200801 1 004"


def test_invalid_nip_in_text_is_still_reported_as_invalid() -> None:
    (mention,) = find_nips("NIP 198213152008011004 tertulis di surat", today=TODAY)
    assert not mention.nip.is_valid
    assert mention.nip.reason == "invalid birth date: month 13"


@pytest.mark.parametrize(
    "text",
    [
        "nomor rekening 1982031520080110041",  # 19 digits: longer than a NIP
        "kode 1.198203152008011004",  # continues a dotted number
        "198203152008011004abc",  # glued to a word
        "NIK 3204011503820004",  # 16-digit NIK
    ],
)
def test_numbers_that_are_not_nips_are_ignored(text: str) -> None:
    assert find_nips(text, today=TODAY) == ()
