"""Writes on cases: one function per procedural act, atomic, with the actor and an audit event.

Callers (the API, the CLI) parse and validate input shape; these functions enforce the procedure
(netra.procedure), the region scope and the data invariants, and raise NetraError subclasses that
name the bad part.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext

from netra.accounts.models import User
from netra.audit.services import record
from netra.cases import clock, notices
from netra.cases.evidence import (
    ACCEPTED_DESCRIPTION,
    EXTENSIONS,
    REDACTABLE_TYPES,
    SNIFF_BYTES,
    EvidenceRejectedError,
    Sniffed,
    inspect,
    sniff,
)
from netra.cases.models import (
    AnalyzerSuggestion,
    Case,
    CaseLink,
    CaseTransition,
    Election,
    Evidence,
    EvidenceKind,
    Finding,
    LinkKind,
    Origin,
    Party,
    Regime,
    Report,
    ReporterKind,
    SupervisorLabel,
)
from netra.cases.permissions import Action, ensure_allowed, takes_steps
from netra.cases.policy import procedure_policy
from netra.cases.scope import (
    can_act_on_case,
    covers,
    ensure_case_in_scope,
    ensure_in_scope,
    lacks_kecamatan,
)
from netra.cases.tracking import new_tracking_code
from netra.errors import NetraError
from netra.procedure.reopening import check_reopening
from netra.procedure.roles import Role
from netra.procedure.states import (
    CaseState,
    ForwardRecipient,
    recipient_for,
    refused_recipient,
)
from netra.procedure.transitions import (
    FORWARDING_WARNING,
    FieldKind,
    check_opening,
    check_transition,
    forwarding_warning,
    forwarding_warning_values,
    transition_between,
)
from netra.regions.models import Agency, AgencyKind, Region
from netra.regions.zones import today_in
from netra.rulebook import load_rulebook

logger = logging.getLogger(__name__)

# UU 5/2014 (Aparatur Sipil Negara), the first law behind the neutrality rules Netra applies,
# was enacted on 15 Jan 2014; no case Netra handles happened before 2014.
EARLIEST_INCIDENT_ON = date(2014, 1, 1)
RECAP_CATEGORIES = range(1, 11)  # Bawaslu's ten recap categories (Rakornas, 17 Sep 2024)


class CaseInputError(NetraError):
    """A field of a report, finding or case change is wrong; `details["field"]` names it."""

    code = "case_input_invalid"


class OutOfScopeError(NetraError):
    """The actor's region scope does not cover the case or the region named."""

    code = "out_of_scope"


@dataclass(frozen=True, slots=True)
class ReporterData:
    """The confidential identity UU 10/2016 Pasal 134(3) and UU 7/2017 Pasal 454(4) require."""

    kind: ReporterKind
    name: str
    address: str
    contact: str = ""
    notify: bool = True  # send the receipt and status notices to `contact`


@dataclass(frozen=True, slots=True)
class PartyData:
    """A terlapor as typed by the reporter or staff."""

    name: str
    nip: str = ""
    subject_type: str = "unknown"
    position: str = ""
    agency: str = ""
    region: Region | None = None


@dataclass(frozen=True, slots=True)
class IncidentData:
    """What happened, when and where: the material content of a report or finding."""

    election: Election
    region: Region
    incident_on: date
    known_on: date
    place: str
    description: str
    parties: Sequence[PartyData] = ()
    links: Sequence[str] = ()
    files: Sequence[File] = field(default_factory=tuple)  # type: ignore[type-arg]
    kecamatan: Agency | None = None  # the kecamatan inside `region`, when known


def _max_length(model: type[Model], name: str) -> int:
    column = model._meta.get_field(name)
    length = getattr(column, "max_length", None)
    assert isinstance(length, int)  # noqa: S101 -- only called for CharField/URLField columns
    return length


def _check_length(value: str, *, field: str, limit: int) -> None:
    # PostgreSQL refuses an over-long varchar (SQLite silently keeps it): refuse it here, by name,
    # so no adapter ever sees a database error for it.
    if len(value.strip()) > limit:
        raise CaseInputError(
            "%(field)s is %(length)s characters long; at most %(limit)s are allowed",
            params={"length": len(value.strip()), "limit": limit},
            field=field,
        )


# C0 control characters other than tab, line feed and carriage return: a NUL byte makes
# PostgreSQL refuse the row, and none of them belongs in a report (issue #9, finding 10).
_CONTROL = frozenset(chr(code) for code in range(32) if chr(code) not in "\t\n\r") | {"\x7f"}


def check_text(value: str, *, field: str) -> None:
    """Refuse control characters (NUL and the like) in a text field, naming the field."""
    bad = next((char for char in value if char in _CONTROL), None)
    if bad is not None:
        raise CaseInputError(
            "%(field)s contains the control character %(char)s; remove it and send again",
            params={"char": f"U+{ord(bad):04X}"},
            field=field,
        )


def _local_today(region: Region, *, now: datetime, today: date) -> date:
    """The region's calendar date at `now` (WITA and WIT are ahead of the server's WIB)."""
    return max(today, today_in(region, now))


def _check_incident(data: IncidentData, *, today: date) -> None:
    check_text(data.description, field="description")
    check_text(data.place, field="place")
    for index, party in enumerate(data.parties):
        for name in ("name", "nip", "position", "agency"):
            check_text(getattr(party, name), field=f"parties.{index}.{name}")
    for index, url in enumerate(data.links):
        check_text(url, field=f"links.{index}")
    if data.election.region is not None and not data.election.region.covers(data.region):
        raise CaseInputError(
            "region %(code)s (%(name)s) is not part of election %(election)s",
            params={
                "code": data.region.code,
                "name": data.region.name,
                "election": data.election.code,
            },
            field="region",
        )
    _check_kecamatan(data)
    if data.incident_on > today:
        raise CaseInputError("the incident date is in the future", field="incident_on")
    if data.incident_on < EARLIEST_INCIDENT_ON:
        raise CaseInputError(
            "the incident date %(incident_on)s is before %(earliest)s: the ASN neutrality rules "
            "Netra applies start with UU 5/2014, and such a case is long past every reporting "
            "window",
            params={
                "incident_on": data.incident_on.isoformat(),
                "earliest": EARLIEST_INCIDENT_ON.isoformat(),
            },
            field="incident_on",
        )
    if data.known_on < data.incident_on:
        raise CaseInputError(
            "the date it became known is before the incident date: a violation cannot be "
            "known before it happened",
            field="known_on",
        )
    if data.known_on > today:
        raise CaseInputError("the date it became known is in the future", field="known_on")
    if not data.description.strip():
        raise CaseInputError("the description is empty", field="description")
    if not data.place.strip():
        raise CaseInputError("the place is empty", field="place")
    _check_length(data.place, field="place", limit=_max_length(Case, "place"))
    for index, party in enumerate(data.parties):
        for name in ("name", "position", "agency"):
            _check_length(
                getattr(party, name),
                field=f"parties.{index}.{name}",
                limit=_max_length(Party, name),
            )
    for index, url in enumerate(data.links):
        _check_length(url, field=f"links.{index}", limit=_max_length(Evidence, "url"))


