"""The reporter is told at every public step, through the outbox and a sender per channel."""

from __future__ import annotations

import socket
from datetime import date, datetime
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from netra.cases.models import ReporterKind
from netra.cases.services import (
    IncidentData,
    PartyData,
    ReporterData,
    move_case,
    receive_report,
    reopen_case,
)
from netra.notifications.models import Channel, DeliveryStatus, Notification
from netra.notifications.services import MAX_ATTEMPTS, channel_for, deliver, deliver_outbox
from netra.procedure import CaseState
from tests.conftest import DESCRIPTION, JAKARTA
from tests.notifications.fake_smtp import fake_smtp

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


def at(day: date) -> dict[str, Any]:
    return {"now": datetime(day.year, day.month, day.day, 10, 0, tzinfo=JAKARTA), "today": day}


@pytest.fixture
def file_with_contact(elections: dict[str, Any], django_capture_on_commit_callbacks: Any) -> Any:
    def make(contact: str, *, notify: bool = True) -> Any:
        election = elections["bogor"]
        with django_capture_on_commit_callbacks(execute=True):
            return receive_report(
                IncidentData(
                    election=election,
                    region=election.region,
                    incident_on=date(2024, 10, 1),
                    known_on=date(2024, 10, 2),
                    place="Kantor Kecamatan Cibinong",
                    description=DESCRIPTION,
                    parties=(PartyData(name="Budi Santoso", subject_type="pns"),),
                ),
                reporter=ReporterData(
                    kind=ReporterKind.PEMILIH,
                    name="Siti Aminah",
                    address="Jl. Mawar 3, Cibinong",
                    contact=contact,
                    notify=notify,
                ),
                actor=None,
                **at(date(2024, 10, 4)),
            )

    return make


@pytest.mark.parametrize(
    ("contact", "expected"),
    [
        ("siti@example.org", (Channel.EMAIL, "siti@example.org")),
        ("0812-3456-7890", (Channel.SMS, "+6281234567890")),
        ("+62 812 3456 7890", (Channel.SMS, "+6281234567890")),
        ("Jl. Mawar 3", None),
        ("", None),
    ],
)
def test_the_channel_follows_the_contact_the_reporter_typed(contact, expected):
    assert channel_for(contact) == expected


def test_the_receipt_with_the_tracking_code_is_mailed_to_the_reporter(file_with_contact):
    report = file_with_contact("siti@example.org")
    [message] = mail.outbox
    assert message.to == ["siti@example.org"]
    assert report.tracking_code in message.body
    assert report.case.number in message.subject
    assert "Laporan diterima" in message.subject  # written in Indonesian
    assert "Budi Santoso" not in message.body  # the terlapor is not named
    notification = Notification.objects.get()
    assert notification.status == DeliveryStatus.SENT
    assert notification.kind == "reporter.received"


def test_a_reporter_who_wants_no_notices_gets_none(file_with_contact):
    file_with_contact("siti@example.org", notify=False)
    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_public_steps_are_told_and_internal_steps_are_not(
    file_with_contact, cast, django_capture_on_commit_callbacks
):
    report = file_with_contact("siti@example.org")
    supervisor = cast["panwas_bogor"]
    with django_capture_on_commit_callbacks(execute=True):
        move_case(
            report.case,
            target=CaseState.FORMAL_MATERIAL_CHECK,
            actor=supervisor,
            payload={},
            **at(date(2024, 10, 4)),
        )
    assert len(mail.outbox) == 1  # kajian awal is the office's own step
    with django_capture_on_commit_callbacks(execute=True):
        move_case(
            report.case,
            target=CaseState.REGISTERED,
            actor=supervisor,
            payload={"registration_number": "001/Reg/LP/PB/Kab/13.01/X/2024"},
            **at(date(2024, 10, 5)),
        )
    assert len(mail.outbox) == 2
    assert "001/Reg/LP/PB/Kab/13.01/X/2024" in mail.outbox[1].body
    assert "Diregistrasi" in mail.outbox[1].subject


def test_a_request_for_completion_is_told_with_its_words_and_day(
    file_with_contact, cast, django_capture_on_commit_callbacks
):
    report = file_with_contact("siti@example.org")
    supervisor = cast["panwas_bogor"]
    with django_capture_on_commit_callbacks(execute=True):
        move_case(
            report.case,
            target=CaseState.FORMAL_MATERIAL_CHECK,
            actor=supervisor,
            payload={},
            **at(date(2024, 10, 4)),
        )
        move_case(
            report.case,
            target=CaseState.NEEDS_COMPLETION,
            actor=supervisor,
            payload={"missing_items": "Kirim foto unggahan.", "completion_due_on": "2024-12-02"},
            **at(date(2024, 10, 4)),
        )
    body = mail.outbox[-1].body
    assert "Kirim foto unggahan." in body
    assert "2 Desember 2024" in body


def _closed_then_reopened(report: Any, supervisor: Any, capture: Any) -> None:
    case, day = report.case, at(date(2024, 10, 4))
    with capture(execute=True):
        move_case(case, target=CaseState.FORMAL_MATERIAL_CHECK, actor=supervisor, payload={}, **day)
        move_case(
            case, target=CaseState.INVALID, actor=supervisor, payload={"reason": "Iseng."}, **day
        )
        reopen_case(case, actor=supervisor, reason="Pelapor melengkapi identitas.", **day)


