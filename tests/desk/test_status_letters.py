"""The pemberitahuan status laporan is stored by itself at each public step, once per step.

A step only queues a task (rendering a PDF takes a good part of a second; intake stores no
letter at all), `netra worker` runs it: the letter is hashed, audited with no actor, tied to
its step, and a second run or the periodic sweep stores nothing more.
"""

from __future__ import annotations

import hashlib
import io
from datetime import date, timedelta

from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from netra.audit.models import AuditEvent
from netra.documents.models import GeneratedDocument
from netra.documents.services import steps_without_status_notice, store_status_notice
from netra.documents.tasks import store_missing_status_notices_task, store_status_notice_task
from netra.procedure import CaseState
from netra.public.templatetags.netra_ui import longdate
from tests.steps import TO_SANCTION, at, step, walk

DAY = date(2024, 10, 5)
LETTER = "pemberitahuan_status"


def _queued_steps() -> list[int]:
    return [
        result.args_kwargs["args"][0]
        for result in DBTaskResult.objects.filter(task_path=store_status_notice_task.module_path)
    ]


def _run_queue() -> None:
    """What `netra worker` does with the queued letters."""
    for step_id in _queued_steps():
        store_status_notice_task.call(step_id)


def test_intake_queues_no_letter(file_report):
    file_report()
    assert _queued_steps() == []


def test_each_public_step_of_a_violation_stores_its_own_letter_once(file_report, cast):
    case = walk(file_report().case, TO_SANCTION, cast=cast, day=DAY)
    public = [
        step.pk
        for step in case.transitions.order_by("at", "id")
        if step.to_state in {"registered", "decided_violation", "forwarded", "sanction_imposed"}
    ]
    assert sorted(_queued_steps()) == sorted(public)
    assert not GeneratedDocument.objects.exists()  # nothing rendered on the request path
    _run_queue()
    _run_queue()  # a task run twice stores nothing more
    letters = GeneratedDocument.objects.filter(case=case, kind=LETTER).order_by("transition_id")
    assert [letter.transition_id for letter in letters] == sorted(public)
    for letter in letters:
        data = letter.file.read()
        assert hashlib.sha256(data).hexdigest() == letter.sha256
        assert letter.created_by is None
        assert letter.names_reporter
        label = CaseState(letter.transition.to_state).label_id
        assert label in letter.title
        text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
        assert "PEMBERITAHUAN STATUS LAPORAN" in text
        assert "5 Oktober 2024" in text
    audited = AuditEvent.objects.filter(action="document.generate", actor=None)
    assert sorted(event.after["step"] for event in audited) == sorted(public)
    assert steps_without_status_notice() == []


def test_a_letter_stored_after_the_case_moved_on_keeps_its_steps_deadline(file_report, cast):
    case = walk(file_report().case, TO_SANCTION[:1], cast=cast, day=DAY)
    step(
        case,
        CaseState.NEEDS_COMPLETION,
        cast["panwas_bogor"],
        DAY,
        completion_due_on=DAY + timedelta(days=3),
    )
    asked = case.transitions.get(to_state=CaseState.NEEDS_COMPLETION.value)
    assert asked.deadline_on is not None
    step(case, CaseState.INITIAL_INFORMATION, cast["panwas_bogor"], DAY, reason="Ditarik.")
    _run_queue()  # the worker comes after the case moved on
    letter = GeneratedDocument.objects.get(case=case, kind=LETTER, transition=asked)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(letter.file.read())).pages)
    assert CaseState.NEEDS_COMPLETION.label_id in text
    assert f"paling lambat {longdate(asked.deadline_on)}" in " ".join(text.split())


def test_the_sweep_stores_letters_of_steps_whose_task_was_lost(file_report, cast):
    case = walk(file_report().case, TO_SANCTION[:2], cast=cast, day=DAY)
    DBTaskResult.objects.all().delete()  # e.g. steps from before the letters were stored
    assert len(steps_without_status_notice()) == 1
    assert store_missing_status_notices_task.call() == {"stored": 1}
    assert store_missing_status_notices_task.call() == {"stored": 0}
    assert GeneratedDocument.objects.filter(case=case, kind=LETTER).count() == 1


def test_a_step_that_is_not_public_stores_nothing(file_report, cast):
    case = walk(file_report().case, TO_SANCTION[:1], cast=cast, day=DAY)
    step = case.transitions.get(to_state=CaseState.FORMAL_MATERIAL_CHECK.value)
    assert store_status_notice(step.pk, **{"now": at(DAY)["now"]}) is None
    assert not GeneratedDocument.objects.exists()


def test_a_letter_stored_after_the_case_moved_on_leaves_the_audit_check_intact(file_report, cast):
    """The letter's audit event carried the step's state as "state", which `netra audit verify`
    read as the case's last snapshot: every case the worker wrote a letter for after it moved on
    was reported "changed without an audit event: state" (94 on the demo; found in the qa-2
    walk-through)."""
    from netra.cases.integrity import unaudited_changes

    case = walk(file_report().case, TO_SANCTION[:2], cast=cast, day=DAY)  # to registered
    step(case, CaseState.CLARIFICATION_STUDY, cast["panwas_bogor"], DAY)
    _run_queue()  # the registered step's letter, stored after the case moved on
    registered = case.transitions.get(to_state=CaseState.REGISTERED.value)
    assert GeneratedDocument.objects.filter(case=case, kind=LETTER, transition=registered).exists()
    assert unaudited_changes() == []
