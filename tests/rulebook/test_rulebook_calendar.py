"""Election calendars, dated configuration and procedure clocks."""

from __future__ import annotations

from datetime import date

import pytest

from netra.rulebook import Certainty, ClockUnit, Rulebook, UnknownCodeError

STAGE_CASES = [
    ("pilkada-2024", date(2024, 1, 1), None, "before the first PKPU 2/2024 stage"),
    (
        "pilkada-2024",
        date(2024, 8, 28),
        "pendaftaran_paslon",
        "shorter than penelitian persyaratan",
    ),
    ("pilkada-2024", date(2024, 9, 22), "penetapan_paslon", "the one-day penetapan wins"),
    ("pilkada-2024", date(2024, 9, 23), "pengundian_nomor_urut", "the draw beats pemutakhiran"),
    ("pilkada-2024", date(2024, 9, 25), "kampanye", "first campaign day"),
    ("pilkada-2024", date(2024, 11, 23), "kampanye", "last campaign day"),
    ("pilkada-2024", date(2024, 11, 24), "masa_tenang", "quiet period starts"),
    ("pilkada-2024", date(2024, 11, 27), "pemungutan_suara", "voting beats recapitulation"),
    ("pilkada-2024", date(2024, 12, 10), "rekapitulasi", "counting and recap until 16 Dec"),
    ("pilkada-2024", date(2024, 12, 17), None, "after the last stage"),
    ("pemilu-2024", date(2023, 11, 13), "penetapan_paslon", "presidential tickets determined"),
    ("pemilu-2024", date(2024, 1, 1), "kampanye", "28 Nov 2023 - 10 Feb 2024"),
    ("pemilu-2024", date(2024, 2, 12), "masa_tenang", "11 - 13 Feb 2024"),
    ("pemilu-2024", date(2024, 2, 14), "pemungutan_suara", "voting day"),
    ("pemilu-2024", date(2024, 3, 1), "rekapitulasi", "recapitulation until 20 Mar 2024"),
]


@pytest.mark.parametrize(("election", "on", "expected", "reason"), STAGE_CASES)
def test_stage_on(
    book: Rulebook, election: str, on: date, expected: str | None, reason: str
) -> None:
    stage = book.stage_on(election, on)
    assert (stage.code if stage else None) == expected, reason


def test_pilkada_penetapan_is_22_september_2024(book: Rulebook) -> None:
    assert book.elections["pilkada-2024"].penetapan_paslon == date(2024, 9, 22)


def test_facts_absent_from_legal_md_are_provisional(book: Rulebook) -> None:
    assert all(s.certainty is Certainty.PROVISIONAL for s in book.elections["pemilu-2024"].stages)
    pilkada = {s.code: s for s in book.elections["pilkada-2024"].stages}
    assert pilkada["masa_tenang"].certainty is Certainty.PROVISIONAL  # legal.md: N1/C
    assert pilkada["kampanye"].certainty is Certainty.CONFIRMED


def test_every_stage_names_its_source(book: Rulebook) -> None:
    for election in book.elections.values():
        for stage in election.stages:
            assert stage.source, (election.id, stage.code)


@pytest.mark.parametrize(
    ("on", "recipient"),
    [
        (date(2020, 11, 1), "KASN"),
        (date(2024, 8, 23), "KASN"),
        (date(2024, 8, 24), "BKN"),
        (date(2025, 1, 1), "BKN"),
    ],
)
def test_recommendation_recipient_switches_from_kasn_to_bkn(
    book: Rulebook, on: date, recipient: str
) -> None:
    assert book.recommendation_recipient(on) == recipient


def test_pasal_71_windows_start_22_march_2024(book: Rulebook) -> None:
    for window_id in ("pasal_71_2", "pasal_71_3"):
        window = book.windows[window_id]
        assert window.start == date(2024, 3, 22)
        assert not window.contains(date(2024, 3, 21))
        assert window.contains(date(2024, 3, 22))


