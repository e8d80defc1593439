"""Acting on many cases from the inbox, and exporting what the desk shows.

Each case goes through its own service call: a refusal is reported for that case and the others
go on. Exports follow the filtered view or the selection; reporter identities only for the
supervisors who ask for them, only for their regions, and every export is audited.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from netra.audit.models import AuditEvent
from netra.cases.batch import (
    BatchInputError,
    ExportFormat,
    assign_cases,
    batch_targets,
    export_cases,
    move_cases,
    selected_cases,
)
from netra.cases.models import Case
from netra.cases.services import move_case
from netra.procedure import CaseState
from tests.conftest import JAKARTA

NOW = datetime(2024, 10, 4, 10, 0, tzinfo=JAKARTA)
TODAY = date(2024, 10, 4)


@pytest.fixture
def three(file_report) -> list[Case]:
    return [file_report().case, file_report().case, file_report(election="surabaya").case]


def _login(cast, name: str) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="id-ID,id;q=0.9")
    client.force_login(cast[name])
    return client


def test_a_selection_outside_the_scope_is_refused_as_not_found(three, cast):
    with pytest.raises(BatchInputError) as raised:
        selected_cases(cast["panwas_bogor"], [three[0].pk, three[2].pk])
    assert f"Kasus {three[2].pk} tidak ditemukan" in raised.value.message
    with pytest.raises(BatchInputError) as raised:
        selected_cases(cast["panwas_bogor"], [])
    assert "Pilih sedikitnya satu kasus" in raised.value.message


def test_every_selected_case_moves_through_its_own_checked_audited_step(three, cast):
    supervisor = cast["panwas_bogor"]
    outcomes = move_cases(
        three[:2], target=CaseState.FORMAL_MATERIAL_CHECK, actor=supervisor, note="", now=NOW,
        today=TODAY,
    )  # fmt: skip
    assert [outcome.ok for outcome in outcomes] == [True, True]
    for case in three[:2]:
        case.refresh_from_db()
        assert case.state == CaseState.FORMAL_MATERIAL_CHECK.value
        assert (
            AuditEvent.objects.filter(action="case.transition", object_id=str(case.pk)).exists()
            or case.transitions.count() == 2
        )


def test_a_refused_case_is_reported_and_the_others_still_move(three, cast):
    outcomes = move_cases(
        three[:2], target=CaseState.REGISTERED, actor=cast["panwas_bogor"], note="", now=NOW,
        today=TODAY,
    )  # fmt: skip
    assert [outcome.ok for outcome in outcomes] == [False, False]
    assert all(outcome.message for outcome in outcomes)
    assert all(case.state == CaseState.RECEIVED.value for case in Case.objects.all())


def test_cases_in_different_states_are_not_moved_together(three, cast):
    supervisor = cast["panwas_bogor"]
    move_case(three[0], target=CaseState.FORMAL_MATERIAL_CHECK, actor=supervisor, payload={},
              now=NOW, today=TODAY)  # fmt: skip
    three[0].refresh_from_db()
    with pytest.raises(BatchInputError) as raised:
        move_cases(three[:2], target=CaseState.REGISTERED, actor=supervisor, note="", now=NOW,
                   today=TODAY)  # fmt: skip
    assert "berada pada tahap yang berbeda" in raised.value.message
    three[1].refresh_from_db()
    assert three[1].state == CaseState.RECEIVED.value


def test_only_steps_that_need_no_fields_are_offered_in_bulk(cast):
    targets = batch_targets(cast["panwas_bogor"], [CaseState.RECEIVED.value])
    assert CaseState.FORMAL_MATERIAL_CHECK in targets
    assert CaseState.NOT_REGISTERED not in targets  # needs a reason
    assert batch_targets(cast["viewer_bogor"], [CaseState.RECEIVED.value]) == []


def test_assigning_in_bulk_refuses_per_case_outside_the_assignees_scope(file_report, cast):
    bogor, bandung = file_report().case, file_report(election="bandung").case
    outcomes = assign_cases(
        # A supervisor of Kab. Bogor (a PPK would not see a report before it reaches its hands).
        [bogor, bandung],
        assignee=cast["panwas_bogor"],
        actor=cast["bawaslu_jabar"],
    )
    assert [(o.number, o.ok) for o in outcomes] == [(bogor.number, True), (bandung.number, False)]
    assert "tidak meliputi" in outcomes[1].message  # the desk's language


def test_the_desk_reports_each_outcome_and_keeps_the_filter(three, cast):
    client = _login(cast, "panwas_bogor")
    response = client.post(
        reverse("desk:bulk"),
        {
            "case": [three[0].pk, three[1].pk],
            "action": "move",
            "target": CaseState.REGISTERED.value,
            "query": "state=received",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/desk/?state=received"
    page = response.content.decode()
    assert f"{three[0].number} tidak diubah" in page
    assert f"{three[1].number} tidak diubah" in page
    moved = client.post(
        reverse("desk:bulk"),
        {"case": [three[0].pk], "action": "move", "target": "formal_material_check"},
        follow=True,
    )
    assert f"Dipindahkan ke tahap berikutnya: {three[0].number}" in moved.content.decode()


def test_the_inbox_offers_a_checkbox_per_case_and_the_bulk_actions(three, cast):
    page = _login(cast, "panwas_bogor").get(reverse("desk:inbox")).content.decode()
    assert f'name="case" value="{three[0].pk}" form="bulk-form"' in page
    assert 'id="bulk-move"' in page
    assert 'id="bulk-identity"' in page
    viewer_page = _login(cast, "viewer_bogor").get(reverse("desk:inbox")).content.decode()
    assert 'id="bulk-identity"' not in viewer_page
    assert 'id="bulk-assign"' not in viewer_page


# -- exports -----------------------------------------------------------------------------------


def _csv(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def test_the_filtered_view_exports_as_xlsx_without_identity_by_default(three, cast):
    client = _login(cast, "bawaslu_jabar")
    response = client.get(reverse("desk:inbox_export_xlsx"), {"region": "32.01"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="kasus-netra-')
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "kasus"
    rows = list(sheet.iter_rows(values_only=True))
    assert "reporter_name" not in rows[0]
    assert sorted(row[0] for row in rows[1:]) == sorted(c.number for c in three[:2])
    event = AuditEvent.objects.get(action="case.export")
    assert event.after["format"] == "xlsx"
    assert event.after["with_identity"] is False
    assert event.after["count"] == 2

    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # a reader of the English desk
    response = client.get(reverse("desk:inbox_export_xlsx"), {"region": "32.01"})
    assert response["Content-Disposition"].startswith('attachment; filename="cases-netra-')
    assert load_workbook(io.BytesIO(response.content)).active.title == "cases"


def test_a_supervisor_may_export_identities_of_the_regions_they_supervise(three, cast):
    response = _login(cast, "panwas_bogor").get(reverse("desk:inbox_export"), {"identitas": "1"})
    rows = _csv(response.content)
    assert {row["reporter_name"] for row in rows} == {"Siti Aminah"}
    assert AuditEvent.objects.get(action="case.export").after["with_identity"] is True


def test_a_role_that_never_sees_reporters_may_not_export_them(three, cast):
    # BKN sees every case but never a reporter: it may not even ask.
    with pytest.raises(BatchInputError) as raised:
        export_cases(
            cast["bkn_analyst"], three, fmt=ExportFormat.CSV, with_identity=True, today=TODAY,
            scope="test",
        )  # fmt: skip
    assert "tidak boleh mengekspor identitas pelapor" in raised.value.message
    refused = _login(cast, "bkn_analyst").get(reverse("desk:inbox_export"), {"identitas": "1"})
    assert refused.status_code == 302
    assert not AuditEvent.objects.filter(action="case.export").exists()


def test_the_selection_exports_only_the_ticked_cases(three, cast):
    response = _login(cast, "panwas_bogor").post(
        reverse("desk:bulk"), {"case": [three[1].pk], "action": "export_csv"}
    )
    assert response["Content-Type"].startswith("text/csv")
    assert [row["number"] for row in _csv(response.content)] == [three[1].number]
    assert AuditEvent.objects.get(action="case.export").after["scope"] == "selection"