def _check_kecamatan(data: IncidentData) -> None:
    kecamatan = data.kecamatan
    if kecamatan is None:
        return
    if kecamatan.kind != AgencyKind.KECAMATAN:
        raise CaseInputError(
            "%(code)s (%(name)s) is not a kecamatan",
            params={"code": kecamatan.code, "name": kecamatan.name},
            field="kecamatan",
        )
    if kecamatan.region_id != data.region.pk:
        raise CaseInputError(
            "%(name)s (%(code)s) is not in %(region_name)s (%(region_code)s)",
            params={
                "name": kecamatan.name,
                "code": kecamatan.code,
                "region_name": data.region.name,
                "region_code": data.region.code,
            },
            field="kecamatan",
        )


def _staff_intake(data: IncidentData, actor: User) -> IncidentData:
    """`data` checked against the actor's scope; a Panwascam's own kecamatan when none is named.

    Raises CaseNotFoundError for a region outside the scope, as for any case, and
    OutOfScopeError naming the account's kecamatan for another kecamatan.
    """
    if lacks_kecamatan(actor):
        raise OutOfScopeError(
            "this Panwaslu Kecamatan account has no kecamatan, so it sees and enters no cases; "
            "ask an administrator to set its kecamatan",
            field="kecamatan",
        )
    ensure_in_scope(actor, data.region)
    if actor.kecamatan_id is not None and data.kecamatan is None:
        data = replace(data, kecamatan=actor.kecamatan)
        _check_kecamatan(data)
    if not covers(actor, data.region, data.kecamatan):
        assert actor.kecamatan is not None  # noqa: S101 -- only a kecamatan scope fails here
        raise OutOfScopeError(
            "this account covers only %(name)s; a case in another kecamatan goes to its own "
            "Panwaslu Kecamatan or to the kabupaten/kota office",
            params={"name": actor.kecamatan.name},
            field="kecamatan",
        )
    return data


@dataclass(frozen=True, slots=True)
class _Intake:
    """What a new case's row needs that is computed, not typed: done before the write lock."""

    screening: _Screening | None
    deadline_on: date | None
    is_late: bool = False
    files: tuple[PreparedUpload, ...] = ()


def _prepare(
    data: IncidentData,
    *,
    state: CaseState,
    today: date,
    reported: bool = False,
    found_on: date | None = None,
) -> _Intake:
    """A laporan (`reported`) is late past the report window from `known_on`; a temuan past the
    finding window from its discovery (`found_on`); an informasi awal never."""
    calendar = clock.working_calendar()
    regime = data.election.regime
    is_late = False
    if reported:
        is_late = clock.is_report_late(
            regime=regime, known_on=data.known_on, reported_on=today, calendar=calendar
        )
    elif found_on is not None:
        is_late = clock.is_finding_late(
            regime=regime, found_on=found_on, recorded_on=today, calendar=calendar
        )
    return _Intake(
        screening=_screen(data.description, on=data.incident_on, number="a new case"),
        deadline_on=clock.deadline_on(state, regime=regime, started_on=today, calendar=calendar),
        is_late=is_late,
        files=_prepare_files(data.files),
    )


def _prepare_files(files: Sequence[File]) -> tuple[PreparedUpload, ...]:  # type: ignore[type-arg]
    ensure_room_for(files)
    return tuple(prepare_upload(upload) for upload in files)


def _open_case(
    data: IncidentData,
    *,
    origin: Origin,
    state: CaseState,
    now: datetime,
    today: date,
    intake: _Intake,
) -> Case:
    screening = intake.screening
    case = Case.objects.create(
        number=f"pending-{secrets.token_hex(8)}",
        origin=origin,
        election=data.election,
        region=data.region,
        kecamatan=data.kecamatan,
        state=state.value,
        state_entered_on=today,
        deadline_on=intake.deadline_on,
        incident_on=data.incident_on,
        known_on=data.known_on,
        place=data.place.strip(),
        description=data.description.strip(),
        is_late=intake.is_late,
        category=screening.category if screening else None,
        acts=list(screening.acts) if screening else [],
        subject_type=screening.subject_type if screening else "",
        created_at=now,
    )
    # A readable, gap-tolerant number from the primary key: NTR-2024-000042.
    case.number = f"NTR-{today.year}-{case.pk:06d}"
    case.save(update_fields=["number"])
    for party in data.parties:
        _add_party(case, party)
    for url in data.links:
        Evidence.objects.create(case=case, kind=EvidenceKind.LINK, url=url, uploaded_at=now)
    for prepared in intake.files:
        _store_file(case, prepared, uploaded_by=None, now=now)
    if screening is not None:
        AnalyzerSuggestion.objects.create(case=case, created_at=now, **screening.suggestion)
    return case


# The state a case entered by staff opens in, by its origin (a laporan opens in `received`).
_STAFF_ENTRY_STATES = {
    Origin.FINDING: CaseState.FINDING_RECORDED,
    Origin.INITIAL_INFORMATION: CaseState.INITIAL_INFORMATION,
}


def _open_staff_entry(
    data: IncidentData,
    *,
    origin: Origin,
    now: datetime,
    today: date,
    found_on: date | None = None,
) -> Case:
    """Open a case staff entered (a temuan or an informasi awal) in the state its origin opens
    in, screened and clocked as a laporan is; a temuan is flagged late from `found_on`."""
    state = _STAFF_ENTRY_STATES[origin]
    intake = _prepare(data, state=state, today=today, found_on=found_on)
    return _open_case(data, origin=origin, state=state, now=now, today=today, intake=intake)


