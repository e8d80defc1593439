"""The signed declaration (checked, hashed, stored, downloaded) and the e-mailed stage reminders."""

from __future__ import annotations

import hashlib
import io
from datetime import date, datetime
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfWriter

from netra.audit.models import AuditEvent
from netra.notifications.models import Channel, DeliveryStatus, Notification
from netra.prevention.models import Declaration, StageReminder
from netra.prevention.services import (
    OutOfScopeError,
    PreventionError,
    attach_declaration_document,
    record_declaration,
    record_imbauan,
    send_stage_reminders,
)
from netra.rulebook import load_rulebook
from tests.conftest import JAKARTA
from tests.notifications.fake_smtp import fake_smtp

pytestmark = pytest.mark.django_db

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


def _pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(out, format="PNG")
    return out.getvalue()


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 8, 0, tzinfo=JAKARTA)


def _declare(regions: dict[str, Any], actor: Any, document: Any = None) -> Declaration:
    return record_declaration(
        regions["bogor"],
        actor=actor,
        agency=None,
        signed_by="Bupati Bogor",
        signed_on=date(2024, 8, 1),
        points=["ASN netral"],
        document_reference="800/1/2024",
        document=document,
        now=_at(date(2024, 8, 2)),
    )


def _post_declaration(client: Any, document: SimpleUploadedFile) -> Any:
    return client.post(
        reverse("prevention:declare", args=["32.01"]),
        {
            "declaration-signed_by": "Bupati Bogor",
            "declaration-signed_on": "2024-08-01",
            "declaration-points": "ASN netral",
            "declaration-document": document,
        },
    )


def test_a_signed_pdf_is_stored_hashed_and_shown_on_the_declaration(client, cast, regions):
    client.force_login(cast["panwas_bogor"])
    content = _pdf()
    response = _post_declaration(
        client, SimpleUploadedFile("ttd.pdf", content, content_type="application/pdf")
    )
    assert response.status_code == 302
    declaration = Declaration.objects.get()
    assert declaration.document_sha256 == hashlib.sha256(content).hexdigest()
    assert declaration.document_media_type == "application/pdf"
    assert declaration.document_name == "ttd.pdf"
    assert not declaration.document.name.endswith("ttd.pdf")  # stored under a random name
    page = client.get(reverse("prevention:region", args=["32.01"])).content.decode()
    assert declaration.document_sha256[:14] in page
    download = client.get(
        reverse("prevention:declaration_document", args=["32.01", declaration.pk])
    )
    assert download["X-Content-SHA256"] == declaration.document_sha256
    assert download["X-Content-Type-Options"] == "nosniff"
    assert f"deklarasi-32.01-{declaration.pk}.pdf" in download["Content-Disposition"]
    assert b"".join(download.streaming_content) == content  # type: ignore[attr-defined]
    event = AuditEvent.objects.get(action="prevention.declaration_recorded")
    assert event.after["document_sha256"] == declaration.document_sha256


def test_a_file_that_only_looks_like_a_pdf_is_refused_and_nothing_is_recorded(
    client, cast, regions
):
    client.force_login(cast["panwas_bogor"])
    fake = SimpleUploadedFile("ttd.pdf", b"%PDF-1.7 <script>alert(1)</script>")
    response = _post_declaration(client, fake)
    assert response.status_code == 422
    # In the desk's language, Indonesian by default (English before qa-2).
    assert "bukan berkas PDF yang sah" in response.content.decode()
    assert Declaration.objects.count() == 0


def test_a_video_is_not_a_signed_declaration(regions, cast):
    video = SimpleUploadedFile("ttd.mp4", b"\x00\x00\x00\x08ftypisom")
    with pytest.raises(PreventionError, match="a signed declaration is a PDF or an image"):
        _declare(regions, cast["panwas_bogor"], video)


def test_a_scan_can_be_attached_later_once_and_only_in_scope(regions, cast, client):
    declaration = _declare(regions, cast["panwas_bogor"])
    with pytest.raises(OutOfScopeError):
        attach_declaration_document(
            declaration,
            actor=cast["outsider_surabaya"],
            document=SimpleUploadedFile("a.png", _png()),
            now=_at(date(2024, 8, 3)),
        )
    client.force_login(cast["panwas_bogor"])
    url = reverse("prevention:attach_document", args=["32.01", declaration.pk])
    response = client.post(url, {"document-document": SimpleUploadedFile("a.png", _png())})
    assert response.status_code == 302
    declaration.refresh_from_db()
    assert declaration.document_media_type == "image/png"
    again = client.post(url, {"document-document": SimpleUploadedFile("b.png", _png())})
    assert again.status_code == 422
    assert "dokumen yang pertama disimpan tetap dipakai" in again.content.decode()
    client.force_login(cast["outsider_surabaya"])
    document_url = reverse("prevention:declaration_document", args=["32.01", declaration.pk])
    assert client.get(document_url).status_code == 404


