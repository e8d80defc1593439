"""The audit trail is append-only and its hash chain exposes edited or deleted events."""

from __future__ import annotations

import pytest
from django.db import connection, transaction

from netra.audit.models import AuditAppendOnlyError, AuditEvent
from netra.audit.services import record, verify_chain


def _three_events() -> list[AuditEvent]:
    with transaction.atomic():
        return [
            record(f"test.step{n}", actor=None, object_type="x", object_id=str(n), after={"n": n})
            for n in range(3)
        ]


def _raw(sql: str, params: list[object]) -> None:
    # Tampering goes around the ORM, as an attacker with database access would.
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.django_db
def test_an_untouched_chain_verifies():
    events = _three_events()
    report = verify_chain()
    assert report.is_intact
    assert report.checked == 3
    assert report.head == events[-1].hash
    assert events[1].prev_hash == events[0].hash


@pytest.mark.django_db
def test_an_edited_event_is_named_by_verification():
    events = _three_events()
    _raw("UPDATE audit_auditevent SET after = %s WHERE id = %s", ['{"n": 99}', events[1].pk])
    report = verify_chain()
    assert not report.is_intact
    assert [b.event_id for b in report.breaks] == [events[1].pk]


@pytest.mark.django_db
def test_a_deleted_event_breaks_the_link_of_the_next_one():
    events = _three_events()
    _raw("DELETE FROM audit_auditevent WHERE id = %s", [events[1].pk])
    report = verify_chain()
    assert [b.event_id for b in report.breaks] == [events[2].pk]
    assert "deleted" in report.breaks[0].reason


@pytest.mark.django_db
def test_the_orm_offers_no_way_to_change_or_delete_events():
    event = _three_events()[0]
    event.action = "rewritten"
    with pytest.raises(AuditAppendOnlyError):
        event.save()
    with pytest.raises(AuditAppendOnlyError):
        event.delete()
    with pytest.raises(AuditAppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="x")
    with pytest.raises(AuditAppendOnlyError):
        AuditEvent.objects.all().delete()


@pytest.mark.django_db(transaction=True)
def test_recording_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError):
        record("test.loose", actor=None, object_type="x", object_id="1")