def _add_party(case: Case, party: PartyData) -> Party:
    if not party.name.strip():
        raise CaseInputError("a reported party (terlapor) needs a name", field="parties.name")
    if party.nip and not (party.nip.isdigit() and len(party.nip) == 18):  # NIP is 18 digits
        raise CaseInputError("NIP %(value)r is not 18 digits", field="parties.nip", value=party.nip)
    return Party.objects.create(
        case=case,
        name=party.name.strip(),
        nip=party.nip,
        subject_type=party.subject_type or "unknown",
        position=party.position.strip(),
        agency=party.agency.strip(),
        region=party.region,
    )


@dataclass(frozen=True, slots=True)
class PreparedUpload:
    """An upload checked, hashed and cleaned before any database lock is taken."""

    upload: File  # type: ignore[type-arg]
    name: str
    size: int
    sniffed: Sniffed
    sha256: str
    redacted: bytes | None  # the copy without metadata for roles outside Bawaslu, if possible


def prepare_upload(upload: File) -> PreparedUpload:  # type: ignore[type-arg]
    """Size-check, sniff, parse, hash and strip one evidence file; EvidenceRejectedError if bad."""
    limit: int = settings.NETRA_MAX_UPLOAD_BYTES
    name = (upload.name or "evidence").rsplit("/", 1)[-1][:200]
    size = upload.size or 0
    if size > limit:
        raise EvidenceRejectedError(
            "file %(name)r is %(size)s bytes; the limit is %(limit)s bytes",
            params={"size": size, "limit": limit},
            field="files",
            name=name,
        )
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    sniffed = sniff(head)
    if sniffed is None:
        raise EvidenceRejectedError(
            "file %(name)r is not an accepted type (%(accepted)s)",
            params={"accepted": ACCEPTED_DESCRIPTION},
            field="files",
            name=name,
        )
    redacted = inspect(sniffed, upload, name=name, size=size)  # type: ignore[arg-type]
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return PreparedUpload(
        upload=upload,
        name=name,
        size=size,
        sniffed=sniffed,
        sha256=digest.hexdigest(),
        redacted=redacted,
    )


def _store_file(
    case: Case, prepared: PreparedUpload, *, uploaded_by: User | None, now: datetime
) -> Evidence:
    evidence = Evidence(
        case=case,
        kind=EvidenceKind.FILE,
        original_name=prepared.name,
        sha256=prepared.sha256,
        media_type=prepared.sniffed.media_type,
        size=prepared.size,
        uploaded_by=uploaded_by,
        uploaded_at=now,
    )
    # Stored under a random name with the sniffed extension; the reporter's name is kept as data.
    stored_name = f"{secrets.token_hex(16)}.{prepared.sniffed.extension}"
    evidence.file.save(stored_name, prepared.upload, save=False)
    if prepared.redacted is not None:
        evidence.redacted_sha256 = hashlib.sha256(prepared.redacted).hexdigest()
        evidence.redacted_file.save(stored_name, ContentFile(prepared.redacted), save=False)
    evidence.save()
    return evidence


@dataclass(frozen=True, slots=True)
class _Screening:
    category: int | None
    acts: tuple[str, ...]
    subject_type: str
    suggestion: dict[str, object]  # AnalyzerSuggestion fields other than case and created_at


def _screen(text: str, *, on: date, number: str) -> _Screening | None:
    """Screen a description with netra.analysis; None (and a logged error) if the analyzer fails."""
    try:
        from netra.analysis import analyze

        analysis = analyze(text, date=on)
    except Exception:
        # A screening failure must never lose a citizen's report: staff classify by hand instead.
        logger.exception("analysis failed for %s", number)
        return None
    raw = analysis.to_dict()
    acts = list(analysis.acts)
    spans = [
        {"act": finding.act, "start": span.start, "end": span.end, "text": span.text}
        for finding in analysis.findings
        for span in finding.evidence
    ]
    norms: list[str] = []
    sanctions: list[str] = []
    for finding in analysis.findings:
        law = finding.applicability
        if law is None:
            continue
        for sanction in law.sanctions:
            norms.extend(str(norm) for norm in sanction.norms)
            sanctions.append(sanction.label_id)
    category = analysis.bawaslu_category if analysis.is_violation else None
    category = int(category) if category is not None else None
    subject_type = analysis.subject.type
    return _Screening(
        category=category,
        acts=tuple(acts),
        subject_type=subject_type,
        suggestion={
            "is_violation": analysis.is_violation,
            "category": category,
            "acts": acts,
            "subject_type": subject_type,
            "norms": sorted(set(norms)),
            "sanction": "; ".join(dict.fromkeys(sanctions))[:200],
            "spans": spans,
            "analyzer_version": analysis.analyzer_version,
            "raw": raw,
        },
    )


def case_snapshot(case: Case) -> dict[str, object]:
    """The audited fields of a case: every case write records them in its audit event."""
    return {
        "number": case.number,
        "state": case.state,
        "deadline_on": case.deadline_on.isoformat() if case.deadline_on else None,
        "category": case.category,
        "acts": list(case.acts),
        "subject_type": case.subject_type,
        "is_classification_confirmed": case.is_classification_confirmed,
        "assigned_to": case.assigned_to.username if case.assigned_to else None,
        "kecamatan": case.kecamatan.code if case.kecamatan else None,
    }


def step_warning(payload: Mapping[str, object]) -> str | None:
    """The warning a step recorded (`payload["warning"]`), in the active language."""
    stored = payload.get("warning")
    if not stored:
        return None
    values = forwarding_warning_values(payload)
    return gettext(FORWARDING_WARNING) % values if values else str(stored)


def _log_transition(
    case: Case,
    *,
    source: str,
    actor: User | None,
    role: str,
    now: datetime,
    on: date,
    note: str = "",
    payload: Mapping[str, object] | None = None,
) -> CaseTransition:
    return CaseTransition.objects.create(
        case=case,
        from_state=source,
        to_state=case.state,
        actor=actor,
        actor_role=role,
        at=now,
        on=on,
        deadline_on=case.deadline_on,
        note=note,
        payload=dict(payload or {}),
    )


