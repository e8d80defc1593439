"""Staff hear of new cases in their region, assignments, reporters' replies and deadlines."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.core import mail
from django.urls import reverse

from netra.cases.models import Case
from netra.cases.notices import send_deadline_digest
from netra.cases.services import (
    CompletionData,
    assign_case,
    complete_report,
    move_case,
)
from netra.notifications.models import Channel, Notification
from netra.procedure import CaseState
from tests.conftest import JAKARTA


def at(day: date) -> dict[str, Any]:
    return {"now": datetime(day.year, day.month, day.day, 10, 0, tzinfo=JAKARTA), "today": day}


def _in_app(user: Any) -> list[str]:
    return list(
        Notification.objects.filter(user=user, channel=Channel.IN_APP).values_list(
            "kind", flat=True
        )
    )


def test_a_new_report_is_told_to_the_regions_office_only(file_report, cast):
    file_report()
    assert _in_app(cast["panwas_bogor"]) == ["staff.new_case"]
    assert _in_app(cast["bawaslu_jabar"]) == []  # the province is not the handling office
    assert _in_app(cast["outsider_surabaya"]) == []


def test_an_assignment_is_told_to_the_assignee_by_app_and_mail(
    file_report, cast, django_capture_on_commit_callbacks
):
    case = file_report().case
    assignee = cast["panwas_bogor"]
    assignee.email = "panwas@bawaslu.example"
    assignee.save()
    with django_capture_on_commit_callbacks(execute=True):
        assign_case(case, assignee=assignee, actor=cast["bawaslu_jabar"])
    assert "staff.assigned" in _in_app(assignee)
    assert mail.outbox[-1].to == ["panwas@bawaslu.example"]
    assert case.number in mail.outbox[-1].subject


def test_a_reporters_reply_is_told_to_the_assignee(file_report, cast):
    report = file_report()
    case = report.case
    supervisor = cast["panwas_bogor"]
    assign_case(case, assignee=supervisor, actor=cast["bawaslu_jabar"])
    move_case(case, target=CaseState.FORMAL_MATERIAL_CHECK, actor=supervisor, payload={},
              **at(date(2024, 10, 4)))  # fmt: skip
    move_case(case, target=CaseState.NEEDS_COMPLETION, actor=supervisor,
              payload={"missing_items": "Foto."}, **at(date(2024, 10, 4)))  # fmt: skip
    complete_report(report, data=CompletionData(note="Foto terlampir."), **at(date(2024, 10, 5)))
    assert "staff.completion_reply" in _in_app(supervisor)


def test_the_digest_lists_overdue_today_and_tomorrow_but_not_later(file_report, cast):
    supervisor = cast["panwas_bogor"]
    today = date(2024, 10, 10)
    for offset in (-3, 0, 1, 5):
        case = file_report().case
        Case.objects.filter(pk=case.pk).update(
            deadline_on=today + timedelta(days=offset), assigned_to=supervisor
        )
    assert send_deadline_digest(today=today, now=at(today)["now"]) == 1
    digest = Notification.objects.get(user=supervisor, kind="staff.deadline_digest")
    assert "lewat tenggat sejak 7 Oktober 2024" in digest.body
    assert "tenggat hari ini" in digest.body
    assert "tenggat besok" in digest.body
    assert digest.body.count("NTR-") == 3


def test_the_desk_lists_my_notifications(file_report, cast, client):
    file_report()
    client.force_login(cast["panwas_bogor"])
    page = client.get(reverse("desk:notifications")).content.decode()
    assert 'id="notification-list"' in page
    assert "NTR-" in page
