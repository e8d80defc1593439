"""The recap says what it counts: proven violations apart from reports, confirmed categories
apart from the analyzer's suggestions, categories in their order, no unlabelled rows."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from typing import Any

from django.urls import reverse

from netra.cases.models import Case
from netra.cases.selectors import GroupBy, RecapBasis, funnel, recap, recap_cases
from netra.cases.services import confirm_classification, move_case
from netra.procedure import CaseState
from tests.conftest import JAKARTA


def at(day: date) -> dict[str, Any]:
    return {"now": datetime(day.year, day.month, day.day, 10, 0, tzinfo=JAKARTA), "today": day}


def prove(case: Case, actor: Any, *, category: int) -> Case:
    for target, payload in (
        (CaseState.FORMAL_MATERIAL_CHECK, {}),
        (CaseState.REGISTERED, {"registration_number": f"{case.pk}/Reg/2024"}),
    ):
        move_case(case, target=target, actor=actor, payload=payload, **at(date(2024, 10, 5)))
    confirm_classification(
        case, category=category, acts=["campaign_attendance"], subject_type="pns", actor=actor
    )
    move_case(
        case,
        target=CaseState.DECIDED_VIOLATION,
        actor=actor,
        payload={"study": "kajian", "decision": "pleno", "violation_type": "pidana"},
        **at(date(2024, 10, 6)),
    )
    return case


def test_proven_violations_are_counted_apart_from_reports(file_report, cast):
    viewer = cast["bawaslu_ri"]
    prove(file_report().case, cast["panwas_bogor"], category=10)
    file_report()  # received, never decided
    everything = recap_cases(viewer)
    assert funnel(everything).received == 2
    assert funnel(everything).registered == 1
    assert funnel(everything).proven == 1
    proven = recap(
        viewer, election=None, region=None, group_by=GroupBy.CATEGORY, basis=RecapBasis.PROVEN
    )
    assert sum(proven.totals.values()) == 1
    assert proven.totals[10] == 1


def test_suggested_categories_are_not_counted_as_confirmed(file_report, cast):
    viewer = cast["bawaslu_ri"]
    case = file_report().case
    Case.objects.filter(pk=case.pk).update(category=4, is_classification_confirmed=False)
    confirmed = recap(
        viewer, election=None, region=None, group_by=GroupBy.CATEGORY, confirmed_only=True
    )
    assert sum(confirmed.totals.values()) == 0
    assert confirmed.unclassified == 1
    assert funnel(recap_cases(viewer)).suggested_only == 1


def test_csv_rows_follow_the_category_order_and_unknowns_are_labelled(file_report, cast, client):
    supervisor = cast["panwas_bogor"]
    for category in (10, 2, 1):
        prove(file_report().case, supervisor, category=category)
    client.force_login(cast["bawaslu_ri"])
    body = client.get(reverse("insights:export", args=["category", "csv"])).content
    keys = [row[0] for row in csv.reader(io.StringIO(body.decode("utf-8-sig")))][1:-1]
    assert keys == ["1", "2", "10"]
    stage = recap(
        cast["bawaslu_ri"], election=None, region=None, group_by=GroupBy.STAGE, confirmed_only=True
    )
    labels = [row.label for row in stage.rows]
    assert "unknown" not in labels


def test_the_recap_filters_by_state_and_incident_dates(file_report, cast):
    viewer = cast["bawaslu_ri"]
    file_report(incident_on=date(2024, 9, 20), known_on=date(2024, 9, 30), today=date(2024, 10, 4))
    file_report(incident_on=date(2024, 10, 1))
    assert recap_cases(viewer, incident_from=date(2024, 10, 1)).count() == 1
    assert recap_cases(viewer, incident_to=date(2024, 9, 30)).count() == 1
    assert recap_cases(viewer, state="received").count() == 2
    assert recap_cases(viewer, state="registered").count() == 0


def test_the_page_says_which_cases_it_counts(file_report, cast, client):
    file_report()
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "id-ID,id;q=0.9"
    id_client = client
    id_client.force_login(cast["bawaslu_ri"])
    proven = id_client.get(reverse("insights:dashboard")).content.decode()
    assert "Rekap pelanggaran netralitas yang terbukti" in proven
    everything = id_client.get(reverse("insights:dashboard"), {"basis": "all"}).content.decode()
    assert "bukan jumlah pelanggaran" in everything


def test_the_dashboard_counts_by_its_basis_but_funnels_every_case_the_filters_keep(
    file_report, cast
):
    from netra.insights.selectors import RecapQuery, dashboard

    viewer = cast["bawaslu_ri"]
    prove(file_report(incident_on=date(2024, 10, 1)).case, cast["panwas_bogor"], category=10)
    file_report(incident_on=date(2024, 10, 1))  # received, never decided
    file_report(incident_on=date(2024, 9, 20), known_on=date(2024, 9, 30), today=date(2024, 10, 4))
    october = {"incident_from": date(2024, 10, 1)}
    proven = dashboard(
        viewer, RecapQuery(basis=RecapBasis.PROVEN, **october), today=date(2024, 10, 7)
    )
    assert proven.total == 1
    assert (proven.funnel.received, proven.funnel.proven) == (2, 1)  # September's is filtered out
    every = dashboard(viewer, RecapQuery(basis=RecapBasis.ALL, **october), today=date(2024, 10, 7))
    assert every.total == 2
    assert every.funnel == proven.funnel


def test_the_export_counts_only_the_cases_the_page_filters_keep(file_report, cast, client):
    supervisor = cast["panwas_bogor"]
    prove(file_report(incident_on=date(2024, 10, 1)).case, supervisor, category=2)
    late = file_report(incident_on=date(2024, 9, 20), known_on=date(2024, 9, 30))
    prove(late.case, supervisor, category=1)
    client.force_login(cast["bawaslu_ri"])
    url = reverse("insights:export", args=["category", "csv"])

    def keys(**filters: str) -> list[str]:
        body = client.get(url, filters).content.decode("utf-8-sig")
        return [row[0] for row in csv.reader(io.StringIO(body))][1:-1]

    assert keys() == ["1", "2"]
    assert keys(incident_from="2024-10-01") == ["2"]
    assert keys(incident_to="2024-09-30") == ["1"]
    assert keys(state="received") == []