def test_a_reopened_report_is_told_with_its_reason_and_the_closing_words(
    file_with_contact, cast, django_capture_on_commit_callbacks
):
    report = file_with_contact("siti@example.org")
    _closed_then_reopened(report, cast["panwas_bogor"], django_capture_on_commit_callbacks)
    message = mail.outbox[-1]
    assert message.subject == f"Laporan {report.case.number} dibuka kembali"
    assert message.body.split("\n\n") == [
        f"Laporan Anda {report.case.number} dibuka kembali dan ditangani lagi.",
        "Alasan: Pelapor melengkapi identitas.",
        "Anda dapat mengikuti laporan di halaman status Netra dengan kode pelacakan Anda. "
        "Pesan ini dikirim otomatis; mohon tidak membalasnya.",
    ]
    assert Notification.objects.filter(kind="reporter.reopened").count() == 1


def test_a_reporter_who_wants_no_notices_is_not_told_of_the_reopening(
    file_with_contact, cast, django_capture_on_commit_callbacks
):
    report = file_with_contact("siti@example.org", notify=False)
    _closed_then_reopened(report, cast["panwas_bogor"], django_capture_on_commit_callbacks)
    assert not Notification.objects.filter(kind__startswith="reporter.").exists()
    assert "siti@example.org" not in [address for message in mail.outbox for address in message.to]


def test_a_phone_number_waits_in_the_outbox_until_an_sms_sender_exists(file_with_contact):
    file_with_contact("0812 3456 7890")
    notification = Notification.objects.get()
    assert notification.channel == Channel.SMS
    assert notification.recipient == "+6281234567890"
    assert deliver_outbox().still_queued == 1
    notification.refresh_from_db()
    assert notification.status == DeliveryStatus.QUEUED
    assert notification.attempts == 0


def test_mail_goes_out_over_smtp_to_the_configured_server(file_with_contact, settings):
    with fake_smtp() as (port, received):
        settings.EMAIL_BACKEND = SMTP_BACKEND
        settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
        report = file_with_contact("siti@example.org")
    assert len(received) == 1
    assert report.tracking_code.encode() in received[0]
    assert Notification.objects.get().status == DeliveryStatus.SENT


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_mail_server_that_is_down_keeps_the_message_and_the_report(file_with_contact, settings):
    settings.EMAIL_BACKEND = SMTP_BACKEND
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = (
        "127.0.0.1",
        _closed_port(),
        False,
    )
    report = file_with_contact("siti@example.org")
    assert report.pk is not None  # the report is filed all the same
    notification = Notification.objects.get()
    assert notification.status == DeliveryStatus.QUEUED
    assert notification.attempts == 1
    assert "example.org" in notification.last_error
    for _ in range(MAX_ATTEMPTS - 1):
        deliver(notification.pk)
    notification.refresh_from_db()
    assert notification.status == DeliveryStatus.FAILED
    with fake_smtp() as (port, received):
        settings.EMAIL_PORT = port
        assert deliver_outbox().sent == 0  # given up for good: not retried behind staff's back
    assert received == []


def test_the_case_page_lists_the_messages_to_the_reporter_without_their_address(
    file_with_contact, cast, client
):
    report = file_with_contact("siti@example.org")
    client.force_login(cast["viewer_bogor"])  # sees the case, not the reporter
    page = client.get(reverse("desk:case", args=[report.case.pk])).content.decode()
    assert 'id="notices"' in page
    assert "siti@example.org" not in page
    assert report.tracking_code not in page  # the code is the reporter's key, not staff's


def test_the_report_form_sends_the_notice_choice_to_the_service(elections, client):
    from tests.web_ui.test_public import _valid_post

    response = client.post(
        reverse("public:report"),
        _valid_post(reporter_contact="siti@example.org", notify_contact=""),
    )
    assert response.status_code == 302
    assert not Notification.objects.exists()


def test_a_failed_message_waits_out_its_delay_before_the_outbox_tries_it_again(
    file_with_contact, settings
):
    from datetime import timedelta

    from django.utils import timezone

    settings.EMAIL_BACKEND = SMTP_BACKEND
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = (
        "127.0.0.1",
        _closed_port(),
        False,
    )
    file_with_contact("siti@example.org")
    notification = Notification.objects.get()
    assert notification.attempts == 1  # tried once after the report was committed
    deliver_outbox()
    notification.refresh_from_db()
    assert notification.attempts == 1  # not due yet: a minute after the first failure
    with fake_smtp() as (port, received):
        settings.EMAIL_PORT = port
        assert deliver_outbox(now=timezone.now() + timedelta(seconds=61)).sent == 1
    assert len(received) == 1


def test_the_messages_to_the_reporter_leave_out_the_staff_s_own_notices(
    file_with_contact, cast, client
):
    """Under "Messages to the reporter" the case page listed "Kasus baru ... di wilayah Anda",
    the supervisors' own notice, as if the reporter had been sent it (found in the qa-2 walk)."""
    report = file_with_contact("siti@example.org")
    kinds = set(Notification.objects.values_list("kind", flat=True))
    assert {"reporter.received", "staff.new_case"} <= kinds  # both were queued
    client.force_login(cast["panwas_bogor"])
    page = client.get(reverse("desk:case", args=[report.case.pk])).content.decode()
    notices = page[page.index('id="notices"') :]
    notices = notices[: notices.index("</ul>")]
    assert "Laporan diterima" in notices
    assert "Kasus baru" not in notices