CLOCKS = {
    "pilkada.report_window": (7, ClockUnit.CALENDAR, "Pasal 134 ayat (4)"),
    "pilkada.decision": (3, ClockUnit.CALENDAR, "Pasal 134 ayat (5)"),
    "pilkada.decision_extension": (2, ClockUnit.CALENDAR, "Pasal 134 ayat (6)"),
    # UU 7/2017 Pasal 454(6) reads "7 (tujuh) hari kerja" (scan, flipbuilder cmvf/wgnv p.312).
    "pemilu.report_window": (7, ClockUnit.WORKING, "Pasal 454 ayat (6)"),
    # "Hari" of Perbawaslu 7/2022 unread: counted as hari kerja, never earlier (issue 8 item 6).
    "pemilu.finding_window": (7, ClockUnit.WORKING, "Pasal 454 ayat (5)"),
    "pemilu.kajian_awal": (2, ClockUnit.WORKING, "Pasal 15 ayat (1)"),
    "pemilu.decision": (7, ClockUnit.WORKING, "Pasal 454 ayat (7)"),
    "pemilu.decision_extension": (14, ClockUnit.WORKING, "Pasal 454 ayat (8)"),
    "ppk.follow_up": (14, ClockUnit.WORKING, "BKN"),
    # Sentra Gakkumdu (issue 8 item 8).
    "gakkumdu_pilkada.forward_to_polri": (1, ClockUnit.CALENDAR, "Pasal 135"),
    "gakkumdu_pilkada.investigation": (14, ClockUnit.WORKING, "UU 1/2015 jo. UU 10/2016"),
    "gakkumdu_pilkada.file_return": (3, ClockUnit.WORKING, "UU 1/2015 jo. UU 10/2016"),
    "gakkumdu_pilkada.file_completion": (3, ClockUnit.WORKING, "UU 1/2015 jo. UU 10/2016"),
    "gakkumdu_pilkada.prosecution": (5, ClockUnit.WORKING, "UU 1/2015 jo. UU 10/2016"),
    "gakkumdu_pilkada.court_decision": (7, ClockUnit.CALENDAR, "UU 1/2015 jo. UU 10/2016"),
    "gakkumdu_pilkada.appeal_filing": (3, ClockUnit.CALENDAR, "UU 1/2015 jo. UU 10/2016"),
    "gakkumdu_pilkada.appeal_decision": (7, ClockUnit.CALENDAR, "UU 1/2015 jo. UU 10/2016"),
    "gakkumdu_pemilu.forward_to_polri": (1, ClockUnit.CALENDAR, "Pasal 476 ayat (1)"),
    "gakkumdu_pemilu.investigation": (14, ClockUnit.CALENDAR, "UU 7/2017"),
    "gakkumdu_pemilu.court_decision": (7, ClockUnit.CALENDAR, "Pasal 482 ayat (1)"),
}


def test_clock_ids_are_exactly_the_agreed_ones(book: Rulebook) -> None:
    assert set(book.clocks) == set(CLOCKS)


@pytest.mark.parametrize(("clock_id", "expected"), sorted(CLOCKS.items()))
def test_clock_days_unit_and_source(
    book: Rulebook, clock_id: str, expected: tuple[int, ClockUnit, str]
) -> None:
    days, unit, source = expected
    clock = book.clock(clock_id)
    assert (clock.days, clock.unit) == (days, unit)
    assert source in clock.source


def test_pemilu_report_window_follows_the_statute_in_hari_kerja(book: Rulebook) -> None:
    # UU 7/2017 Pasal 454(6) was read in the scanned Lembaran Negara text; the Perbawaslu's
    # "7 Hari" cannot shorten it.
    clock = book.clock("pemilu.report_window")
    assert clock.certainty is Certainty.CONFIRMED
    assert "hari kerja" in clock.source


@pytest.mark.parametrize("clock_id", ["pemilu.kajian_awal", "pemilu.decision"])
def test_pemilu_hari_clocks_are_provisional_until_the_perbawaslu_definition_is_read(
    book: Rulebook, clock_id: str
) -> None:
    clock = book.clock(clock_id)
    assert clock.certainty is Certainty.PROVISIONAL
    assert clock.note is not None
    assert "Perbawaslu 7/2022 Pasal 1" in clock.note


def test_unknown_clock_lists_choices(book: Rulebook) -> None:
    with pytest.raises(UnknownCodeError, match=r"pilkada\.report_window"):
        book.clock("pilkada.report")
