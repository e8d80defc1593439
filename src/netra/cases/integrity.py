"""Finding rows changed around the services: by SQL, a database tool or a restored backup.

Every service that writes a case records the case's audited fields (`case_snapshot`) in the keyed
audit chain, and every account change (the services and the admin) records the role and scope. A
case or an account whose current fields differ from its last recorded values was changed without
an audit event; `netra audit verify` names it (issue #9, finding 8).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from netra.accounts.models import User
from netra.accounts.services import access_of
from netra.audit.models import AuditEvent
from netra.cases.models import Case
from netra.cases.services import case_snapshot

CASE_TYPE = "cases.case"
# The keys every case snapshot has (`case_snapshot`); events without them are not snapshots.
SNAPSHOT_KEYS = frozenset({"number", "state"})


@dataclass(frozen=True, slots=True)
class UnauditedChange:
    case_id: int
    number: str
    fields: tuple[str, ...]  # the audited fields whose value differs from the last event


def _jsonable(value: object) -> object:
    return json.loads(json.dumps(value, sort_keys=True, default=str))


def unaudited_changes() -> list[UnauditedChange]:
    """Every case whose audited fields differ from the snapshot in its latest audit event."""
    events = AuditEvent.objects.filter(object_type=CASE_TYPE).order_by("id")
    rows = events.values_list("object_id", "after").iterator(chunk_size=5000)
    # The later event of a case overwrites the earlier one: the last snapshot wins. Only a
    # snapshot counts: other events about a case carry their own fields (a letter's event names
    # the state of the step it reports, which need not be the case's state by then).
    last: dict[str, dict[str, object]] = {
        object_id: after
        for object_id, after in rows
        if isinstance(after, dict) and after.keys() >= SNAPSHOT_KEYS
    }
    changes: list[UnauditedChange] = []
    cases = Case.objects.select_related("assigned_to", "kecamatan").order_by("id")
    for case in cases.iterator(chunk_size=2000):
        recorded = last.get(str(case.pk))
        current = _jsonable(case_snapshot(case))
        assert isinstance(current, dict)  # noqa: S101 -- a snapshot is a dict
        if recorded is None:
            changes.append(UnauditedChange(case.pk, case.number, ("(no audit event)",)))
            continue
        differ = tuple(
            name for name, value in current.items() if name in recorded and recorded[name] != value
        )
        if differ:
            changes.append(UnauditedChange(case.pk, case.number, differ))
    return changes


USER_TYPE = "accounts.user"


@dataclass(frozen=True, slots=True)
class UnauditedAccount:
    user_id: int
    username: str
    fields: tuple[str, ...]


def unaudited_account_changes() -> list[UnauditedAccount]:
    """Every account whose role, scope or rights differ from what its last audit event recorded."""
    events = AuditEvent.objects.filter(object_type=USER_TYPE).order_by("id")
    rows = events.values_list("object_id", "after").iterator(chunk_size=5000)
    last: dict[str, dict[str, object]] = {
        object_id: after for object_id, after in rows if isinstance(after, dict) and "role" in after
    }
    changes: list[UnauditedAccount] = []
    for user in (
        User.objects.select_related("region", "kecamatan").order_by("id").iterator(chunk_size=2000)
    ):
        recorded = last.get(str(user.pk))
        if recorded is None:
            changes.append(UnauditedAccount(user.pk, user.username, ("(no audit event)",)))
            continue
        current = access_of(user)
        differ = tuple(
            name for name, value in current.items() if name in recorded and recorded[name] != value
        )
        if differ:
            changes.append(UnauditedAccount(user.pk, user.username, differ))
    return changes