def receive_report(
    data: IncidentData, *, reporter: ReporterData, actor: User | None, now: datetime, today: date
) -> Report:
    """File a laporan: open a case in `received`, flag lateness, screen it, give a tracking code.

    A late report is still received and flagged: deciding not to register it is a supervisor's act
    (Perbawaslu 7/2022 Pasal 15), not the intake's. The checks, the screening and the clocks run
    before the write transaction, so concurrent reports hold the database lock only to write.
    Dates are the region's own: `today` is moved to the region's date at `now` when it is later.
    """
    today = _local_today(data.region, now=now, today=today)
    _check_incident(data, today=today)
    for name in ("name", "address", "contact"):
        check_text(getattr(reporter, name), field=f"reporter.{name}")
    if not reporter.name.strip():
        raise CaseInputError("the reporter's name is required", field="reporter.name")
    if not reporter.address.strip():
        raise CaseInputError("the reporter's address is required", field="reporter.address")
    for name, column in (("name", "reporter_name"), ("address", "reporter_address")):
        _check_length(
            getattr(reporter, name), field=f"reporter.{name}", limit=_max_length(Report, column)
        )
    _check_length(
        reporter.contact,
        field="reporter.contact",
        limit=_max_length(Report, "reporter_contact"),
    )
    if actor is not None:
        ensure_allowed(actor, Action.RECEIVE_REPORT)
        data = _staff_intake(data, actor)
    intake = _prepare(data, state=CaseState.RECEIVED, today=today, reported=True)
    return _store_report(data, reporter=reporter, actor=actor, now=now, today=today, intake=intake)


@transaction.atomic
def _store_report(
    data: IncidentData,
    *,
    reporter: ReporterData,
    actor: User | None,
    now: datetime,
    today: date,
    intake: _Intake,
) -> Report:
    case = _open_case(
        data, origin=Origin.REPORT, state=CaseState.RECEIVED, now=now, today=today, intake=intake
    )
    report = Report.objects.create(
        case=case,
        tracking_code=new_tracking_code(),
        reporter_kind=reporter.kind,
        reporter_name=reporter.name.strip(),
        reporter_address=reporter.address.strip(),
        reporter_contact=reporter.contact.strip(),
        notify_contact=reporter.notify,
        received_at=now,
    )
    opened = _log_transition(
        case,
        source="",
        actor=actor,
        role=actor.role if actor else Role.PUBLIC.value,
        now=now,
        on=today,
    )
    # The audit trail names the case but never copies the reporter's identity.
    record(
        "case.receive_report",
        actor=actor,
        obj=case,
        after=case_snapshot(case) | {"is_late": case.is_late},
    )
    notices.tell_reporter(report, state=CaseState.RECEIVED, payload={}, now=now)
    notices.public_step_recorded(opened)
    notices.tell_staff_new_case(case, now=now, actor=actor)
    return report


@transaction.atomic
def record_finding(
    data: IncidentData,
    *,
    actor: User,
    now: datetime,
    today: date,
    found_on: date | None = None,
) -> Finding:
    """Record a supervisor's own temuan (UU 7/2017 Pasal 454(5)) as a case in `finding_recorded`.

    `found_on` is the day the supervisor found it (Form A), today unless given. In the Pemilu the
    finding is flagged late when set after the finding window counted from it (7 hari); the
    Pilkada's law gives a temuan no window of its own, so it is not flagged there.
    """
    check_opening(CaseState.FINDING_RECORDED, _role_of(actor))
    today = _local_today(data.region, now=now, today=today)
    _check_incident(data, today=today)
    data = _staff_intake(data, actor)
    found_on = found_on or today
    if found_on > today:
        raise CaseInputError("the date of the finding is in the future", field="found_on")
    if found_on < data.incident_on:
        raise CaseInputError(
            "the date of the finding is before the incident date: a violation cannot be found "
            "before it happened",
            field="found_on",
        )
    case = _open_staff_entry(data, origin=Origin.FINDING, now=now, today=today, found_on=found_on)
    finding = Finding.objects.create(case=case, found_by=actor, found_on=found_on)
    _log_transition(
        case,
        source="",
        actor=actor,
        role=actor.role,
        now=now,
        on=today,
        payload={"found_on": found_on.isoformat()},
    )
    record("case.record_finding", actor=actor, obj=case, after=case_snapshot(case))
    return finding


@transaction.atomic
def record_initial_information(
    data: IncidentData, *, actor: User, now: datetime, today: date, note: str = ""
) -> Case:
    """Note a tip (informasi awal) that staff will check before it becomes a temuan, or close.

    Perbawaslu 7/2022 Pasal 14 and 17(3): information that is not a laporan (anonymous, a news
    item, a withdrawn report) is kept and may become a finding. It is screened and clocked like
    any case (the Pemilu finding window runs from when staff learnt of it).
    """
    check_opening(CaseState.INITIAL_INFORMATION, _role_of(actor))
    today = _local_today(data.region, now=now, today=today)
    _check_incident(data, today=today)
    check_text(note, field="note")
    data = _staff_intake(data, actor)
    case = _open_staff_entry(data, origin=Origin.INITIAL_INFORMATION, now=now, today=today)
    _log_transition(case, source="", actor=actor, role=actor.role, now=now, on=today, note=note)
    record("case.record_initial_information", actor=actor, obj=case, after=case_snapshot(case))
    return case


def _role_of(user: User) -> Role:
    from netra.accounts.services import parse_role

    return parse_role(user.role)


def _coerce_payload(
    source: CaseState, target: CaseState, payload: Mapping[str, object]
) -> dict[str, object]:
    """Turn ISO date strings into dates for the fields the transition declares as dates."""
    coerced = dict(payload)
    transition = transition_between(source, target)
    if transition is None:
        return coerced
    known = {requirement.field for requirement in transition.requires}
    unknown = sorted(set(coerced) - known - {COMPLETION_DUE_FIELD})
    if unknown:
        # Every payload field is kept in the case file: one the step does not take is a
        # client's mistake, refused rather than stored unread.
        raise CaseInputError(
            "moving from %(source)r to %(target)r takes no field %(unknown)s; it takes %(known)s",
            params={
                "source": source.value,
                "target": target.value,
                "unknown": ", ".join(repr(name) for name in unknown),
                "known": ", ".join(repr(name) for name in sorted(known)) or "none",
            },
            field=f"payload.{unknown[0]}",
        )
    for requirement in transition.requires:
        value = coerced.get(requirement.field)
        if requirement.kind is FieldKind.DATE and isinstance(value, str) and value:
            try:
                coerced[requirement.field] = date.fromisoformat(value)
            except ValueError:
                raise CaseInputError(
                    "%(name)s %(value)r is not a date (use YYYY-MM-DD)",
                    params={"name": requirement.field, "value": value},
                    field=f"payload.{requirement.field}",
                ) from None
    return coerced


