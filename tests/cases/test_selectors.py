"""Selectors: scope inside every read, search, recap groupings and the public view."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from netra.cases.models import Case
from netra.cases.scope import CaseNotFoundError
from netra.cases.selectors import (
    GroupBy,
    case_detail_for,
    cases_visible_to,
    get_case_for,
    public_status,
    recap,
)
from netra.cases.services import PartyData, confirm_classification


def classify(case: Case, category: int, actor) -> None:
    confirm_classification(case, category=category, acts=[], subject_type="pns", actor=actor)


def test_a_case_of_another_regency_is_not_found_rather_than_forbidden(file_report, cast):
    case = file_report().case
    with pytest.raises(CaseNotFoundError):
        get_case_for(cast["outsider_surabaya"], case.pk)
    assert get_case_for(cast["bawaslu_jabar"], case.pk) == case


def test_a_region_filter_outside_the_scope_yields_nothing(file_report, cast, regions):
    file_report()
    assert not cases_visible_to(cast["outsider_surabaya"], region=regions["bogor"]).exists()
    assert cases_visible_to(cast["bawaslu_ri"], region=regions["jabar"]).count() == 1


def test_search_finds_a_case_by_the_terlapor_nip(file_report, cast):
    nip = "198001012005011001"
    case = file_report(parties=(PartyData(name="Ahmad", nip=nip, subject_type="pns"),)).case
    file_report()
    found = cases_visible_to(cast["panwas_bogor"], search=nip)
    assert list(found) == [case]


def test_the_viewer_role_sees_the_case_but_not_the_reporter(file_report, cast):
    case = file_report().case
    assert case_detail_for(cast["viewer_bogor"], case.pk).reporter is None
    reporter = case_detail_for(cast["panwas_bogor"], case.pk).reporter
    assert reporter is not None
    assert reporter.name == "Siti Aminah"


def test_public_status_carries_no_names(file_report):
    report = file_report()
    status = public_status(report.tracking_code, now=timezone.now())
    assert status is not None
    assert "Siti" not in repr(status)
    assert "Budi" not in repr(status)
    assert public_status("unknown", now=timezone.now()) is None


def test_recap_by_position_counts_a_case_once_per_position(file_report, cast):
    case = file_report(
        parties=(
            PartyData(name="A", position="Kepala Desa", subject_type="village_head"),
            PartyData(name="B", position="Kepala Desa", subject_type="village_head"),
        )
    ).case
    classify(case, 5, cast["panwas_bogor"])
    result = recap(cast["panwas_bogor"], election=None, region=None, group_by=GroupBy.POSITION)
    assert [(row.key, row.total) for row in result.rows] == [("kepala desa", 1)]
    assert result.totals[5] == 1


def test_recap_by_position_puts_cases_without_a_terlapor_under_unknown(file_report, cast):
    named = file_report(parties=(PartyData(name="A", position="Camat", subject_type="pns"),))
    unnamed = file_report(parties=())
    other_region = file_report(
        election="surabaya", parties=(PartyData(name="C", position="Camat", subject_type="pns"),)
    )
    for report, number in ((named, 4), (unnamed, 4), (other_region, 4)):
        Case.objects.filter(pk=report.case.pk).update(category=number)
    result = recap(cast["panwas_bogor"], election=None, region=None, group_by=GroupBy.POSITION)
    assert [(row.key, row.counts[4]) for row in result.rows] == [("camat", 1), ("unknown", 1)]
    assert result.totals[4] == 2  # the Surabaya case is outside the scope


def test_recap_by_stage_places_the_incident_in_the_election_calendar(file_report, cast):
    # 1 Oct 2024 is in the Pilkada 2024 kampanye (25 Sep - 23 Nov 2024, PKPU 2/2024).
    case = file_report(incident_on=date(2024, 10, 1)).case
    classify(case, 1, cast["panwas_bogor"])
    result = recap(
        cast["panwas_bogor"], election="pilkada-2024", region=None, group_by=GroupBy.STAGE
    )
    assert [row.key for row in result.rows] == ["kampanye"]


def test_recap_leaves_unclassified_cases_out_of_the_ten_categories(file_report, cast):
    Case.objects.filter(pk=file_report().case.pk).update(category=None)
    result = recap(cast["bawaslu_ri"], election=None, region=None, group_by=GroupBy.CATEGORY)
    assert result.unclassified == 1
    assert sum(result.totals.values()) == 0
