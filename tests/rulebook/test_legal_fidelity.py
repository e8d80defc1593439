"""Issue 8, legal fidelity: act x subject x date -> the sanctions the law gives, each row sourced.

Every row names the provision or record that decides it. A row fails when the rulebook offers a
sanction the law does not give on that date, or misses one it does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pytest

from netra.rulebook import Rulebook, UnknownCodeError

PILKADA = "pilkada-2024"
PEMILU = "pemilu-2024"


@dataclass(frozen=True)
class Row:
    item: int  # the item of issue 8 the row checks
    act: str
    subject: str
    on: date
    election: str
    expected: set[str]  # sanction codes in force; an empty set means "not applicable"
    source: str
    candidate_kind: str | None = None
    # When the kind of candidate is unknown: sanction code -> the kinds it holds for.
    only_for: dict[str, tuple[str, ...]] = field(default_factory=dict)
    provisional: tuple[str, ...] = ()  # sanction codes that must be marked provisional


ROWS = [
    # -- 1. Criminal articles only inside the campaign --------------------------------------------
    Row(
        1,
        "mobilization",
        "other",
        date(2024, 6, 1),
        PILKADA,
        set(),
        "UU 1/2015 Pasal 70(1) 'Dalam kampanye, pasangan calon dilarang melibatkan'; Pasal 189 "
        "punishes a calon: none exists and no campaign runs in June 2024",
    ),
    Row(
        1,
        "mobilization",
        "other",
        date(2024, 9, 24),
        PILKADA,
        set(),
        "PKPU 2/2024: the campaign starts on 25 Sep 2024",
    ),
    Row(
        1,
        "mobilization",
        "other",
        date(2024, 9, 25),
        PILKADA,
        {"pidana_189"},
        "PKPU 2/2024: first day of the campaign; UU 1/2015 Pasal 70(1) jo. 189",
    ),
    Row(
        1,
        "mobilization",
        "other",
        date(2024, 11, 23),
        PILKADA,
        {"pidana_189"},
        "PKPU 2/2024: last day of the campaign",
    ),
    Row(
        1,
        "mobilization",
        "other",
        date(2024, 11, 25),
        PILKADA,
        set(),
        "PKPU 2/2024: masa tenang 24-26 Nov 2024 is not 'dalam kampanye'",
    ),
    Row(
        1,
        "mobilization",
        "other",
        date(2023, 11, 27),
        PEMILU,
        set(),
        "UU 7/2017 Pasal 280(2) binds 'Pelaksana dan/atau tim Kampanye dalam kegiatan Kampanye "
        "Pemilu'; the Pemilu 2024 campaign starts on 28 Nov 2023",
    ),
    Row(
        1,
        "mobilization",
        "other",
        date(2024, 1, 10),
        PEMILU,
        {"pidana_493"},
        "UU 7/2017 Pasal 280(2) jo. 493, inside the campaign (28 Nov 2023 - 10 Feb 2024)",
    ),
    Row(
        1,
        "mobilization",
        "other",
        date(2024, 2, 12),
        PEMILU,
        set(),
        "masa tenang 11-13 Feb 2024 is outside the Pemilu campaign",
    ),
    # -- 2. Pasal 71(1) jo. 188 only once pasangan calon exist -----------------------------------
    Row(
        2,
        "partisan_decision",
        "pns",
        date(2024, 6, 1),
        PILKADA,
        {"hd_berat"},
        "Pasal 71(1) protects 'salah satu pasangan calon', set on 22 Sep 2024; before that only "
        "PP 94/2021 Pasal 5 huruf n angka 5 'sebelum, selama, dan sesudah masa kampanye' (SKB B12)",
    ),
    Row(
        2,
        "partisan_decision",
        "pns",
        date(2024, 9, 22),
        PILKADA,
        {"hd_berat", "pidana_188"},
        "penetapan pasangan calon 22 Sep 2024 (PKPU 2/2024): Pasal 71(1) jo. 188 from that day",
        provisional=("pidana_188",),
    ),
    Row(
        2,
        "partisan_decision",
        "village_head",
        date(2024, 4, 1),
        PILKADA,
        {"village_head_ladder"},
        "UU 6/2014 Pasal 29 huruf b and 30 only: no pasangan calon exists in April 2024",
    ),
    Row(
        2,
        "partisan_decision",
        "regional_head",
        date(2024, 4, 1),
        PILKADA,
        {"pembatalan_calon", "regional_head_other"},
        "UU 10/2016 Pasal 71(3) window is open from 22 Mar 2024; Pasal 188 via 71(1) is not",
    ),
    Row(
        2,
        "mobilization",
        "village_head",
        date(2024, 8, 1),
        PILKADA,
        {"village_head_ladder"},
        "UU 6/2014 Pasal 29 huruf j; Pasal 71(1) jo. 188 waits for penetapan (22 Sep 2024)",
    ),
    Row(
        2,
        "mobilization",
        "regional_head",
        date(2024, 8, 1),
        PILKADA,
        set(),
        "Pasal 71(1) jo. 188 waits for penetapan; no other rule binds a kepala daerah here",
    ),
    Row(
        2,
        "state_facility_use",
        "village_head",
        date(2024, 8, 1),
        PILKADA,
        {"village_head_ladder"},
        "UU 6/2014 Pasal 29 huruf j (derived); Pasal 71(1) jo. 188 waits for penetapan",
    ),
    Row(
        2,
        "state_facility_use",
        "village_head",
        date(2024, 10, 1),
        PILKADA,
        {"village_head_ladder", "pidana_188"},
        "after penetapan Pasal 71(1) jo. 188 is an alternative (provisional)",
        provisional=("pidana_188",),
    ),
    # -- 4. One act, one level -------------------------------------------------------------------
    Row(
        4,
        "campaign_attendance",
        "pns",
        date(2024, 10, 1),
        PILKADA,
        {"hd_berat"},
        "SKB 2022 Lampiran II B4 (attending a calon's campaign and giving support): berat; the "
        "angka-1 gap is a caveat note, angka 2 is its own act",
    ),
    Row(
        4,
        "campaign_attendance",
        "pns",
        date(2024, 9, 1),
        PILKADA,
        {"moral"},
        "SKB 2022 Lampiran II A3/A6: before penetapan, kode etik (PP 42/2004 Pasal 15)",
    ),
    Row(
        4,
        "campaign_attendance_with_attributes",
        "pns",
        date(2024, 10, 1),
        PILKADA,
        {"hd_sedang"},
        "PP 94/2021 Pasal 5 huruf n angka 2 jo. Pasal 13 huruf g: sedang (medan.bkn.go.id)",
    ),
    Row(
        4,
        "campaign_attendance_with_attributes",
        "pns",
        date(2024, 9, 1),
        PILKADA,
        {"moral"},
        "SKB 2022 Lampiran II A6: a bakal calon's campaign activity, kode etik",
    ),
    Row(
        4,
        "state_facility_use",
        "pns",
        date(2024, 10, 1),
        PILKADA,
        {"hd_berat"},
        "PP 94/2021 Pasal 5 huruf n angka 4 jo. Pasal 14 huruf i, during the campaign; the uniform "
        "or official car as attribute (angka 2) is campaign_attendance_with_attributes",
    ),
    # -- 5. Pemilu 2024 has two penetapan dates --------------------------------------------------
    Row(
        5,
        "social_media_engagement",
        "pns",
        date(2023, 11, 2),
        PEMILU,
        {"moral"},
        "before the DCT (3 Nov 2023) every Pemilu candidate is a bakal calon: SKB part A",
    ),
    Row(
        5,
        "social_media_engagement",
        "pns",
        date(2023, 11, 5),
        PEMILU,
        {"hd_berat"},
        "KPU set the DCT of DPR/DPD/DPRD on 3 Nov 2023: supporting a caleg is SKB part B (B6); "
        "the date is not in legal.md, so the reading is provisional",
        candidate_kind="legislative",
        provisional=("hd_berat",),
    ),
    Row(
        5,
        "social_media_engagement",
        "pns",
        date(2023, 11, 5),
        PEMILU,
        {"moral"},
        "presidential tickets were set only on 13 Nov 2023: a capres is still a bakal calon",
        candidate_kind="presidential",
    ),
    Row(
        5,
        "social_media_engagement",
        "pns",
        date(2023, 11, 5),
        PEMILU,
        {"moral", "hd_berat"},
        "kind unknown between 3 and 12 Nov 2023: both readings, each naming its kind",
        only_for={"moral": ("presidential",), "hd_berat": ("legislative",)},
    ),
    Row(
        5,
        "social_media_engagement",
        "pns",
        date(2023, 11, 13),
        PEMILU,
        {"hd_berat"},
        "from 13 Nov 2023 every Pemilu candidate is a calon: part B whatever the kind",
    ),
    # -- 9. A kepala desa supporting a candidate can also be charged ------------------------------
    Row(
        9,
        "social_media_campaign",
        "village_head",
        date(2024, 1, 10),
        PEMILU,
        {"village_head_ladder", "pidana_490"},
        "UU 7/2017 Pasal 282 jo. 490 during the campaign (PN Solok 23/Pid.Sus/2024/PN Slk)",
        provisional=("pidana_490",),
    ),
    Row(
        9,
        "social_media_campaign",
        "village_head",
        date(2023, 11, 20),
        PEMILU,
        {"village_head_ladder"},
        "Pasal 282 binds 'selama masa Kampanye', which starts on 28 Nov 2023",
    ),
    Row(
        9,
        "campaign_attendance",
        "village_head",
        date(2024, 10, 1),
        PILKADA,
        {"village_head_ladder", "pidana_188"},
        "UU 10/2016 Pasal 71(1) jo. 188 after penetapan (Tapanuli Selatan kepala desa, Nov 2024)",
        provisional=("pidana_188",),
    ),
    Row(
        9,
        "campaign_attendance",
        "village_head",
        date(2024, 9, 1),
        PILKADA,
        {"village_head_ladder"},
        "UU 6/2014 Pasal 29 huruf j only: no pasangan calon before 22 Sep 2024",
    ),
    # -- 10. Pasal 188 names "pejabat Aparatur Sipil Negara" --------------------------------------
    Row(
        10,
        "mobilization",
        "pns",
        date(2024, 10, 1),
        PILKADA,
        {"hd_berat", "pidana_188"},
        "UU 1/2015 jo. UU 10/2016 Pasal 188 names pejabat ASN; Pasal 71(1) after penetapan",
        provisional=("hd_berat", "pidana_188"),
    ),
    Row(
        10,
        "mobilization",
        "pns",
        date(2024, 9, 1),
        PILKADA,
        {"hd_berat"},
        "before penetapan only PP 94/2021 angka 3/6 (SKB B8, berat per Pasal 14 huruf i)",
    ),
    # -- 11. A Penjabat is not an elected head -----------------------------------------------
    Row(
        11,
        "campaign_attendance",
        "acting_regional_head",
        date(2024, 10, 1),
        PILKADA,
        {"hd_berat"},
        "a Pj is an ASN without the Pasal 70(2) right to campaign: SKB 2022 B4 binds them",
    ),
    Row(
        11,
        "campaign_attendance",
        "regional_head",
        date(2024, 10, 1),
        PILKADA,
        {"regional_head_campaign_rules"},
        "UU 1/2015 jo. UU 10/2016 Pasal 70(2)-(3): only with izin, cuti and no office facilities",
        provisional=("regional_head_campaign_rules",),
    ),
    Row(
        11,
        "campaign_attendance_with_attributes",
        "regional_head",
        date(2024, 10, 1),
        PILKADA,
        {"regional_head_campaign_rules"},
        "UU 1/2015 jo. UU 10/2016 Pasal 70(3): no office facilities (official car) at a campaign",
        provisional=("regional_head_campaign_rules",),
    ),
    Row(
        11,
        "campaign_attendance",
        "regional_head",
        date(2024, 6, 1),
        PILKADA,
        set(),
        "no campaign runs in June 2024, so Pasal 70(2)-(3) has nothing to govern",
    ),
    Row(
        11,
        "official_rotation",
        "acting_regional_head",
        date(2024, 4, 1),
        PILKADA,
        {"pidana_190", "regional_head_other", "pj_replacement"},
        "UU 10/2016 Pasal 71(2) and (4); a Pj is never petahana, so no pembatalan (ayat 5); "
        "PP 49/2008 Pasal 132A binds a Pj at all times",
    ),
    Row(
        11,
        "official_rotation",
        "acting_regional_head",
        date(2023, 6, 1),
        PILKADA,
        {"pj_replacement"},
        "PP 49/2008 Pasal 132A(1)a: outside the Pasal 71(2) window a Pj still needs the Minister's "
        "written approval to transfer staff",
    ),
    Row(
        11,
        "partisan_decision",
        "acting_regional_head",
        date(2024, 4, 1),
        PILKADA,
        {"hd_berat", "regional_head_other"},
        "as an ASN, PP 94/2021 angka 5 (SKB B12); as a Pj, Pasal 71(3)-(4) from 22 Mar 2024",
    ),
    # -- 14. Pemilu norms for ASN ----------------------------------------------------------------
    Row(
        14,
        "mobilization",
        "pns",
        date(2024, 1, 10),
        PEMILU,
        {"hd_berat"},
        "UU 7/2017 Pasal 283 has no criminal article: discipline only, forwarded under Pasal "
        "455(1) huruf c",
    ),
    # -- 15. The Pasal 71(3) window closes per region after voting day -----------------------
    Row(
        15,
        "partisan_decision",
        "regional_head",
        date(2024, 11, 20),
        PILKADA,
        {"pidana_188", "pembatalan_calon", "regional_head_other"},
        "UU 10/2016 Pasal 71(3) window is certainly open before voting day (27 Nov 2024)",
        provisional=("pidana_188",),
    ),
    Row(
        15,
        "partisan_decision",
        "regional_head",
        date(2024, 12, 20),
        PILKADA,
        {"pidana_188", "pembatalan_calon", "regional_head_other"},
        "after voting day Pasal 71(3) ends at each region's penetapan calon terpilih: doubtful",
        provisional=("pembatalan_calon", "regional_head_other"),
    ),
    # -- 15. State facilities 'as a campaign participant' need a campaign ------------------------
    Row(
        15,
        "state_facility_use",
        "pns",
        date(2024, 9, 23),
        PILKADA,
        {"hd_berat"},
        "after penetapan but before the campaign: angka 5 (B12) reading, not angka 4",
        provisional=("hd_berat",),
    ),
]


@pytest.mark.parametrize(
    "row",
    ROWS,
    ids=[
        f"item{r.item}-{r.act}-{r.subject}-{r.on}-{r.election}-{r.candidate_kind or 'any'}"
        for r in ROWS
    ],
)
def test_sanctions_follow_the_law_on_the_date(book: Rulebook, row: Row) -> None:
    result = book.applicability(
        row.act, row.subject, row.on, row.election, candidate_kind=row.candidate_kind
    )
    assert {s.code for s in result.sanctions} == row.expected, row.source
    assert result.applicable is bool(row.expected), row.source
    for sanction in result.sanctions:
        assert sanction.candidate_kinds == row.only_for.get(sanction.code, ()), row.source
        if sanction.code in row.provisional:
            assert sanction.is_provisional, row.source


def test_one_act_never_gets_two_disciplinary_levels(book: Rulebook) -> None:
    """Issue 8 item 4: alternatives may differ in kind (moral, criminal), never in level."""
    days = [date(2024, 6, 1), date(2024, 9, 23), date(2024, 10, 1), date(2024, 11, 25)]
    for act in book.acts:
        for on in days:
            result = book.applicability(act, "pns", on, PILKADA)
            levels = {s.level for s in result.sanctions if s.level is not None}
            assert len(levels) <= 1, (act, on, levels)


def test_pidana_188_via_pasal_71_1_is_never_offered_before_penetapan(book: Rulebook) -> None:
    """Issue 8 item 2: no pasangan calon exists before 22 Sep 2024."""
    for act in book.acts:
        for subject in book.subjects:
            result = book.applicability(act, subject, date(2024, 9, 21), PILKADA)
            offered = [
                s
                for s in result.sanctions
                if s.code == "pidana_188" and "UU 10/2016 Pasal 71 ayat (1)" in map(str, s.norms)
            ]
            assert not offered, (act, subject)


def test_criminal_articles_of_the_campaign_are_silent_outside_it(book: Rulebook) -> None:
    """Issue 8 item 1: Pasal 189 and 493 need 'dalam kampanye'."""
    quiet = [(PILKADA, date(2024, 11, 25)), (PEMILU, date(2024, 2, 12)), (PEMILU, date(2023, 9, 1))]
    for election, on in quiet:
        for act in book.acts:
            codes = {s.code for s in book.applicability(act, "other", on, election).sanctions}
            assert not codes & {"pidana_189", "pidana_493"}, (act, election, on)


def test_an_unknown_candidate_kind_lists_the_kinds_of_the_election(book: Rulebook) -> None:
    with pytest.raises(UnknownCodeError, match="legislative, presidential"):
        book.applicability("social_media_engagement", "pns", date(2023, 11, 5), PEMILU, "dpr")


def test_the_pasal_71_3_window_is_certain_until_voting_day(book: Rulebook) -> None:
    before = book.applicability("partisan_decision", "regional_head", date(2024, 11, 27))
    pembatalan = next(s for s in before.sanctions if s.code == "pembatalan_calon")
    assert not pembatalan.is_provisional


@pytest.mark.parametrize(
    ("subject", "instrument"),
    [("tni", "UU 25/2014"), ("polri", "PP 2/2003"), ("polri", "Perpol 7/2022")],
)
def test_internal_discipline_cites_the_instrument_that_imposes_it(
    book: Rulebook, subject: str, instrument: str
) -> None:
    # Issue 8 item 17: UU 25/2014 (Hukum Disiplin Militer) and PP 2/2003 (Disiplin Polri), not
    # read, so provisional.
    result = book.applicability("campaign_team", subject, date(2024, 10, 1), PILKADA)
    (internal,) = [s for s in result.sanctions if s.type.value == "internal"]
    assert instrument in {norm.citation for norm in internal.norms}
    assert internal.is_provisional


@pytest.mark.parametrize(
    ("act", "on", "norm"),
    [
        ("mobilization", date(2024, 1, 10), "UU 7/2017 Pasal 283 ayat (1)"),
        ("mobilization", date(2023, 9, 1), "UU 7/2017 Pasal 283 ayat (1)"),
        ("partisan_decision", date(2024, 1, 10), "UU 7/2017 Pasal 282"),
    ],
)
def test_pemilu_asn_discipline_cites_the_election_law_norm(
    book: Rulebook, act: str, on: date, norm: str
) -> None:
    # Issue 8 item 14: UU 7/2017 Pasal 283 ("sebelum, selama, dan sesudah masa Kampanye") and
    # Pasal 282 ("selama masa Kampanye") bind ASN, with no criminal article; Bawaslu forwards
    # them as pelanggaran peraturan perundang-undangan lainnya (Pasal 455(1) huruf c).
    result = book.applicability(act, "pns", on, PEMILU)
    assert {s.type.value for s in result.sanctions} == {"disciplinary"}
    assert norm in {n.citation for s in result.sanctions for n in s.norms}


def test_pasal_282_is_not_cited_outside_the_pemilu_campaign(book: Rulebook) -> None:
    result = book.applicability("partisan_decision", "pns", date(2023, 9, 1), PEMILU)
    assert "UU 7/2017 Pasal 282" not in {n.citation for s in result.sanctions for n in s.norms}


@pytest.mark.parametrize("subject", ["pns", "pppk", "asn"])
def test_plain_campaign_attendance_cites_pp_94_angka_1_with_adr_0006_caveats(
    book: Rulebook, subject: str
) -> None:
    # ADR 0006: plain attendance of a calon's campaign is PP 94/2021 Pasal 5 huruf n angka 1;
    # case handling reads these entries, so they cite it with the ADR's two caveats.
    applicability = book.applicability("campaign_attendance", subject, date(2024, 10, 1), PILKADA)
    (sanction,) = [s for s in applicability.sanctions if s.part is not None]
    citations = [norm.citation for norm in sanction.norms]
    assert "PP 94/2021 Pasal 5 huruf n angka 1" in citations
    assert "PP 94/2021 Pasal 5 huruf n" not in citations  # the bare letter names no form
    assert sanction.note is not None
    note = " ".join(sanction.note.split())
    assert "ADR 0006" in note
    assert "regional Bawaslu offices among them, read passive attendance" in note  # other reading
    assert "give angka 1 no level" in note  # the missing sanction level
    assert "SKB 2022 matrix (B4)" in note
    # Before penetapan the object is a bakal calon: the kode etik row (A3), not angka 1.
    before = book.applicability("campaign_attendance", subject, date(2024, 9, 1), PILKADA)
    assert all(
        "PP 94/2021 Pasal 5 huruf n angka 1" not in [n.citation for n in s.norms]
        for s in before.sanctions
    )