def _jsonable_payload(payload: Mapping[str, object]) -> dict[str, object]:
    return {
        key: value.isoformat() if isinstance(value, date) else value
        for key, value in payload.items()
    }


@transaction.atomic
def move_case(
    case: Case,
    *,
    target: CaseState | str,
    actor: User,
    payload: Mapping[str, object],
    note: str = "",
    extended: bool = False,
    now: datetime,
    today: date,
) -> CaseTransition:
    """Move the case to `target` if the actor's role may, with the payload the step requires.

    The new state's statutory deadline is computed on the working calendar from the day its clock
    started (see `_clock_start`); `extended` applies the extension for keterangan tambahan.
    """
    locked = Case.objects.select_for_update().select_related("election", "region").get(pk=case.pk)
    ensure_case_in_scope(actor, locked)
    role = _role_of(actor)
    source = CaseState(locked.state)
    try:
        wanted = CaseState(str(target))
    except ValueError:
        raise CaseInputError(
            "unknown target state %(value)r", field="target", value=str(target)
        ) from None
    check_text(note, field="note")
    for key, value in payload.items():
        if isinstance(value, str):
            check_text(value, field=f"payload.{key}")
    coerced = _coerce_payload(source, wanted, payload)
    check_transition(source, wanted, role, coerced, procedure_policy())
    # A letter is dated in the region's own calendar: Jayapura's day starts before Jakarta's.
    _check_dates_not_ahead(
        source, wanted, coerced, today=_local_today(locked.region, now=now, today=today)
    )
    _check_decision_and_recipient(locked, wanted, coerced)
    completion_due_on = _completion_due_on(wanted, coerced, today=today)
    warning = forwarding_warning(coerced) if wanted is CaseState.FORWARDED else None
    before = case_snapshot(locked)
    locked.state = wanted.value
    locked.state_entered_on = today
    locked.deadline_on = completion_due_on or clock.deadline_on(
        wanted,
        regime=locked.election.regime,
        started_on=_clock_start(locked, wanted, today=today, payload=coerced),
        extended=extended,
    )
    locked.save(update_fields=["state", "state_entered_on", "deadline_on"])
    step = _log_transition(
        locked,
        source=source.value,
        actor=actor,
        role=role.value,
        now=now,
        on=today,
        note=note,
        payload={**_jsonable_payload(coerced), **({"warning": warning} if warning else {})},
    )
    record("case.move", actor=actor, obj=locked, before=before, after=case_snapshot(locked))
    report = Report.objects.filter(case=locked).first()
    if report is not None:
        notices.tell_reporter(report, state=wanted, payload=coerced, now=now)
        notices.public_step_recorded(step)
    if wanted in _DECIDING:
        _label(locked, is_violation=_DECIDING[wanted], actor=actor, now=now)
    case.refresh_from_db()
    return step


class AuthorityError(NetraError):
    """The step would send the case to a body that has no authority over the official."""

    code = "authority_invalid"


def _check_dates_not_ahead(
    source: CaseState, target: CaseState, payload: Mapping[str, object], *, today: date
) -> None:
    """A letter, SK or finding cannot be dated after today (in the case's region)."""
    transition = transition_between(source, target)
    for requirement in transition.requires if transition else ():
        value = payload.get(requirement.field)
        if requirement.kind is FieldKind.DATE and isinstance(value, date) and value > today:
            raise CaseInputError(
                "%(name)s %(value)s is after today (%(today)s): a letter or decision cannot be "
                "dated in the future",
                params={
                    "name": requirement.field,
                    "value": value.isoformat(),
                    "today": today.isoformat(),
                },
                field=f"payload.{requirement.field}",
            )


def _check_decision_and_recipient(
    case: Case, target: CaseState, payload: Mapping[str, object]
) -> None:
    """A violation is decided on a classification staff confirmed, and sent where it belongs.

    Where a recommendation goes is law as data (rulebook subjects.yaml `recommendation_to`): a
    body that judges one kind of official (the ASN bodies, TNI, Polri, the bupati/wali kota over
    village officials, Kemendagri over elected regional heads) is refused a case on another kind;
    BKN's accounts could not even see it.
    """
    if target is CaseState.DECIDED_VIOLATION and not case.is_classification_confirmed:
        raise CaseInputError(
            "confirm the classification (category, acts, subject) before deciding a violation: "
            "the analyzer's suggestion alone is not a decision",
            field="classification",
        )
    if target is not CaseState.FORWARDED:
        return
    recipient = ForwardRecipient(str(payload["recipient"]))
    subject = case.subject_type or "unknown"
    letter_date = payload["letter_date"]
    if refused_recipient(subject, recipient) and isinstance(letter_date, date):
        expected = [recipient_for(subject, letter_date)]
        # Named by their labels, looked up when the message is shown, in the reader's language;
        # the codes are in the details (`expected`, and the payload's recipient).
        from netra.public import labels

        raise AuthorityError(
            "the official is %(subject_label)s: the recommendation goes to %(expected_labels)s, "
            "not to %(recipient_label)s",
            params={
                "subject_label": lazy(labels.subject_label, str)(subject),
                "expected_labels": lazy(labels.choice_labels, str)([e.value for e in expected]),
                "recipient_label": lazy(labels.choice_label, str)(recipient.value),
            },
            field="payload.recipient",
            expected=[e.value for e in expected],
        )


COMPLETION_DUE_FIELD = "completion_due_on"


