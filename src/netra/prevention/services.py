"""Writes of the prevention register: declare, hold a meeting, send imbauan (each audited)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date, datetime

from django.db import IntegrityError, transaction

from netra.accounts.models import User
from netra.audit.services import record
from netra.cases.scope import can_act_on
from netra.errors import NetraError
from netra.prevention.models import Declaration, ImbauanBatch, Meeting, MeetingKind
from netra.regions.models import Agency, Region


class PreventionError(NetraError):
    """A prevention record cannot be made; the message says why."""

    code = "prevention_invalid"


class OutOfScopeError(NetraError):
    """The region lies outside the user's scope (shown as 404)."""

    code = "not_found"


def _ensure_scope(actor: User, region: Region) -> None:
    if not can_act_on(actor, region):
        raise OutOfScopeError("region not found")


@transaction.atomic
def record_declaration(
    region: Region,
    *,
    actor: User,
    agency: Agency | None,
    signed_by: str,
    signed_on: date,
    points: Sequence[str],
    document_reference: str,
    now: datetime,
) -> Declaration:
    """Register a signed declaration of `region` (or of one of its agencies)."""
    _ensure_scope(actor, region)
    lines = [point.strip() for point in points if point.strip()]
    if not lines:
        raise PreventionError("a declaration needs at least one point")
    if not signed_by.strip():
        raise PreventionError("a declaration needs the name of who signed it")
    if signed_on > now.date():
        raise PreventionError(f"signed_on {signed_on.isoformat()} is in the future")
    if agency is not None and (agency.region is None or not region.covers(agency.region)):
        raise PreventionError(f"agency {agency.code!r} is not an agency of {region.name}")
    try:
        with transaction.atomic():
            declaration = Declaration.objects.create(
                region=region,
                agency=agency,
                signed_by=signed_by.strip(),
                signed_on=signed_on,
                points="\n".join(lines),
                document_reference=document_reference.strip(),
                recorded_by=actor,
                recorded_at=now,
            )
    except IntegrityError:
        who = agency.name if agency else region.name
        raise PreventionError(f"{who} has already declared") from None
    record(
        "prevention.declaration_recorded",
        actor=actor,
        obj=declaration,
        after={"region": region.code, "agency": agency.code if agency else None},
    )
    return declaration


@transaction.atomic
def record_meeting(
    region: Region,
    *,
    actor: User,
    kind: str,
    held_on: date,
    place: str,
    organiser: str,
    audience: str,
    attendees: int,
    agencies: Sequence[Agency],
    materials: str,
    now: datetime,
) -> Meeting:
    """Register a socialisation or mapping meeting held in `region`."""
    _ensure_scope(actor, region)
    if kind not in MeetingKind.values:
        raise PreventionError(f"unknown meeting kind {kind!r}: use socialisation or mapping")
    if attendees < 1:
        raise PreventionError("a meeting has at least one attendee")
    if held_on > now.date():
        raise PreventionError(f"held_on {held_on.isoformat()} is in the future")
    meeting = Meeting.objects.create(
        region=region,
        kind=kind,
        held_on=held_on,
        place=place.strip(),
        organiser=organiser.strip(),
        audience=audience.strip(),
        attendees=attendees,
        materials=materials.strip(),
        recorded_by=actor,
        recorded_at=now,
    )
    meeting.agencies.set(agencies)
    record(
        "prevention.meeting_recorded",
        actor=actor,
        obj=meeting,
        after={"region": region.code, "kind": kind, "held_on": held_on.isoformat()},
    )
    return meeting


@transaction.atomic
def record_imbauan(
    region: Region,
    *,
    actor: User,
    letter_number: str,
    sent_on: date,
    agency_count: int,
    report_url: str,
    tipline: str,
    pdf: bytes,
    now: datetime,
) -> ImbauanBatch:
    """Record that the imbauan letters in `pdf` went to `agency_count` agencies of `region`."""
    _ensure_scope(actor, region)
    if agency_count < 1:
        raise PreventionError(f"{region.name} has no agencies to send the imbauan to")
    if not letter_number.strip():
        raise PreventionError("the imbauan needs a letter number")
    batch = ImbauanBatch.objects.create(
        region=region,
        letter_number=letter_number.strip(),
        sent_on=sent_on,
        agency_count=agency_count,
        report_url=report_url,
        tipline=tipline.strip(),
        sha256=hashlib.sha256(pdf).hexdigest(),
        recorded_by=actor,
        recorded_at=now,
    )
    record(
        "prevention.imbauan_sent",
        actor=actor,
        obj=batch,
        after={"region": region.code, "agencies": agency_count, "sha256": batch.sha256},
    )
    return batch
