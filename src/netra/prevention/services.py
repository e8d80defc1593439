"""Writes of the prevention register: declare, hold a meeting, send imbauan (each audited)."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from datetime import date, datetime

from django.core.files import File
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext_noop

from netra.accounts.models import User
from netra.audit.services import record
from netra.cases.evidence import SNIFF_BYTES, sniff
from netra.cases.scope import can_act_on, is_staff_role
from netra.cases.services import PreparedUpload, prepare_upload
from netra.errors import NetraError
from netra.notifications import texts
from netra.notifications.services import notify_staff
from netra.prevention.models import (
    Declaration,
    ImbauanBatch,
    Meeting,
    MeetingKind,
    StageReminder,
)
from netra.prevention.reminders import Reminder, reminders_on, window_start
from netra.regions.models import Agency, Region, RegionLevel
from netra.rulebook import Rulebook

# A signed declaration is a scan or a photo of paper: the evidence checks, these types only.
DOCUMENT_TYPES = frozenset({"application/pdf", "image/jpeg", "image/png", "image/webp"})


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
    document: File | None = None,  # type: ignore[type-arg]
) -> Declaration:
    """Register a signed declaration of `region` (or of one of its agencies), with its scan."""
    _ensure_scope(actor, region)
    prepared = _prepare_document(document) if document is not None else None
    lines = [point.strip() for point in points if point.strip()]
    if not lines:
        raise PreventionError("a declaration needs at least one point")
    if not signed_by.strip():
        raise PreventionError("a declaration needs the name of who signed it")
    if signed_on > now.date():
        raise PreventionError(
            "the signing date %(date)s is in the future", date=signed_on.isoformat()
        )
    if agency is not None and (agency.region is None or not region.covers(agency.region)):
        raise PreventionError(
            "%(agency)s is not an agency of %(region)s", agency=agency.name, region=region.name
        )
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
        raise PreventionError("%(who)s has already declared", who=who) from None
    if prepared is not None:
        _store_document(declaration, prepared)
    record(
        "prevention.declaration_recorded",
        actor=actor,
        obj=declaration,
        after={
            "region": region.code,
            "agency": agency.code if agency else None,
            "document_sha256": declaration.document_sha256 or None,
        },
    )
    return declaration


@transaction.atomic
def attach_declaration_document(
    declaration: Declaration,
    *,
    actor: User,
    document: File,  # type: ignore[type-arg]
    now: datetime,
) -> Declaration:
    """Add the signed scan to a declaration recorded without one (a stored scan is kept)."""
    _ensure_scope(actor, declaration.region)
    # Locked: two uploads at once store one scan, and the second is refused.
    declaration = Declaration.objects.select_for_update().get(pk=declaration.pk)
    if declaration.document:
        raise PreventionError(
            "the declaration already has its signed document (SHA-256 %(sha256)s...): "
            "it is kept as first stored",
            sha256=declaration.document_sha256[:12],
        )
    _store_document(declaration, _prepare_document(document))
    record(
        "prevention.declaration_document_attached",
        actor=actor,
        obj=declaration,
        after={"document_sha256": declaration.document_sha256, "at": now.isoformat()},
    )
    return declaration


def _prepare_document(document: File) -> PreparedUpload:  # type: ignore[type-arg]
    """PDF or image by its first bytes, then the evidence checks (size, parses, hashed)."""
    document.seek(0)
    sniffed = sniff(document.read(SNIFF_BYTES))
    if sniffed is not None and sniffed.media_type not in DOCUMENT_TYPES:
        name = (document.name or "document").rsplit("/", 1)[-1]
        raise PreventionError(
            "file %(name)r is %(type)s: a signed declaration is a PDF or an image "
            "(JPEG, PNG, WebP)",
            field="document",
            name=name,
            type=sniffed.extension.upper(),
        )
    # A refusal of the evidence checks (too large, does not decode) is theirs, translated there.
    return prepare_upload(document)


def _store_document(declaration: Declaration, prepared: PreparedUpload) -> None:
    declaration.document_sha256 = prepared.sha256
    declaration.document_media_type = prepared.sniffed.media_type
    declaration.document_name = prepared.name
    # Stored under a random name with the sniffed extension, never the uploader's.
    stored_name = f"{secrets.token_hex(16)}.{prepared.sniffed.extension}"
    declaration.document.save(stored_name, prepared.upload, save=False)
    declaration.save(
        update_fields=["document", "document_sha256", "document_media_type", "document_name"]
    )


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
        raise PreventionError(
            "unknown meeting kind %(kind)r: use socialisation or mapping", kind=kind
        )
    if attendees < 1:
        raise PreventionError("a meeting has at least one attendee")
    if held_on > now.date():
        raise PreventionError(
            "the meeting date %(date)s is in the future", date=held_on.isoformat()
        )
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
        raise PreventionError(
            "%(region)s has no agencies to send the imbauan to", region=region.name
        )
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


def send_stage_reminders(
    rulebook: Rulebook, *, election: str, today: date, now: datetime
) -> list[StageReminder]:
    """E-mail (through the outbox) and desk-notify the staff of each kabupaten/kota that has not
    sent its imbauan, 7 days before penetapan and before the campaign; each reminder once."""
    reminders = reminders_on(rulebook, election, today)
    if not reminders:
        return []
    staff = (
        User.objects.filter(is_active=True, region__isnull=False)
        .exclude(region__level=RegionLevel.PROVINCE)
        .select_related("region")
        .order_by("region__code", "pk")
    )
    sent = []
    for reminder in reminders:
        answered = set(
            ImbauanBatch.objects.filter(sent_on__gte=window_start(reminder)).values_list(
                "region_id", flat=True
            )
        )
        already = set(
            StageReminder.objects.filter(
                election=election, stage=reminder.stage, starts_on=reminder.starts_on
            ).values_list("user_id", flat=True)
        )
        for user in staff:
            region = user.region
            if region is None or not is_staff_role(user):
                continue
            if region.pk in answered or user.pk in already:
                continue
            sent.append(_remind(user, region, reminder, election=election, now=now))
    return sent


@transaction.atomic
def _remind(
    user: User, region: Region, reminder: Reminder, *, election: str, now: datetime
) -> StageReminder:
    stage = texts.either(reminder.stage_label, reminder.stage_label_en)
    when = (
        texts.message(gettext_noop("today"))
        if reminder.days_left == 0
        else texts.message(gettext_noop("in %(days)s days"), days=reminder.days_left)
    )
    subject = texts.message(
        gettext_noop("Send the neutrality imbauan now: %(stage)s %(when)s"), stage=stage, when=when
    )
    lines = [
        texts.message(
            gettext_noop("%(stage)s starts on %(starts_on)s (%(when)s)."),
            stage=stage,
            starts_on=reminder.starts_on,
            when=when,
        ),
        texts.message(
            gettext_noop(
                "%(region)s has not sent the ASN neutrality imbauan to its agencies since "
                "%(since)s."
            ),
            region=region.name,
            since=window_start(reminder),
        ),
        texts.message(
            gettext_noop("Write the imbauan letter for every agency in Netra: %(page)s"),
            page=reverse("prevention:region", args=[region.code]),
        ),
    ]
    notify_staff(
        user,
        content=texts.content(subject, lines),
        kind=f"prevention.reminder.{reminder.stage}",
        case_id=None,
        now=now,
    )
    return StageReminder.objects.create(
        user=user,
        region=region,
        election=election,
        stage=reminder.stage,
        starts_on=reminder.starts_on,
        sent_at=now,
    )