def _completion_due_on(
    target: CaseState, payload: dict[str, object], *, today: date
) -> date | None:
    """The day the reporter must reply by, when the supervisor set one asking for completion.

    The procedure core has no clock for the reporter's reply, so the supervisor states the day in
    the request (it is also the deadline shown to the reporter); it is turned into a date in
    `payload` in place.
    """
    value = payload.get(COMPLETION_DUE_FIELD)
    if target is not CaseState.NEEDS_COMPLETION or value in (None, ""):
        payload.pop(COMPLETION_DUE_FIELD, None)
        return None
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            raise CaseInputError(
                "%(name)s %(value)r is not a date (use YYYY-MM-DD)",
                params={"name": COMPLETION_DUE_FIELD, "value": value},
                field=f"payload.{COMPLETION_DUE_FIELD}",
            ) from None
    if not isinstance(value, date) or isinstance(value, datetime):
        raise CaseInputError(
            "%(name)s must be a date",
            params={"name": COMPLETION_DUE_FIELD},
            field=f"payload.{COMPLETION_DUE_FIELD}",
        )
    if value < today:
        raise CaseInputError(
            "the completion deadline %(value)s is in the past: give the reporter time to reply",
            params={"value": value.isoformat()},
            field=f"payload.{COMPLETION_DUE_FIELD}",
        )
    payload[COMPLETION_DUE_FIELD] = value
    return value


class CompletionClosedError(NetraError):
    """The report is not waiting for the reporter, or the day to reply by has passed."""

    code = "completion_closed"


@dataclass(frozen=True, slots=True)
class CompletionData:
    """What a reporter sends back when asked to complete the report."""

    note: str
    links: Sequence[str] = ()
    files: Sequence[File] = field(default_factory=tuple)  # type: ignore[type-arg]


def complete_report(
    report: Report, *, data: CompletionData, now: datetime, today: date
) -> CaseTransition:
    """The reporter's reply to a request for completion: new text and evidence, back to kajian.

    The files get the same checks as on the report form; the case returns to the kajian awal,
    whose clock counts from the day the report was filed (Perbawaslu 7/2022 Pasal 15(1)).
    """
    case = report.case
    today = _local_today(case.region, now=now, today=today)
    check_text(data.note, field="note")
    if not data.note.strip():
        raise CaseInputError("say what you are adding to the report", field="note")
    for index, url in enumerate(data.links):
        check_text(url, field=f"links.{index}")
        _check_length(url, field=f"links.{index}", limit=_max_length(Evidence, "url"))
    prepared = _prepare_files(data.files)
    return _store_completion(case, data=data, prepared=prepared, now=now, today=today)


@transaction.atomic
def _store_completion(
    case: Case,
    *,
    data: CompletionData,
    prepared: Sequence[PreparedUpload],
    now: datetime,
    today: date,
) -> CaseTransition:
    locked = Case.objects.select_for_update().select_related("election", "region").get(pk=case.pk)
    if locked.state != CaseState.NEEDS_COMPLETION.value:
        raise CompletionClosedError(
            "this report is not waiting for more information from the reporter",
            state=locked.state,
        )
    if locked.deadline_on is not None and today > locked.deadline_on:
        raise CompletionClosedError(
            "the time to complete this report ended on %(deadline_on)s",
            deadline_on=locked.deadline_on.isoformat(),
        )
    source = CaseState(locked.state)
    target = CaseState.FORMAL_MATERIAL_CHECK
    payload: dict[str, object] = {"completion_note": data.note.strip()}
    check_transition(source, target, Role.PUBLIC, payload, procedure_policy())
    for url in data.links:
        Evidence.objects.create(case=locked, kind=EvidenceKind.LINK, url=url, uploaded_at=now)
    stored = [_store_file(locked, upload, uploaded_by=None, now=now) for upload in prepared]
    before = case_snapshot(locked)
    locked.state = target.value
    locked.state_entered_on = today
    locked.deadline_on = clock.deadline_on(
        target,
        regime=locked.election.regime,
        started_on=_clock_start(locked, target, today=today, payload=payload),
    )
    locked.save(update_fields=["state", "state_entered_on", "deadline_on"])
    step = _log_transition(
        locked,
        source=source.value,
        actor=None,
        role=Role.PUBLIC.value,
        now=now,
        on=today,
        payload={
            **payload,
            "added_links": len(data.links),
            "added_files": [evidence.sha256 for evidence in stored],
        },
    )
    record(
        "case.complete_report",
        actor=None,
        obj=locked,
        before=before,
        after=case_snapshot(locked) | {"added_evidence": len(stored) + len(data.links)},
    )
    notices.tell_completion_reply(locked, now=now)
    return step


def _entered_on(case: Case, state: CaseState) -> CaseTransition | None:
    return case.transitions.filter(to_state=state.value).order_by("-at", "-id").first()


def _clock_start(
    case: Case, target: CaseState, *, today: date, payload: Mapping[str, object]
) -> date:
    """The day the clock of `target` started, per netra.procedure.deadlines.CLOCK_RULES."""
    decision_states = (CaseState.REGISTERED, CaseState.CLARIFICATION_STUDY)
    if target in decision_states and case.election.regime == Regime.PILKADA:
        # UU 10/2016 Pasal 134(5): "paling lama 3 (tiga) hari setelah laporan diterima", so the
        # Pilkada decision clock runs from receipt (or the recorded finding), not registration.
        opened = _entered_on(case, CaseState.RECEIVED) or _entered_on(
            case, CaseState.FINDING_RECORDED
        )
        return opened.on if opened else today
    if target is CaseState.CLARIFICATION_STUDY:
        # UU 7/2017 Pasal 454(7)-(8): the Pemilu decision clock runs from registration, also
        # during clarification.
        registered = _entered_on(case, CaseState.REGISTERED)
        return registered.on if registered else today
    if target is CaseState.FORMAL_MATERIAL_CHECK:
        # Kajian awal counts from the day the report was filed (Perbawaslu 7/2022 Pasal 15(1)).
        opened = case.transitions.order_by("at", "id").first()
        return opened.on if opened else today
    if target is CaseState.AWAITING_PPK:
        sent = payload.get("recommendation_date")
        return sent if isinstance(sent, date) else today
    if target is CaseState.PPK_EXAMINATION:
        awaiting = _entered_on(case, CaseState.AWAITING_PPK)
        if awaiting is not None:
            sent = awaiting.payload.get("recommendation_date")
            return date.fromisoformat(sent) if isinstance(sent, str) else awaiting.on
    return today


