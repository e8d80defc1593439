"""The reporter's side: a tracking code people can type, and the completion loop."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from netra.audit.models import AuditEvent
from netra.cases.evidence import EvidenceRejectedError
from netra.cases.models import Case, CaseTransition, Evidence, Report
from netra.cases.selectors import public_status, report_by_tracking_code
from netra.cases.services import (
    CaseInputError,
    CompletionClosedError,
    CompletionData,
    complete_report,
    move_case,
    new_upload,
)
from netra.cases.tracking import (
    ALPHABET,
    ENTROPY_BITS,
    canonical_tracking_code,
    new_tracking_code,
)
from netra.procedure import CaseState
from tests.conftest import JAKARTA
from tests.web_ui.conftest import PNG


def at(day: date) -> dict[str, Any]:
    return {"now": datetime(day.year, day.month, day.day, 10, 0, tzinfo=JAKARTA), "today": day}


def ask_for_completion(case: Case, actor: Any, day: date, **extra: Any) -> Case:
    move_case(case, target=CaseState.FORMAL_MATERIAL_CHECK, actor=actor, payload={}, **at(day))
    move_case(
        case,
        target=CaseState.NEEDS_COMPLETION,
        actor=actor,
        payload={"missing_items": "Sebutkan nama camat dan kirim foto unggahannya.", **extra},
        **at(day),
    )
    case.refresh_from_db()
    return case


# Tracking codes.


def test_a_new_code_is_three_groups_of_five_crockford_symbols_with_at_least_64_bits():
    code = new_tracking_code()
    groups = code.split("-")
    assert [len(group) for group in groups] == [5, 5, 5]
    assert all(symbol in ALPHABET for symbol in "".join(groups))
    assert not set("ILOU") & set(code)
    assert ENTROPY_BITS >= 64


def test_codes_do_not_repeat():
    assert len({new_tracking_code() for _ in range(2000)}) == 2000


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("7K3MQ-9XD2P-FAB4R", "7K3MQ-9XD2P-FAB4R"),
        ("7k3mq9xd2pfab4r", "7K3MQ-9XD2P-FAB4R"),
        (" 7k3mq 9xd2p fab4r ", "7K3MQ-9XD2P-FAB4R"),
        ("7K3MQ-9XD2P-FABOR", "7K3MQ-9XD2P-FAB0R"),  # O read as zero
        ("7K3MQ-9XDIP-FABLR", "7K3MQ-9XD1P-FAB1R"),  # I and L read as one
    ],
)
def test_a_typed_code_is_read_forgivingly(typed, expected):
    assert canonical_tracking_code(typed) == expected


@pytest.mark.parametrize("typed", ["7K3MQ-9XD2P-FAB4", "7K3MQ-9XD2P-FAB4RR", "7K3MQ-9XD2P-FAB4U"])
def test_a_typed_code_of_the_wrong_length_or_with_u_is_not_a_code(typed):
    assert canonical_tracking_code(typed) is None


def test_the_report_is_found_by_its_code_typed_in_lower_case_without_dashes(file_report):
    report = file_report()
    typed = report.tracking_code.replace("-", " ").lower()
    assert report_by_tracking_code(typed) == report


def test_a_code_of_the_old_scheme_still_finds_its_report(file_report):
    report = file_report()
    old = "aB3_xY9-lO0Q1rT5uV7wZ2kM"  # 24 URL-safe characters, as issued before
    Report.objects.filter(pk=report.pk).update(tracking_code=old)
    assert report_by_tracking_code(old) == report
    assert report_by_tracking_code(old.lower()) is None  # old codes stay case-sensitive


# The completion loop.


def test_the_tracking_page_shows_the_request_and_the_day_to_answer_by(file_report, cast):
    report = file_report()
    ask_for_completion(
        report.case, cast["panwas_bogor"], date(2024, 10, 4), completion_due_on="2024-10-07"
    )
    status = public_status(report.tracking_code, now=at(date(2024, 10, 5))["now"])
    assert status is not None
    assert status.state == "needs_completion"
    assert status.completion_request == "Sebutkan nama camat dan kirim foto unggahannya."
    assert status.deadline_on == date(2024, 10, 7)
    assert status.can_complete


def test_the_reporters_answer_adds_evidence_and_returns_the_case_to_kajian(file_report, cast):
    report = file_report()
    case = ask_for_completion(
        report.case, cast["panwas_bogor"], date(2024, 10, 4), completion_due_on="2024-10-07"
    )
    step = complete_report(
        report,
        data=CompletionData(
            note="Nama camat: Budi Santoso. Foto terlampir.",
            links=("https://example.org/post/1",),
            files=(new_upload("bukti.png", PNG),),
        ),
        **at(date(2024, 10, 6)),
    )
    case.refresh_from_db()
    assert case.state == CaseState.FORMAL_MATERIAL_CHECK
    assert step.actor is None
    assert step.actor_role == "public"
    assert step.payload["completion_note"] == "Nama camat: Budi Santoso. Foto terlampir."
    kinds = sorted(Evidence.objects.filter(case=case).values_list("kind", flat=True))
    assert kinds == ["file", "link"]
    assert AuditEvent.objects.filter(action="case.complete_report", object_id=str(case.pk)).exists()


def test_an_answer_after_the_day_to_answer_by_is_refused_and_changes_nothing(file_report, cast):
    report = file_report()
    case = ask_for_completion(
        report.case, cast["panwas_bogor"], date(2024, 10, 4), completion_due_on="2024-10-07"
    )
    with pytest.raises(CompletionClosedError, match="ended on 2024-10-07"):
        complete_report(
            report, data=CompletionData(note="Terlambat menjawab."), **at(date(2024, 10, 8))
        )
    case.refresh_from_db()
    assert case.state == CaseState.NEEDS_COMPLETION
    status = public_status(report.tracking_code, now=at(date(2024, 10, 8))["now"])
    assert status is not None
    assert not status.can_complete


def test_a_report_not_waiting_for_the_reporter_cannot_be_completed(file_report):
    report = file_report()
    with pytest.raises(CompletionClosedError, match="not waiting"):
        complete_report(report, data=CompletionData(note="Tambahan info."), **at(date(2024, 10, 5)))


def test_an_answer_with_a_fake_photo_is_refused_like_on_the_report_form(file_report, cast):
    report = file_report()
    case = ask_for_completion(report.case, cast["panwas_bogor"], date(2024, 10, 4))
    with pytest.raises(EvidenceRejectedError):
        complete_report(
            report,
            data=CompletionData(
                note="Foto terlampir.", files=(new_upload("foto.jpg", b"not a picture"),)
            ),
            **at(date(2024, 10, 5)),
        )
    case.refresh_from_db()
    assert case.state == CaseState.NEEDS_COMPLETION
    assert not Evidence.objects.filter(case=case, kind="file").exists()


def test_a_day_to_answer_by_in_the_past_is_refused_naming_the_field(file_report, cast):
    report = file_report()
    with pytest.raises(CaseInputError) as raised:
        ask_for_completion(
            report.case, cast["panwas_bogor"], date(2024, 10, 4), completion_due_on="2024-10-03"
        )
    assert raised.value.details["field"] == "payload.completion_due_on"
    assert CaseTransition.objects.filter(case=report.case, to_state="needs_completion").count() == 0
