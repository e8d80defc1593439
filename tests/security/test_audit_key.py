"""Finding 8 of issue #9: a keyed audit chain, checkpoints, and edits around the services.

The attacker here can run SQL on the database but does not hold NETRA_AUDIT_KEY.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from netra.audit.models import AuditEvent
from netra.audit.services import (
    CheckpointError,
    checkpoint,
    record,
    verify_chain,
    verify_checkpoint,
)
from netra.cases.integrity import unaudited_changes

pytestmark = pytest.mark.django_db


def _events(count: int = 4) -> list[AuditEvent]:
    with transaction.atomic():
        return [
            record(f"test.step{n}", actor=None, object_type="x", object_id=str(n), after={"n": n})
            for n in range(count)
        ]


def _raw(sql: str, params: list[object]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _unkeyed_rechain(after_edit: dict[str, int], event_id: int) -> None:
    """The attack that passed before: edit a row and recompute every later hash with SHA-256."""
    _raw("UPDATE audit_auditevent SET after = %s WHERE id = %s", [json.dumps(after_edit), event_id])
    prev = AuditEvent.objects.filter(id__lt=event_id).order_by("-id").first()
    prev_hash = prev.hash if prev else "0" * 64
    for event in AuditEvent.objects.filter(id__gte=event_id).order_by("id"):
        payload = {
            "prev": prev_hash,
            "at": event.at.isoformat(timespec="microseconds"),
            "actor_id": event.actor_id,
            "actor": event.actor_label,
            "action": event.action,
            "object_type": event.object_type,
            "object_id": event.object_id,
            "before": event.before,
            "after": event.after,
        }
        canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        digest = hashlib.sha256(canonical.encode()).hexdigest()
        _raw(
            "UPDATE audit_auditevent SET prev_hash = %s, hash = %s WHERE id = %s",
            [prev_hash, digest, event.pk],
        )
        prev_hash = digest


def test_a_row_edited_and_re_chained_without_the_key_is_caught():
    events = _events()
    assert verify_chain().is_intact
    _unkeyed_rechain({"n": 99}, events[1].pk)
    report = verify_chain()
    assert not report.is_intact
    assert {b.event_id for b in report.breaks} >= {events[1].pk}


def test_a_chain_written_under_another_key_does_not_verify(settings):
    _events()
    settings.NETRA_AUDIT_KEY = "another-key-of-at-least-thirty-two-characters-long"
    assert not verify_chain().is_intact


def test_a_checkpoint_catches_the_newest_events_being_deleted():
    events = _events()
    note = checkpoint()
    verify_checkpoint(note)
    _raw("DELETE FROM audit_auditevent WHERE id = %s", [events[-1].pk])
    assert verify_chain().is_intact  # invisible from inside the table ...
    with pytest.raises(CheckpointError, match="deleted"):
        verify_checkpoint(note)  # ... but not against the checkpoint kept outside


def test_a_checkpoint_catches_a_re_chained_head():
    events = _events()
    note = checkpoint()
    _unkeyed_rechain({"n": 7}, events[0].pk)
    with pytest.raises(CheckpointError, match="rewritten"):
        verify_checkpoint(note)


def test_a_forged_checkpoint_is_refused():
    _events()
    note = checkpoint() | {"events": 1}
    with pytest.raises(CheckpointError, match="signature"):
        verify_checkpoint(note)


def test_a_case_changed_by_sql_is_named(file_report):
    case = file_report().case
    assert unaudited_changes() == []
    _raw("UPDATE cases_case SET state = %s WHERE id = %s", ["closed", case.pk])
    [change] = unaudited_changes()
    assert (change.case_id, change.fields) == (case.pk, ("state",))


def test_netra_audit_verify_exits_1_on_a_re_chained_edit(file_report, tmp_path):
    from typer.testing import CliRunner

    from netra.cli import app

    file_report()
    runner = CliRunner()
    saved = tmp_path / "checkpoint.json"
    made = runner.invoke(app, ["audit", "checkpoint", "--output", str(saved)])
    assert made.exit_code == 0, made.output
    ok = runner.invoke(app, ["audit", "verify", "--checkpoint", str(saved)])
    assert ok.exit_code == 0, ok.output
    first = AuditEvent.objects.order_by("id").first()
    assert first is not None
    _unkeyed_rechain({"tampered": 1}, first.pk)
    broken = runner.invoke(app, ["audit", "verify", "--checkpoint", str(saved)])
    assert broken.exit_code == 1
    assert "BROKEN" in broken.output


def test_a_role_change_in_the_admin_reaches_the_chain(cast: dict[str, Any], regions):
    from netra.accounts.services import create_staff

    admin = create_staff("root", role="admin", region=None, actor=None, site_admin=True)
    viewer = cast["viewer_bogor"]
    client = Client()
    client.force_login(admin)
    response = client.post(
        reverse("admin:accounts_user_change", args=[viewer.pk]),
        {
            "username": viewer.username,
            "role": "bawaslu_kabkota",
            "region": regions["bogor"].pk,
            "is_active": "on",
            "date_joined_0": "2024-01-01",
            "date_joined_1": "00:00:00",
            "initial-date_joined_0": "2024-01-01",
            "initial-date_joined_1": "00:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.filter(action="user.change").get()
    assert event.before["role"] == "viewer"
    assert event.after["role"] == "bawaslu_kabkota"
    assert event.actor_label == "root"
    assert verify_chain().is_intact


def test_an_account_given_rights_by_sql_is_named(cast):
    from netra.cases.integrity import unaudited_account_changes

    assert unaudited_account_changes() == []
    viewer = cast["viewer_bogor"]
    _raw(
        "UPDATE accounts_user SET role = %s, is_superuser = %s WHERE id = %s",
        ["bawaslu_ri", True, viewer.pk],
    )
    [change] = unaudited_account_changes()
    assert change.username == "viewer_bogor"
    assert set(change.fields) == {"role", "is_superuser"}


def _rechain() -> None:
    """Run the upgrade's data step with the historical models, as `migrate` does."""
    import importlib

    from django.db.migrations.executor import MigrationExecutor

    migration = importlib.import_module("netra.audit.migrations.0002_keyed_chain")
    state = MigrationExecutor(connection).loader.project_state(("audit", "0001_initial"))
    migration.rechain(state.apps, None)


def test_the_upgrade_re_keys_an_intact_unkeyed_chain():
    events = _events()
    _unkeyed_rechain({"n": 0}, events[0].pk)  # the whole chain as the old release wrote it
    assert not verify_chain().is_intact
    _rechain()
    assert verify_chain().is_intact


def test_the_upgrade_stops_on_a_chain_that_was_already_broken():
    events = _events()
    _unkeyed_rechain({"n": 0}, events[0].pk)
    _raw("UPDATE audit_auditevent SET after = %s WHERE id = %s", ['{"n": 5}', events[2].pk])
    with pytest.raises(RuntimeError, match=f"audit event #{events[2].pk}"):
        _rechain()