@transaction.atomic
def confirm_classification(
    case: Case, *, category: int, acts: Sequence[str], subject_type: str, actor: User
) -> Case:
    """Staff confirm or correct the analyzer's classification; the recap counts this one."""
    ensure_allowed(actor, Action.CLASSIFY)
    ensure_case_in_scope(actor, case)
    check_text(subject_type, field="subject_type")
    book = load_rulebook()
    # The recap, the forwarding check (who takes a TNI, Polri or village case) and the letters
    # read these codes: one the rulebook does not know would be counted and cited as nothing.
    for index, act in enumerate(acts):
        check_text(act, field=f"acts.{index}")
        if act not in book.acts:
            raise CaseInputError(
                "unknown act %(act)r; the rulebook's acts are listed by `netra rules list`",
                params={"act": act},
                field=f"acts.{index}",
            )
    if subject_type not in book.subjects:
        raise CaseInputError(
            "unknown subject type %(subject)r; known: %(known)s",
            params={"subject": subject_type, "known": ", ".join(book.subjects)},
            field="subject_type",
        )
    if category not in RECAP_CATEGORIES:
        raise CaseInputError(
            "category %(category)s is not one of Bawaslu's 1-10",
            params={"category": category},
            field="category",
        )
    before = case_snapshot(case)
    case.category = category
    case.acts = list(acts)
    case.subject_type = subject_type
    case.is_classification_confirmed = True
    case.save(update_fields=["category", "acts", "subject_type", "is_classification_confirmed"])
    record("case.classify", actor=actor, obj=case, before=before, after=case_snapshot(case))
    _label(case, is_violation=True, actor=actor, now=timezone.now())
    return case


# Decisions that say whether the case is a violation: each is a label for the analyzer.
_DECIDING = {CaseState.DECIDED_VIOLATION: True, CaseState.DECIDED_NOT_VIOLATION: False}


def _label(case: Case, *, is_violation: bool, actor: User, now: datetime) -> None:
    """Keep staff's decision beside the analyzer's suggestion, if the analyzer made one."""
    suggestion = AnalyzerSuggestion.objects.filter(case=case).first()
    if suggestion is None:
        return
    SupervisorLabel.objects.create(
        case=case,
        is_violation=is_violation,
        category=case.category if is_violation else None,
        subject_type=case.subject_type if is_violation else "",
        acts=list(case.acts) if is_violation else [],
        suggested_is_violation=suggestion.is_violation,
        suggested_category=suggestion.category,
        suggested_subject_type=suggestion.subject_type,
        analyzer_version=suggestion.analyzer_version,
        decided_by=actor,
        decided_at=now,
    )


@transaction.atomic
def assign_case(case: Case, *, assignee: User | None, actor: User) -> Case:
    """Give the case to a staff member whose scope covers it (None unassigns)."""
    ensure_allowed(actor, Action.ASSIGN)
    ensure_case_in_scope(actor, case)
    if assignee is not None and not can_act_on_case(assignee, case):
        where = (
            case.kecamatan.name if case.kecamatan else f"{case.region.name} ({case.region.code})"
        )
        raise OutOfScopeError(
            "%(username)s does not cover %(where)s",
            params={"username": assignee.username, "where": where},
            field="assignee",
        )
    if assignee is not None and not takes_steps(assignee):
        raise CaseInputError(
            "%(username)s takes no step of the procedure and cannot be assigned a case",
            params={"username": assignee.username},
            field="assignee",
        )
    before = case_snapshot(case)
    case.assigned_to = assignee
    case.save(update_fields=["assigned_to"])
    record("case.assign", actor=actor, obj=case, before=before, after=case_snapshot(case))
    if assignee is not None and assignee.pk != actor.pk:
        notices.tell_assignee(case, now=timezone.now())
    return case


@transaction.atomic
def add_evidence(
    case: Case,
    *,
    actor: User,
    now: datetime,
    upload: File | None = None,  # type: ignore[type-arg]
    url: str = "",
) -> Evidence:
    """Attach one file (hashed, type-sniffed) or one link to the case."""
    ensure_allowed(actor, Action.ADD_EVIDENCE)
    ensure_case_in_scope(actor, case)
    if (upload is None) == (not url):
        raise CaseInputError("give either a file or a url", field="file")
    _check_length(url, field="url", limit=_max_length(Evidence, "url"))
    check_text(url, field="url")
    if upload is not None:
        [prepared] = _prepare_files([upload])
        evidence = _store_file(case, prepared, uploaded_by=actor, now=now)
    else:
        evidence = Evidence.objects.create(
            case=case, kind=EvidenceKind.LINK, url=url, uploaded_by=actor, uploaded_at=now
        )
    record(
        "case.add_evidence",
        actor=actor,
        obj=case,
        after={
            "evidence": evidence.pk,
            "sha256": evidence.sha256,
            "redacted_sha256": evidence.redacted_sha256,
            "url": evidence.url,
        },
    )
    return evidence


class StorageFullError(NetraError):
    """The disk is nearly full: new evidence is refused before it could fill it."""

    code = "storage_full"


def ensure_room_for(files: Sequence[File]) -> None:  # type: ignore[type-arg]
    """Refuse evidence over the per-report total, or when free space would drop below the floor."""
    incoming = sum(upload.size or 0 for upload in files)
    if not incoming:
        return
    limit: int = settings.NETRA_MAX_REPORT_BYTES
    if incoming > limit:
        raise EvidenceRejectedError(
            "the files add up to %(incoming)s bytes; at most %(limit)s bytes per report",
            params={"incoming": incoming, "limit": limit},
            field="files",
            name="",
        )
    floor: int = settings.NETRA_MIN_FREE_BYTES
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    if shutil.disk_usage(media).free - incoming < floor:
        logger.error("evidence refused: less than %d bytes would be free in %s", floor, media)
        raise StorageFullError(
            "the server's storage is nearly full, so no evidence files can be accepted now; "
            "file the report without files or try again later",
            field="files",
        )


