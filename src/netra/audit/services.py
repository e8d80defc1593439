"""Writing and verifying the audit chain.

Each event's hash covers its content and the previous event's hash, so changing any stored
field, or deleting a row in the middle, breaks the chain at that point. Deleting the newest rows
cannot be seen from inside the table: compare the head hash printed by `netra audit verify` with a
copy kept elsewhere for that.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime

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
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


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
) -> AuditEvent:
    """Append one event to the chain; call it inside the transaction of the write it describes."""
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
    actor_label = str(getattr(actor, "username", actor)) if actor is not None else "public"
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
