"""Invalid and out-of-scope reports end with the reporter told; finished cases can be reopened."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from netra.audit.models import AuditEvent
from netra.cases.models import Case
from netra.cases.services import move_case, reopen_case
from netra.procedure import CaseState, MissingRequirement, TransitionNotAllowed
from netra.procedure.reopening import check_reopening
from tests.conftest import JAKARTA
from tests.notifications.test_outbox import file_with_contact  # noqa: F401 -- fixture


def at(day: date) -> dict[str, Any]:
    return {"now": datetime(day.year, day.month, day.day, 10, 0, tzinfo=JAKARTA), "today": day}


def test_spam_is_marked_invalid_and_the_reporter_told_why(
    file_with_contact,  # noqa: F811
    cast,
    django_capture_on_commit_callbacks,
):
    report = file_with_contact("siti@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        move_case(
            report.case,
            target=CaseState.INVALID,
            actor=cast["panwas_bogor"],
            payload={"reason": "Isi laporan tidak berkaitan dengan pemilihan."},
            **at(date(2024, 10, 4)),
        )
    report.case.refresh_from_db()
    assert report.case.state == CaseState.INVALID
    assert "Isi laporan tidak berkaitan dengan pemilihan." in mail.outbox[-1].body


def test_out_of_scope_names_the_body_it_is_referred_to(
    file_with_contact,  # noqa: F811
    cast,
    django_capture_on_commit_callbacks,
):
    report = file_with_contact("siti@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        move_case(
            report.case,
            target=CaseState.OUT_OF_SCOPE,
            actor=cast["panwas_bogor"],
            payload={
                "reason": "Dugaan pelanggaran kode etik penyelenggara.",
                "referred_to": "dkpp",
            },
            **at(date(2024, 10, 4)),
        )
    assert "DKPP" in mail.outbox[-1].body


def test_out_of_scope_needs_the_body_it_goes_to(file_report, cast):
    with pytest.raises(MissingRequirement, match="referred_to"):
        move_case(
            file_report().case,
            target=CaseState.OUT_OF_SCOPE,
            actor=cast["panwas_bogor"],
            payload={"reason": "Bukan netralitas."},
            **at(date(2024, 10, 4)),
        )


def test_reopening_returns_to_the_state_closed_from_with_reason_and_audit(file_report, cast):
    supervisor = cast["panwas_bogor"]
    case = file_report().case
    move_case(case, target=CaseState.FORMAL_MATERIAL_CHECK, actor=supervisor, payload={},
              **at(date(2024, 10, 4)))  # fmt: skip
    move_case(case, target=CaseState.INVALID, actor=supervisor,
              payload={"reason": "Dikira iseng."}, **at(date(2024, 10, 4)))  # fmt: skip
    reopened = reopen_case(
        case, actor=supervisor, reason="Pelapor mengirim bukti baru.", **at(date(2024, 10, 6))
    )
    assert reopened.state == CaseState.FORMAL_MATERIAL_CHECK
    step = reopened.transitions.last()
    assert step.payload == {
        "reopen_reason": "Pelapor mengirim bukti baru.",
        "reopened_from": "invalid",
    }
    assert AuditEvent.objects.filter(action="case.reopen", object_id=str(case.pk)).exists()


def test_a_case_still_open_cannot_be_reopened(file_report, cast):
    with pytest.raises(TransitionNotAllowed, match="cannot be reopened"):
        reopen_case(
            file_report().case, actor=cast["panwas_bogor"], reason="x", **at(date(2024, 10, 5))
        )


def test_a_reopening_needs_a_reason_and_bkn_outcomes_are_not_bawaslus():
    with pytest.raises(MissingRequirement):
        check_reopening(CaseState.INVALID, "bawaslu_kabkota", "  ")
    with pytest.raises(TransitionNotAllowed):
        check_reopening(CaseState.BKN_NOT_PROVEN, "bawaslu_ri", "alasan")
    with pytest.raises(TransitionNotAllowed, match="may not reopen"):
        check_reopening(CaseState.CLOSED, "panwascam", "alasan")


def test_the_case_page_offers_reopening_and_it_works(file_report, cast, client):
    supervisor = cast["panwas_bogor"]
    case = file_report().case
    move_case(case, target=CaseState.INVALID, actor=supervisor,
              payload={"reason": "Ganda."}, **at(date(2024, 10, 4)))  # fmt: skip
    client.force_login(supervisor)
    page = client.get(reverse("desk:case", args=[case.pk])).content.decode()
    assert 'id="reopen"' in page
    response = client.post(reverse("desk:reopen", args=[case.pk]), {"reason": "Bukan ganda."})
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).state == CaseState.RECEIVED


def test_the_api_reopens_a_case(file_report, cast, client):
    from django.test import Client

    from netra.accounts.services import issue_token

    case = file_report().case
    move_case(case, target=CaseState.INVALID, actor=cast["panwas_bogor"],
              payload={"reason": "Ganda."}, **at(date(2024, 10, 4)))  # fmt: skip
    token = issue_token(cast["panwas_bogor"], actor=None).secret
    api = Client(headers={"authorization": f"Bearer {token}"})
    response = api.post(
        f"/api/v1/cases/{case.pk}/reopen",
        {"reason": "Salah tandai."},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "received"