@transaction.atomic
def ensure_redacted_copy(evidence: Evidence) -> Evidence:
    """Make the copy without metadata for a file stored before copies existed, if one can be made.

    Images and PDFs get one (audited, with its hash); video and audio never do.
    """
    if evidence.redacted_file or not evidence.file:
        return evidence
    extension = EXTENSIONS.get(evidence.media_type)
    if extension is None or evidence.media_type not in REDACTABLE_TYPES:
        return evidence
    with evidence.file.open("rb") as stored:
        redacted = inspect(
            Sniffed(evidence.media_type, extension),
            stored,
            name=evidence.original_name,
            size=evidence.size or 0,
        )
    if redacted is None:
        return evidence
    evidence.redacted_sha256 = hashlib.sha256(redacted).hexdigest()
    evidence.redacted_file.save(
        f"{secrets.token_hex(16)}.{extension}", ContentFile(redacted), save=False
    )
    evidence.save(update_fields=["redacted_file", "redacted_sha256"])
    record(
        "evidence.redact",
        actor=None,
        obj=evidence,
        after={"case": evidence.case_id, "redacted_sha256": evidence.redacted_sha256},
    )
    return evidence


class EvidenceWithheldError(NetraError):
    """The file is only for Bawaslu's supervisors of the region (its metadata cannot be removed)."""

    code = "forbidden"


@transaction.atomic
def note_evidence_download(evidence: Evidence, *, actor: User, copy: str = "original") -> None:
    """Record that `actor` downloaded an evidence file: the files may identify people."""
    record(
        "evidence.download",
        actor=actor,
        obj=evidence,
        after={"case": evidence.case_id, "copy": copy},
    )


def new_upload(name: str, content: bytes) -> File:  # type: ignore[type-arg]
    """An in-memory file for services (CLI imports, tests)."""
    return ContentFile(content, name=name)


class StaffEntryKind(StrEnum):
    """How a case entered at the desk or through the API starts."""

    FINDING = "finding"  # temuan: the supervisor's own finding (Form A)
    INITIAL_INFORMATION = "initial_information"  # informasi awal: a tip to check
    REPORT = "report"  # laporan brought to the office in person (walk-in)


def open_case_as_staff(
    kind: StaffEntryKind,
    data: IncidentData,
    *,
    actor: User,
    now: datetime,
    today: date,
    reporter: ReporterData | None = None,
    found_on: date | None = None,
    note: str = "",
) -> Case:
    """Open a case typed in by staff, screened and clocked like a citizen's report."""
    if kind is StaffEntryKind.REPORT:
        if reporter is None:
            raise CaseInputError(
                "a walk-in laporan needs the reporter's name and address (UU 7/2017 Pasal 454(4))",
                field="reporter.name",
            )
        return receive_report(data, reporter=reporter, actor=actor, now=now, today=today).case
    if kind is StaffEntryKind.FINDING:
        return record_finding(data, actor=actor, now=now, today=today, found_on=found_on).case
    return record_initial_information(data, actor=actor, now=now, today=today, note=note)


@transaction.atomic
def reopen_case(case: Case, *, actor: User, reason: str, now: datetime, today: date) -> Case:
    """Reopen a finished case: back to the state it was closed from, with the reason, audited.

    The clock of that state restarts on the day of reopening (the law sets no period for a
    reopened case, so no earlier day can be owed); the reporter is told.
    """
    locked = Case.objects.select_for_update().select_related("election", "region").get(pk=case.pk)
    ensure_case_in_scope(actor, locked)
    check_text(reason, field="reopen_reason")
    check_reopening(locked.state, _role_of(actor), reason)
    closing = _entered_on(locked, CaseState(locked.state))
    if closing is None or not closing.from_state:
        raise CaseInputError(
            "case %(number)s has no recorded state before %(state)r to return to",
            params={"number": locked.number, "state": locked.state},
            field="reopen_reason",
        )
    source, target = CaseState(locked.state), CaseState(closing.from_state)
    before = case_snapshot(locked)
    locked.state = target.value
    locked.state_entered_on = today
    locked.deadline_on = clock.deadline_on(target, regime=locked.election.regime, started_on=today)
    locked.save(update_fields=["state", "state_entered_on", "deadline_on"])
    payload = {"reopen_reason": reason.strip(), "reopened_from": source.value}
    _log_transition(
        locked,
        source=source.value,
        actor=actor,
        role=actor.role,
        now=now,
        on=today,
        note=reason.strip(),
        payload=payload,
    )
    record("case.reopen", actor=actor, obj=locked, before=before, after=case_snapshot(locked))
    report = Report.objects.filter(case=locked).first()
    if report is not None:
        notices.tell_reopened(report, reason=reason.strip(), now=now)
    case.refresh_from_db()
    return locked


@transaction.atomic
def link_cases(case: Case, other: Case, *, kind: LinkKind, actor: User, now: datetime) -> CaseLink:
    """Record that `case` duplicates (is merged into) or relates to `other`.

    A duplicate points at the group's primary case: if `other` is itself a duplicate, the link
    goes to its primary, so a merged group is always one primary and its duplicates, counted
    once by the recap. The duplicate keeps its own history and evidence.
    """
    ensure_allowed(actor, Action.CLASSIFY)
    ensure_case_in_scope(actor, case)
    ensure_case_in_scope(actor, other)
    if kind is LinkKind.DUPLICATE:
        primary = CaseLink.objects.filter(case=other, kind=LinkKind.DUPLICATE).first()
        if primary is not None:
            other = primary.other
        if CaseLink.objects.filter(other=case, kind=LinkKind.DUPLICATE).exists():
            raise CaseInputError(
                "%(number)s is the primary of other duplicates; merge them into %(other)s one "
                "by one, or merge %(other)s into %(number)s",
                params={"number": case.number, "other": other.number},
                field="other",
            )
        if CaseLink.objects.filter(case=case, kind=LinkKind.DUPLICATE).exists():
            raise CaseInputError(
                "%(number)s is already merged into another case",
                params={"number": case.number},
                field="case",
            )
    if other.pk == case.pk:
        raise CaseInputError("a case cannot be linked to itself", field="other")
    if CaseLink.objects.filter(case=case, other=other).exists():
        raise CaseInputError(
            "%(number)s is already linked to %(other)s",
            params={"number": case.number, "other": other.number},
            field="other",
        )
    link = CaseLink.objects.create(
        case=case, other=other, kind=kind, created_by=actor, created_at=now
    )
    record(
        "case.link",
        actor=actor,
        obj=case,
        after={"kind": kind.value, "other": other.number},
    )
    return link