def test_stage_reminders_are_mailed_to_the_regions_staff_once(
    regions, cast, settings, django_capture_on_commit_callbacks
):
    cast["panwas_bogor"].email = "panwas@bogor.example"
    cast["panwas_bogor"].save(update_fields=["email"])
    book = load_rulebook()
    with fake_smtp() as (port, received), django_capture_on_commit_callbacks(execute=True):
        settings.EMAIL_BACKEND = SMTP_BACKEND
        settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
        sent = send_stage_reminders(
            book, election="pilkada-2024", today=date(2024, 9, 15), now=_at(date(2024, 9, 15))
        )
    reminded = {(r.user.username, r.stage) for r in sent}
    assert ("panwas_bogor", "penetapan_paslon") in reminded
    assert ("outsider_surabaya", "penetapan_paslon") in reminded
    assert not any(name in {"bawaslu_jabar", "bawaslu_ri"} for name, _stage in reminded)
    assert len(received) == 1  # only panwas_bogor has an e-mail address
    assert b"Kirim imbauan netralitas sekarang" in received[0]
    assert b"/desk/pencegahan/32.01/" in received[0]
    mail = Notification.objects.get(channel=Channel.EMAIL)
    assert mail.status == DeliveryStatus.SENT
    assert mail.kind == "prevention.reminder.penetapan_paslon"
    again = send_stage_reminders(
        book, election="pilkada-2024", today=date(2024, 9, 16), now=_at(date(2024, 9, 16))
    )
    assert again == []


def test_a_stage_reminder_reads_in_the_staff_member_s_language(
    regions, cast, django_capture_on_commit_callbacks
):
    from django.core import mail
    from django.test import Client

    user = cast["panwas_bogor"]
    user.email, user.language = "panwas@bogor.example", "en"
    user.save(update_fields=["email", "language"])
    with django_capture_on_commit_callbacks(execute=True):
        send_stage_reminders(
            load_rulebook(),
            election="pilkada-2024",
            today=date(2024, 9, 15),
            now=_at(date(2024, 9, 15)),
        )
    (sent,) = [m for m in mail.outbox if m.to == ["panwas@bogor.example"]]
    assert sent.subject.startswith("Send the neutrality imbauan now: ")
    assert "in 7 days" in sent.subject
    assert "has not sent the ASN neutrality imbauan" in sent.body
    assert "Kirim" not in sent.subject
    client = Client(HTTP_ACCEPT_LANGUAGE="id")
    client.force_login(user)
    client.cookies["django_language"] = "id"
    page = client.get("/desk/pemberitahuan/").content.decode()
    assert "Kirim imbauan netralitas sekarang" in page
    assert "dalam 7 hari" in page


def test_a_region_that_sent_its_imbauan_is_not_reminded(regions, cast):
    record_imbauan(
        regions["surabaya"],
        actor=cast["outsider_surabaya"],
        letter_number="1/2024",
        sent_on=date(2024, 9, 19),  # inside the week before penetapan and before the campaign
        agency_count=3,
        report_url="https://netra.example/lapor/",
        tipline="",
        pdf=b"%PDF-1.7",
        now=_at(date(2024, 9, 19)),
    )
    sent = send_stage_reminders(
        load_rulebook(),
        election="pilkada-2024",
        today=date(2024, 9, 20),
        now=_at(date(2024, 9, 20)),
    )
    assert {r.region.code for r in sent} == {"32.01"}
    assert StageReminder.objects.filter(region=regions["surabaya"]).count() == 0


def test_no_reminder_is_sent_outside_the_week_before_a_stage(regions, cast):
    sent = send_stage_reminders(
        load_rulebook(), election="pilkada-2024", today=date(2024, 7, 1), now=_at(date(2024, 7, 1))
    )
    assert sent == []
    assert Notification.objects.count() == 0


def test_the_remind_command_names_a_bad_date_and_reports_what_it_sent(regions, cast):
    from typer.testing import CliRunner

    from netra.cli import app

    runner = CliRunner()
    bad = runner.invoke(app, ["prevention", "remind", "--date", "2024-02-30"])
    assert bad.exit_code == 2
    assert "'2024-02-30' is not a date" in bad.output
    run = runner.invoke(app, ["prevention", "remind", "--date", "2024-09-15"])
    assert run.exit_code == 0, run.output
    # panwas, ppk and viewer of Bogor, and the Surabaya supervisor: the regencies' staff
    assert "stage reminders sent to 4 staff members" in run.output
