"""Writing and verifying the audit chain.

Each event's hash is an HMAC-SHA-256, under NETRA_AUDIT_KEY, of its content and the previous
event's hash, so changing any stored field, or deleting a row in the middle, breaks the chain at
that point; and since the key is kept outside the database, someone who can edit the tables
cannot recompute the later hashes to hide an edit (issue #9, finding 8). Deleting the newest rows
cannot be seen from inside the table: `checkpoint()` gives a signed note of the head to keep
elsewhere, and `verify_checkpoint` checks the chain still holds it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from netra.audit.models import AuditEvent

GENESIS_HASH = "0" * 64
# Any constant works: it only has to be the same for every writer of the chain.
_POSTGRES_CHAIN_LOCK = 0x4E455452


@dataclass(frozen=True, slots=True)
class ChainBreak:
    event_id: int
    reason: str


@dataclass(frozen=True, slots=True)
class ChainReport:
    checked: int
    head: str
    breaks: tuple[ChainBreak, ...]

    @property
    def is_intact(self) -> bool:
        return not self.breaks


def _digest(
    *,
    prev_hash: str,
    at: datetime,
    actor_id: int | None,
    actor_label: str,
    action: str,
    object_type: str,
    object_id: str,
    before: object,
    after: object,
) -> str:
    payload = {
        "prev": prev_hash,
        "at": at.isoformat(timespec="microseconds"),
        "actor_id": actor_id,
        "actor": actor_label,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "before": before,
        "after": after,
    }
    return _mac(payload)


def _canonical(payload: Mapping[str, object]) -> bytes:
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _mac(payload: Mapping[str, object]) -> str:
    key: str = settings.NETRA_AUDIT_KEY
    return hmac.new(key.encode("utf-8"), _canonical(payload), hashlib.sha256).hexdigest()


def _jsonable(value: Mapping[str, object] | None) -> object:
    # Round-trip through JSON so the hash is computed over exactly what the database stores.
    if value is None:
        return None
    return json.loads(json.dumps(value, sort_keys=True, default=str))


def record(
    action: str,
    *,
    actor: Model | None,
    obj: Model | None = None,
    object_type: str = "",
    object_id: str = "",
    before: Mapping[str, object] | None = None,
    after: Mapping[str, object] | None = None,
    actor_label: str = "",
) -> AuditEvent:
    """Append one event to the chain; call it inside the transaction of the write it describes.
    `actor_label`: who acted when no user did (default "public"; "system" for what the system
    decides by itself)."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record() must run inside the transaction of the audited write")
    if connection.vendor == "postgresql":
        # Serialise writers so two transactions never chain to the same predecessor.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_POSTGRES_CHAIN_LOCK])
    last = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
    prev_hash = last or GENESIS_HASH
    at = timezone.now()
    actor_id = actor.pk if actor is not None else None
    if actor is not None:
        actor_label = str(getattr(actor, "username", actor))
    else:
        actor_label = actor_label or "public"
    before_json, after_json = _jsonable(before), _jsonable(after)
    digest = _digest(
        prev_hash=prev_hash,
        at=at,
        actor_id=actor_id,
        actor_label=actor_label,
        action=action,
        object_type=object_type,
        object_id=object_id,
        before=before_json,
        after=after_json,
    )
    return AuditEvent.objects.create(
        at=at,
        actor_id=actor_id,
        actor_label=actor_label,
        action=action,
        object_type=object_type,
        object_id=object_id,
        before=before_json,
        after=after_json,
        prev_hash=prev_hash,
        hash=digest,
    )


def _events() -> Iterator[AuditEvent]:
    return AuditEvent.objects.order_by("id").iterator(chunk_size=2000)


def verify_chain() -> ChainReport:
    """Recompute every hash and link; report each event whose content or link does not match."""
    breaks: list[ChainBreak] = []
    expected_prev = GENESIS_HASH
    checked = 0
    for event in _events():
        checked += 1
        if event.prev_hash != expected_prev:
            breaks.append(
                ChainBreak(
                    event.pk, "previous hash does not match: an earlier event was deleted or edited"
                )
            )
        recomputed = _digest(
            prev_hash=event.prev_hash,
            at=event.at,
            actor_id=event.actor_id,
            actor_label=event.actor_label,
            action=event.action,
            object_type=event.object_type,
            object_id=event.object_id,
            before=event.before,
            after=event.after,
        )
        if recomputed != event.hash:
            breaks.append(
                ChainBreak(event.pk, "content does not match its hash: the event was edited")
            )
        expected_prev = event.hash
    return ChainReport(checked=checked, head=expected_prev, breaks=tuple(breaks))


CHECKPOINT_VERSION = 1


class CheckpointError(Exception):
    """A checkpoint that is unreadable, forged, or no longer held by the chain."""


def checkpoint(*, now: datetime | None = None) -> dict[str, object]:
    """A signed note of the chain's head, to print or store outside the database.

    The `mac` is an HMAC under the audit key, so the note cannot be forged without the key, and
    `verify_checkpoint` later shows whether rows up to the head were deleted or re-chained.
    """
    head = AuditEvent.objects.order_by("-id").values_list("id", "hash").first()
    head_id, head_hash = head if head is not None else (0, GENESIS_HASH)
    note: dict[str, object] = {
        "version": CHECKPOINT_VERSION,
        "at": (now or timezone.now()).isoformat(timespec="seconds"),
        "events": AuditEvent.objects.filter(id__lte=head_id).count(),
        "head_id": head_id,
        "head_hash": head_hash,
    }
    return note | {"mac": _mac(note)}


def verify_checkpoint(note: Mapping[str, object]) -> None:
    """Raise CheckpointError saying what is wrong unless the chain still holds this checkpoint."""
    fields = {key: value for key, value in note.items() if key != "mac"}
    if set(fields) != {"version", "at", "events", "head_id", "head_hash"}:
        raise CheckpointError("the checkpoint's fields are not the ones netra writes")
    if not hmac.compare_digest(str(note.get("mac", "")), _mac(fields)):
        raise CheckpointError(
            "the checkpoint's signature does not match: it was altered or made with another key"
        )
    head_id, head_hash = note["head_id"], note["head_hash"]
    if not isinstance(head_id, int):
        raise CheckpointError("the checkpoint's head_id is not a number")
    stored = AuditEvent.objects.filter(id=head_id).values_list("hash", flat=True).first()
    if head_id and stored is None:
        raise CheckpointError(f"event #{head_id}, the checkpoint's head, was deleted")
    if head_id and stored != head_hash:
        raise CheckpointError(
            f"event #{head_id} no longer has the checkpoint's hash: the chain was rewritten"
        )
    held = AuditEvent.objects.filter(id__lte=head_id).count()
    if held != note["events"]:
        raise CheckpointError(
            f"{note['events']} events led up to the checkpoint and {held} do now: "
            "events were deleted"
        )
