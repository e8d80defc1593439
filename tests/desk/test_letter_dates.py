"""Every letter keeps its own date: the receipt is not re-dated to a later forwarding."""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import Any

from django.utils import translation
from pypdf import PdfReader

from netra.cases.services import confirm_classification, move_case
from netra.documents.services import DocumentKind, generate_document
from netra.procedure import CaseState
from tests.conftest import JAKARTA


def at(day: date) -> dict[str, Any]:
    return {"now": datetime(day.year, day.month, day.day, 10, 0, tzinfo=JAKARTA), "today": day}


def _text(document: Any) -> str:
    with document.file.open("rb") as stored:
        return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(stored.read())).pages)


def test_the_receipt_keeps_the_day_the_report_came_in_after_forwarding(file_report, cast):
    supervisor = cast["panwas_bogor"]
    case = file_report(today=date(2024, 10, 4)).case
    for target, payload, day in (
        (CaseState.FORMAL_MATERIAL_CHECK, {}, date(2024, 10, 4)),
        (CaseState.REGISTERED, {"registration_number": "1/Reg/2024"}, date(2024, 10, 5)),
    ):
        move_case(case, target=target, actor=supervisor, payload=payload, **at(day))
    confirm_classification(
        case, category=4, acts=["campaign_attendance"], subject_type="pns", actor=supervisor
    )
    move_case(case, target=CaseState.DECIDED_VIOLATION, actor=supervisor,
              payload={"study": "kajian", "decision": "pleno", "violation_type": "pidana"},
              **at(date(2024, 10, 7)))  # fmt: skip
    move_case(case, target=CaseState.FORWARDED, actor=supervisor,
              payload={"recipient": "bkn", "letter_number": "9/PP", "letter_date": "2024-10-09"},
              **at(date(2024, 10, 9)))  # fmt: skip
    with translation.override("id"):
        receipt = generate_document(
            supervisor, case.pk, DocumentKind.RECEIPT, **at(date(2024, 12, 1))
        )
        study = generate_document(supervisor, case.pk, DocumentKind.STUDY, **at(date(2024, 12, 1)))
        forwarding = generate_document(
            supervisor, case.pk, DocumentKind.FORWARDING, **at(date(2024, 12, 1))
        )
    assert "4 Oktober 2024" in _text(receipt)
    assert "9 Oktober 2024" not in _text(receipt)
    assert "7 Oktober 2024" in _text(study)
    assert "9 Oktober 2024" in _text(forwarding)


def test_the_kajian_cites_the_law_of_the_confirmed_classification(file_report, cast):
    from netra.cases.findings import confirmed_findings

    supervisor = cast["panwas_bogor"]
    case = file_report().case
    confirm_classification(
        case, category=2, acts=["campaign_attendance"], subject_type="pns", actor=supervisor
    )
    case.refresh_from_db()
    findings = confirmed_findings(case)
    assert [finding.act for finding in findings] == ["campaign_attendance"]
    assert findings[0].norms  # the rulebook's articles for attending a campaign as a PNS
    with translation.override("id"):
        study = generate_document(supervisor, case.pk, DocumentKind.STUDY, **at(date(2024, 10, 5)))
    text = _text(study)
    assert "saran sistem dari analisis teks" not in text
    assert " ".join(findings[0].norms[0].split())[:20] in " ".join(text.split())


def test_the_receipt_of_a_jayapura_report_is_timed_in_wit(file_report, cast, regions):
    from netra.cases.models import Case
    from netra.regions.models import Region, RegionLevel

    papua = Region.objects.create(code="91", name="Papua", level=RegionLevel.PROVINCE)
    jayapura = Region.objects.create(
        code="91.71", name="Kota Jayapura", level=RegionLevel.CITY, parent=papua
    )
    case = file_report(today=date(2024, 10, 4)).case  # received 09:00 WIB
    Case.objects.filter(pk=case.pk).update(region=jayapura)
    with translation.override("id"):
        receipt = generate_document(
            cast["bawaslu_ri"], case.pk, DocumentKind.RECEIPT, **at(date(2024, 10, 4))
        )
    text = " ".join(_text(receipt).split())
    assert "11.00 WIT" in text or "11:00 WIT" in text
