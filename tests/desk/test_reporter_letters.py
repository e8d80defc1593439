"""The reporter's letters: the tanda terima and the pemberitahuan status laporan.

The reporter downloads both from the tracking page (their name printed only if they let the
supervisors name them); the office generates the status notice like its other letters, dated
the day of the step it tells of.
"""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from netra.cases.services import move_case
from netra.documents.services import DocumentError, DocumentKind, generate_document
from netra.procedure import CaseState
from netra.public.models import ReporterPreference
from tests.conftest import JAKARTA


def at(day: date) -> dict[str, Any]:
    return {"now": datetime(day.year, day.month, day.day, 10, 0, tzinfo=JAKARTA), "today": day}


def _pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _ask_for_completion(case, supervisor) -> None:
    move_case(case, target=CaseState.FORMAL_MATERIAL_CHECK, actor=supervisor, payload={},
              **at(date(2024, 10, 4)))  # fmt: skip
    move_case(
        case,
        target=CaseState.NEEDS_COMPLETION,
        actor=supervisor,
        payload={"missing_items": "Kirim tangkapan layar unggahan."},
        **at(date(2024, 10, 5)),
    )


@pytest.mark.parametrize("may_name", [False, True])
def test_the_reporters_receipt_names_them_only_if_they_allowed_it(file_report, may_name):
    report = file_report()
    ReporterPreference.objects.create(report=report, may_disclose_identity=may_name)
    url = reverse("public:reporter_letter", args=[report.tracking_code, "tanda-terima"])
    response = Client().get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    assert "TANDA TERIMA LAPORAN" in text
    assert report.tracking_code in text
    assert ("Siti Aminah" in text) is may_name
    assert ("(dirahasiakan)" in text) is not may_name


def test_the_status_notice_tells_the_latest_public_step_with_its_particulars(file_report, cast):
    report = file_report()
    _ask_for_completion(report.case, cast["panwas_bogor"])
    url = reverse("public:reporter_letter", args=[report.tracking_code, "pemberitahuan"])
    text = _pdf_text(Client().get(url).content)
    assert "PEMBERITAHUAN STATUS LAPORAN" in text
    assert CaseState.NEEDS_COMPLETION.label_id in text
    assert "Kirim tangkapan layar unggahan." in text
    assert "5 Oktober 2024" in text  # dated the day of the step
    assert "Siti Aminah" not in text  # no preference recorded: confidential
    assert "Budi Santoso" not in text  # nor the terlapor


def test_each_public_step_has_its_own_notice_dated_on_that_step(file_report, cast):
    report = file_report()
    _ask_for_completion(report.case, cast["panwas_bogor"])
    page = Client().get(reverse("public:status", args=[report.tracking_code])).content.decode()
    first = reverse("public:reporter_step_letter", args=[report.tracking_code, "pemberitahuan", 1])
    second = reverse("public:reporter_step_letter", args=[report.tracking_code, "pemberitahuan", 2])
    assert first in page
    assert second in page
    received = _pdf_text(Client().get(first).content)
    assert CaseState.RECEIVED.label_id in received
    assert "4 Oktober 2024" in received
    assert "Kirim tangkapan layar" not in received  # that request came with the later step
    assert "Kirim tangkapan layar" in _pdf_text(Client().get(second).content)


def test_an_unknown_code_letter_or_step_is_not_found(file_report):
    report = file_report()
    code = report.tracking_code
    assert Client().get(f"/status/{code}/kajian.pdf").status_code == 404
    assert Client().get(f"/status/{code}/pemberitahuan-2.pdf").status_code == 404
    assert Client().get(f"/status/{code}/pemberitahuan-0.pdf").status_code == 404
    assert Client().get("/status/AAAAA-BBBBB-CCCCC/tanda-terima.pdf").status_code == 404


def test_the_office_generates_the_status_notice_dated_on_its_step(file_report, cast):
    report = file_report()
    supervisor = cast["panwas_bogor"]
    _ask_for_completion(report.case, supervisor)
    document = generate_document(
        supervisor, report.case.pk, DocumentKind.STATUS_NOTICE, **at(date(2024, 10, 9))
    )
    with document.file.open("rb") as stored:
        text = _pdf_text(stored.read())
    assert document.names_reporter is True  # a supervisor of the region issued it
    assert "Siti Aminah" in text
    assert "5 Oktober 2024" in text
    assert "9 Oktober 2024" not in text


def test_a_finding_has_no_status_notice(file_report, cast, elections, regions):
    from netra.cases.services import IncidentData, record_finding

    finding = record_finding(
        IncidentData(
            election=elections["bogor"],
            region=regions["bogor"],
            incident_on=date(2024, 10, 1),
            known_on=date(2024, 10, 2),
            place="Kantor",
            description="Camat membagikan poster calon bupati di grup WhatsApp kantor.",
        ),
        actor=cast["panwas_bogor"],
        **at(date(2024, 10, 4)),
    )
    with pytest.raises(DocumentError, match="only for a report"):
        generate_document(
            cast["panwas_bogor"],
            finding.case.pk,
            DocumentKind.STATUS_NOTICE,
            **at(date(2024, 10, 4)),
        )
