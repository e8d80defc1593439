"""Which sanctions attach to an act by a subject, and how that changes with the date."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pytest

from netra.rulebook import Certainty, Rulebook, SanctionType, UnknownCodeError


@dataclass(frozen=True)
class Case:
    act: str
    subject: str
    on: date | None
    applicable: bool
    # (type, level or None, part or None) of every sanction returned, in any order
    sanctions: set[tuple[str, str | None, str | None]]
    cites: tuple[str, ...] = ()
    election: str = "pilkada-2024"
    reason: str = ""
    must_not_cite: tuple[str, ...] = field(default=())
    candidate_kind: str | None = None


CASES = [
    Case(
        "social_media_engagement",
        "pns",
        date(2024, 9, 1),
        True,
        {("moral", None, "A")},
        ("PP 42/2004 Pasal 15", "SKB 2022 Lampiran II A4"),
        reason="before penetapan (22 Sep 2024) the object is a bakal calon: SKB part A, moral",
    ),
    Case(
        "social_media_engagement",
        "pns",
        date(2024, 10, 1),
        True,
        {("disciplinary", "berat", "B")},
        ("PP 94/2021 Pasal 5 huruf n", "PP 94/2021 Pasal 14 huruf i"),
        reason="from penetapan on the object is a calon: SKB part B, hukuman disiplin berat",
    ),
    Case(
        "social_media_engagement",
        "pns",
        date(2024, 9, 21),
        True,
        {("moral", None, "A")},
        reason="the day before penetapan is still part A",
    ),
    Case(
        "social_media_engagement",
        "pns",
        date(2024, 9, 22),
        True,
        {("disciplinary", "berat", "B")},
        reason="the day of penetapan is already part B",
    ),
    Case(
        "social_media_engagement",
        "pns",
        None,
        True,
        {("moral", None, "A"), ("disciplinary", "berat", "B")},
        reason="without a date both SKB parts are shown, each labelled with its part",
    ),
    Case(
        "social_media_campaign",
        "pns",
        date(2023, 11, 12),
        True,
        {("moral", None, "A")},
        election="pemilu-2024",
        candidate_kind="presidential",
        reason="Pemilu 2024 penetapan paslon presiden is 13 Nov 2023 (provisional)",
    ),
    Case(
        "social_media_campaign",
        "pns",
        date(2023, 11, 13),
        True,
        {("disciplinary", "berat", "B")},
        election="pemilu-2024",
        reason="from 13 Nov 2023 Pemilu objects are calon",
    ),
    Case(
        "campaign_attendance",
        "pns",
        date(2024, 10, 1),
        True,
        # Issue 8 item 4: one act, one level. Attributes (angka 2, sedang) are their own act and
        # the angka-1 gap is a caveat note on the B4 entry, not a third outcome.
        {("disciplinary", "berat", "B")},
        ("SKB 2022 Lampiran II B4", "PP 94/2021 Pasal 14 huruf i"),
        must_not_cite=("PP 94/2021 Pasal 13 huruf g",),
        reason="SKB 2022 Lampiran II B4: attending a calon's campaign with support is berat",
    ),
    Case(
        "campaign_team",
        "pns",
        date(2024, 9, 1),
        True,
        {("disciplinary", "sedang", "B")},
        ("SKB 2022 Lampiran II B9",),
        reason="B9: team member of a bakal calon before penetapan is sedang",
    ),
    Case(
        "campaign_team",
        "pns",
        date(2024, 10, 1),
        True,
        {("disciplinary", "berat", "B")},
        ("SKB 2022 Lampiran II B10",),
        reason="B10: after penetapan it is berat; no Pilkada criminal article binds the ASN",
    ),
    Case(
        "campaign_team",
        "pns",
        date(2024, 1, 10),
        True,
        {("disciplinary", "berat", "B"), ("criminal", None, None)},
        ("UU 7/2017 Pasal 494",),
        election="pemilu-2024",
        reason="in Pemilu an ASN in a tim kampanye also commits Pasal 494",
    ),
    Case(
        "party_membership",
        "pns",
        date(2024, 3, 1),
        True,
        {("dismissal", None, "B")},
        ("UU 20/2023 Pasal 52 ayat (3) huruf j",),
        must_not_cite=("UU 5/2014 Pasal 87 ayat (4) huruf c",),
        reason="PTDH does not wait for penetapan; UU 20/2023 replaced UU 5/2014 on 31 Oct 2023",
    ),
    Case(
        "party_membership",
        "pns",
        date(2023, 6, 1),
        True,
        {("dismissal", None, "B")},
        ("UU 5/2014 Pasal 87 ayat (4) huruf c",),
        must_not_cite=("UU 20/2023 Pasal 52 ayat (3) huruf j",),
        election="pemilu-2024",
        reason="before 31 Oct 2023 the old ASN law is the basis",
    ),
    Case(
        "party_membership",
        "pppk",
        date(2024, 10, 1),
        True,
        {("dismissal", None, "B")},
        ("PP 49/2018 Pasal 53 ayat (3) huruf c",),
        reason="a PPPK contract ends tidak dengan hormat instead of PTDH",
    ),
    Case(
        "ktp_support",
        "pns",
        date(2024, 6, 1),
        True,
        {("disciplinary", "berat", "B")},
        ("PP 94/2021 Pasal 5 huruf n angka 7",),
        reason="B11 concerns bakal calon perseorangan, so it applies before penetapan",
    ),
    Case(
        "official_rotation",
        "regional_head",
        date(2024, 3, 21),
        False,
        set(),
        reason="the Pasal 71(2) window opens 22 Mar 2024",
    ),
    Case(
        "official_rotation",
        "regional_head",
        date(2024, 3, 22),
        True,
        {("administrative", None, None), ("criminal", None, None)},
        # Issue 8 item 16: Pasal 188-190 are cited as "UU 1/2015 jo. UU 10/2016".
        ("UU 10/2016 Pasal 71 ayat (5)", "UU 1/2015 jo. UU 10/2016 Pasal 190"),
        reason="inside the window: pembatalan (petahana) and Pasal 190",
    ),
    Case(
        "official_rotation",
        "regional_head",
        date(2024, 1, 10),
        False,
        set(),
        election="pemilu-2024",
        reason="Pasal 71 is Pilkada law",
    ),
    Case(
        "official_rotation",
        "pns",
        date(2024, 10, 1),
        False,
        set(),
        reason="only a kepala daerah can rotate officials",
    ),
    Case(
        "campaign_attendance",
        "regional_head",
        date(2024, 10, 1),
        True,
        # Issue 8 item 11: 'not applicable' was incomplete. UU 1/2015 jo. UU 10/2016 Pasal
        # 70(2)-(3): an elected head may campaign only with izin and cuti di luar tanggungan
        # negara and without the facilities of office.
        {("administrative", None, None)},
        ("UU 1/2015 jo. UU 10/2016 Pasal 70 ayat (3)",),
        reason="regional heads may join a campaign only with leave (UU 10/2016 Pasal 70(2)-(3))",
    ),
    Case(
        "campaign_attendance",
        "acting_regional_head",
        date(2024, 10, 1),
        True,
        {("disciplinary", "berat", "B")},
        ("SKB 2022 Lampiran II B4",),
        reason="a Penjabat is an ASN without the Pasal 70(2) right to campaign",
    ),
    Case(
        "partisan_decision",
        "village_head",
        date(2024, 10, 1),
        True,
        {("village_administrative", None, None), ("criminal", None, None)},
        ("UU 6/2014 Pasal 30", "UU 1/2015 jo. UU 10/2016 Pasal 188"),
        reason="kepala desa: UU 6/2014 ladder plus Pasal 71(1) jo. 188",
    ),
    Case(
        "partisan_decision",
        "village_head",
        date(2024, 1, 10),
        True,
        {("village_administrative", None, None), ("criminal", None, None)},
        ("UU 7/2017 Pasal 490",),
        election="pemilu-2024",
        reason="Pasal 282 jo. 490 bind a kepala desa during the Pemilu campaign",
    ),
    Case(
        "partisan_decision",
        "village_head",
        date(2023, 11, 1),
        True,
        {("village_administrative", None, None)},
        election="pemilu-2024",
        reason="Pasal 282 is limited to the masa kampanye",
    ),
    Case(
        "partisan_decision",
        "tni",
        date(2024, 10, 1),
        True,
        {("internal", None, None)},
        ("UU 34/2004 Pasal 39",),
        must_not_cite=("UU 1/2015 jo. UU 10/2016 Pasal 188",),
        reason="Pasal 188 does not criminalise TNI (legal.md §3.1 gap note)",
    ),
    Case(
        "campaign_team",
        "polri",
        date(2024, 10, 1),
        True,
        {("internal", None, None)},
        ("UU 2/2002 Pasal 28 ayat (1)",),
        reason="Pilkada: Polri internal path only",
    ),
    Case(
        "mobilization",
        "other",
        date(2024, 10, 1),
        True,
        {("criminal", None, None)},
        ("UU 1/2015 jo. UU 10/2016 Pasal 189",),
        reason="a calon who involves ASN in the campaign (1 Oct 2024 is in it) commits Pasal 189",
    ),
    Case(
        "social_media_engagement",
        "unknown",
        date(2024, 10, 1),
        False,
        set(),
        reason="no rule binds a subject the text does not name",
    ),
]


@pytest.mark.parametrize(
    "case", CASES, ids=[f"{c.act}-{c.subject}-{c.on}-{c.election}" for c in CASES]
)
def test_applicability(book: Rulebook, case: Case) -> None:
    result = book.applicability(
        case.act, case.subject, case.on, case.election, candidate_kind=case.candidate_kind
    )
    assert result.applicable is case.applicable, case.reason
    got = {(s.type.value, s.level.value if s.level else None, s.part) for s in result.sanctions}
    assert got == case.sanctions, case.reason
    citations = {norm.citation for s in result.sanctions for norm in s.norms}
    for cite in case.cites:
        assert cite in citations, case.reason
    for cite in case.must_not_cite:
        assert cite not in citations, case.reason


def test_not_applicable_says_why(book: Rulebook) -> None:
    result = book.applicability("official_rotation", "pns", date(2024, 10, 1))
    assert result.reason is not None
    assert "no rule binds subject 'pns'" in result.reason
    outside = book.applicability("official_rotation", "regional_head", date(2024, 1, 1))
    assert outside.reason is not None
    assert "in force on 2024-01-01" in outside.reason


def test_asn_is_treated_as_pns(book: Rulebook) -> None:
    for act in book.acts:
        asn = book.applicability(act, "asn", date(2024, 10, 1))
        pns = book.applicability(act, "pns", date(2024, 10, 1))
        assert asn.sanctions == pns.sanctions, act


def test_pppk_discipline_cites_pp_49_2018_and_is_provisional(book: Rulebook) -> None:
    result = book.applicability("social_media_engagement", "pppk", date(2024, 10, 1))
    (sanction,) = result.sanctions
    assert "PP 49/2018 Pasal 52 ayat (3)" in [n.citation for n in sanction.norms]
    assert sanction.certainty is Certainty.PROVISIONAL


def test_pppk_moral_sanction_does_not_cite_pp_49_2018(book: Rulebook) -> None:
    result = book.applicability("social_media_engagement", "pppk", date(2024, 9, 1))
    (sanction,) = result.sanctions
    assert sanction.type is SanctionType.MORAL
    assert all(n.law != "pp_49_2018" for n in sanction.norms)


def test_every_returned_sanction_cites_a_norm(book: Rulebook) -> None:
    days = (None, date(2023, 6, 1), date(2024, 1, 10), date(2024, 9, 1), date(2024, 10, 1))
    for election in book.elections:
        for act in book.acts:
            for subject in book.subjects:
                for on in days:
                    result = book.applicability(act, subject, on, election)
                    assert result.applicable is bool(result.sanctions)
                    for sanction in result.sanctions:
                        assert sanction.norms, (act, subject, on, election)


def test_to_dict_has_the_documented_shape(book: Rulebook) -> None:
    data = book.applicability("social_media_engagement", "pns", date(2024, 10, 1)).to_dict()
    assert list(data) == [
        "act",
        "subject",
        "date",
        "stage",
        "applicable",
        "sanctions",
        "candidate_kind",
    ]
    assert data["date"] == "2024-10-01"
    assert data["stage"] == "kampanye"
    assert data["applicable"] is True
    sanctions = data["sanctions"]
    assert isinstance(sanctions, list)
    first = sanctions[0]
    assert {"type", "level", "norms", "certainty"} <= set(first)
    assert first["type"] == "disciplinary"
    assert first["level"] == "berat"
    assert first["certainty"] == "confirmed"
    assert "PP 94/2021 Pasal 14 huruf i" in first["norms"]


def test_unknown_codes_raise_with_choices(book: Rulebook) -> None:
    with pytest.raises(UnknownCodeError, match="unknown subject 'guru'"):
        book.applicability("ktp_support", "guru", None)
    with pytest.raises(UnknownCodeError, match="valid: pilkada-2024, pemilu-2024"):
        book.applicability("ktp_support", "pns", None, "pilkada-2029")
