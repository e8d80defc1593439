"""Staff enter temuan, informasi awal and walk-in laporan at the desk and through the API."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from netra.accounts.services import issue_token
from netra.cases.models import AnalyzerSuggestion, Case, Finding, Origin, Report
from netra.cases.scope import CaseNotFoundError
from netra.cases.services import (
    CaseInputError,
    IncidentData,
    StaffEntryKind,
    open_case_as_staff,
)
from netra.procedure import CaseState
from tests.conftest import DESCRIPTION, JAKARTA


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


def incident(elections: dict[str, Any], **overrides: Any) -> IncidentData:
    election = elections["bogor"]
    values: dict[str, Any] = {
        "election": election,
        "region": election.region,
        "incident_on": date(2024, 10, 1),
        "known_on": date(2024, 10, 2),
        "place": "Kantor Kecamatan Cibinong",
        "description": DESCRIPTION,
    }
    values.update(overrides)
    return IncidentData(**values)


def at(day: date) -> dict[str, Any]:
    return {"now": datetime(day.year, day.month, day.day, 10, 0, tzinfo=JAKARTA), "today": day}


def test_a_finding_keeps_the_day_it_was_found_and_is_screened(elections, cast):
    case = open_case_as_staff(
        StaffEntryKind.FINDING,
        incident(elections),
        actor=cast["panwas_bogor"],
        found_on=date(2024, 10, 2),
        **at(date(2024, 10, 4)),
    )
    assert case.state == CaseState.FINDING_RECORDED
    assert Finding.objects.get(case=case).found_on == date(2024, 10, 2)
    assert AnalyzerSuggestion.objects.filter(case=case).exists()


def test_a_finding_dated_before_the_incident_is_refused(elections, cast):
    with pytest.raises(CaseInputError) as raised:
        open_case_as_staff(
            StaffEntryKind.FINDING,
            incident(elections),
            actor=cast["panwas_bogor"],
            found_on=date(2024, 9, 30),
            **at(date(2024, 10, 4)),
        )
    assert raised.value.details["field"] == "found_on"


def test_initial_information_opens_a_case_that_can_become_a_finding(elections, cast):
    supervisor = cast["panwas_bogor"]
    case = open_case_as_staff(
        StaffEntryKind.INITIAL_INFORMATION,
        incident(elections),
        actor=supervisor,
        note="Dari berita daring",
        **at(date(2024, 10, 4)),
    )
    assert case.origin == Origin.INITIAL_INFORMATION
    assert case.state == CaseState.INITIAL_INFORMATION
    assert case.transitions.get().note == "Dari berita daring"


@pytest.mark.parametrize(
    ("kind", "origin", "state"),
    [
        (StaffEntryKind.FINDING, Origin.FINDING, CaseState.FINDING_RECORDED),
        (
            StaffEntryKind.INITIAL_INFORMATION,
            Origin.INITIAL_INFORMATION,
            CaseState.INITIAL_INFORMATION,
        ),
    ],
)
def test_a_staff_entry_is_not_flagged_late_by_when_the_incident_became_known(
    elections, cast, kind, origin, state
):
    # Known a month before entry: a laporan this old would be flagged late; a finding found on
    # the day it is recorded is on time.
    case = open_case_as_staff(
        kind,
        incident(elections, incident_on=date(2024, 9, 1), known_on=date(2024, 9, 2)),
        actor=cast["panwas_bogor"],
        **at(date(2024, 10, 4)),
    )
    assert (case.origin, case.state) == (origin, state)
    assert case.state_entered_on == date(2024, 10, 4)
    assert case.is_late is False
    assert case.number == f"NTR-2024-{case.pk:06d}"


def test_a_pemilu_finding_set_after_its_window_is_flagged_late_and_a_pilkada_one_is_not(
    elections, cast
):
    # UU 7/2017 Pasal 454(5): a temuan is set within 7 hari of its discovery; the Pilkada's law
    # gives it no window of its own. Found 1 Feb 2024, recorded on 1 Mar 2024.
    pemilu = elections["pemilu"]
    late = open_case_as_staff(
        StaffEntryKind.FINDING,
        incident(
            elections,
            election=pemilu,
            incident_on=date(2024, 1, 30),
            known_on=date(2024, 2, 1),
        ),
        actor=cast["panwas_bogor"],
        found_on=date(2024, 2, 1),
        **at(date(2024, 3, 1)),
    )
    pilkada = open_case_as_staff(
        StaffEntryKind.FINDING,
        incident(elections, incident_on=date(2024, 9, 1), known_on=date(2024, 9, 2)),
        actor=cast["panwas_bogor"],
        found_on=date(2024, 9, 2),
        **at(date(2024, 10, 4)),
    )
    assert (late.is_late, pilkada.is_late) == (True, False)
    client = Client()
    client.force_login(cast["panwas_bogor"])
    page = client.get(reverse("desk:case", args=[late.pk]), HTTP_ACCEPT_LANGUAGE="id").content
    assert b"Ditetapkan sebagai temuan melewati 7 hari" in page
    assert b"Dilaporkan melewati" not in page


def test_a_walk_in_report_without_a_reporter_is_refused(elections, cast):
    with pytest.raises(CaseInputError, match="reporter"):
        open_case_as_staff(
            StaffEntryKind.REPORT,
            incident(elections),
            actor=cast["panwas_bogor"],
            **at(date(2024, 10, 4)),
        )


def test_staff_outside_the_region_cannot_enter_a_case_there(elections, cast):
    with pytest.raises(CaseNotFoundError):
        open_case_as_staff(
            StaffEntryKind.FINDING,
            incident(elections),
            actor=cast["outsider_surabaya"],
            **at(date(2024, 10, 4)),
        )
    assert not Case.objects.exists()


def _form(**overrides: str) -> dict[str, str]:
    today = timezone.localdate()
    data = {
        "kind": "finding",
        "series": "pilkada-2024",
        "region": "32.01",
        "incident_on": (today - timedelta(days=2)).isoformat(),
        "known_on": (today - timedelta(days=1)).isoformat(),
        "found_on": (today - timedelta(days=1)).isoformat(),
        "place": "Kantor Kecamatan Cibinong",
        "description": DESCRIPTION,
        "party_name": "Budi Santoso",
        "party_subject_type": "pns",
        "party_position": "Camat",
        "reporter_kind": "pemilih",
    }
    data.update(overrides)
    return data


def test_the_desk_form_enters_a_finding_and_opens_its_case_page(elections, cast, client):
    client.force_login(cast["panwas_bogor"])
    assert "new-case" in client.get(reverse("desk:inbox")).content.decode()
    response = client.post(reverse("desk:new_case"), _form())
    assert response.status_code == 302
    case = Case.objects.get()
    assert response["Location"] == reverse("desk:case", args=[case.pk])
    assert case.origin == Origin.FINDING
    assert case.parties.get().name == "Budi Santoso"


def test_the_desk_form_asks_a_walk_in_report_for_the_reporter(elections, cast, client):
    client.force_login(cast["panwas_bogor"])
    refused = client.post(reverse("desk:new_case"), _form(kind="report"))
    assert refused.status_code == 422
    assert not Case.objects.exists()
    filed = client.post(
        reverse("desk:new_case"),
        _form(kind="report", reporter_name="Siti Aminah", reporter_address="Jl. Mawar 3"),
    )
    assert filed.status_code == 302
    assert Report.objects.get().reporter_name == "Siti Aminah"


def test_a_finding_dated_before_the_incident_is_refused_next_to_its_date(elections, cast, client):
    # QA walk-through: the service's refusal was shown only above the form, not at the field.
    today = timezone.localdate()
    client.force_login(cast["panwas_bogor"])
    response = client.post(
        reverse("desk:new_case"), _form(found_on=(today - timedelta(days=5)).isoformat())
    )
    assert response.status_code == 422
    assert 'id="id_found_on_error"' in response.content.decode()
    assert not Case.objects.exists()


def test_a_viewer_is_not_offered_case_entry_and_cannot_enter_one(elections, cast, client):
    client.force_login(cast["viewer_bogor"])
    assert "new-case" not in client.get(reverse("desk:inbox")).content.decode()
    response = client.post(reverse("desk:new_case"), _form())
    assert response.status_code in {403, 409, 422}
    assert not Case.objects.exists()


def test_the_api_enters_a_finding(elections, cast):
    token = issue_token(cast["panwas_bogor"], actor=None).secret
    client = Client(headers={"authorization": f"Bearer {token}"})
    body = {key: value for key, value in _form().items() if not key.startswith(("party_", "rep"))}
    body["election"] = "pilkada-2024-3201"
    body.pop("series")
    body["parties"] = [{"name": "Budi Santoso", "subject_type": "pns", "position": "Camat"}]
    response = client.post("/api/v1/cases", json.dumps(body), content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["state"] == "finding_recorded"
    walk_in = client.post(
        "/api/v1/cases", json.dumps(body | {"kind": "report"}), content_type="application/json"
    )
    assert walk_in.status_code == 422
    assert walk_in.json()["details"]["field"] == "reporter.name"
