"""Desk pages of the prevention register: coverage, a region's record, the imbauan PDF.

Parse, call a service or selector, render. Region scope is applied by the selectors (a region
outside the viewer's scope is a 404).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.files.uploadedfile import UploadedFile
from django.forms import Form
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from netra.accounts.models import User
from netra.cases.access import staff_required
from netra.errors import NetraError
from netra.prevention import selectors
from netra.prevention.forms import DeclarationForm, DocumentForm, ImbauanForm, MeetingForm
from netra.prevention.models import Declaration
from netra.prevention.pdf import Channels, imbauan_pdf, poster_pdf
from netra.prevention.reminders import reminders_on
from netra.prevention.services import (
    attach_declaration_document,
    record_declaration,
    record_imbauan,
    record_meeting,
)
from netra.prevention.template import declaration_template
from netra.regions.models import Region
from netra.rulebook import DEFAULT_ELECTION, load_rulebook


def _region(request: HttpRequest, code: str) -> tuple[User, Region]:
    user: User = request.user  # type: ignore[assignment]
    try:
        return user, selectors.region_for(user, code)
    except selectors.RegionNotFoundError:
        raise Http404(_("Region not found.")) from None


def _channels(request: HttpRequest, tipline: str = "") -> Channels:
    return Channels(request.build_absolute_uri(reverse("public:report")), tipline)


def _forms(
    region: Region,
    data: QueryDict | None = None,
    prefix: str = "",
    files: MultiValueDict[str, UploadedFile] | None = None,
) -> dict[str, Form]:
    """The region page's forms; the one named by `prefix` is bound to the submitted data."""

    def bound(name: str) -> dict[str, Any]:
        return {"data": data, "files": files} if prefix == name else {}

    declaration = DeclarationForm(
        initial={"points": declaration_template().text},
        prefix="declaration",
        **bound("declaration"),
    )
    declaration.fields["agency"].queryset = selectors.undeclared_agencies(region)  # type: ignore[attr-defined]
    meeting = MeetingForm(prefix="meeting", **bound("meeting"))
    meeting.fields["agencies"].queryset = selectors.agencies_of(region)  # type: ignore[attr-defined]
    return {
        "declaration_form": declaration,
        "meeting_form": meeting,
        "imbauan_form": ImbauanForm(prefix="imbauan", **bound("imbauan")),
        "document_form": DocumentForm(prefix="document", **bound("document")),
    }


@staff_required
def coverage(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    rows = selectors.coverage_for(user)
    today = timezone.localdate()
    reminders = reminders_on(load_rulebook(), DEFAULT_ELECTION, today)
    return render(
        request,
        "prevention/coverage.html",
        {"rows": rows, "reminders": reminders, "template": declaration_template()},
    )


def _region_page(
    request: HttpRequest, region: Region, forms: dict[str, Form], status: int
) -> HttpResponse:
    return render(
        request,
        "prevention/region.html",
        {
            "region": region,
            "declarations": selectors.declarations_in(region),
            "undeclared": selectors.undeclared_agencies(region),
            "meetings": selectors.meetings_in(region),
            "imbauan": selectors.imbauan_in(region),
            **forms,
        },
        status=status,
    )


@staff_required
def region_page(request: HttpRequest, code: str) -> HttpResponse:
    _, region = _region(request, code)
    return _region_page(request, region, _forms(region), 200)


# Records one valid form: returns a response of its own (a download) or None for "saved".
Record = Callable[[User, Region, dict[str, Any]], HttpResponse | None]


def _submit(
    request: HttpRequest, code: str, prefix: str, record: Record, done: str
) -> HttpResponse:
    """Validate the form named `prefix`, record it, then redirect to the region page (or return
    the record's own response); invalid input or a refused record re-renders the page (422)."""
    user, region = _region(request, code)
    forms = _forms(region, request.POST, prefix, request.FILES)
    form = forms[f"{prefix}_form"]
    if form.is_valid():
        try:
            response = record(user, region, form.cleaned_data)
        except NetraError as error:
            form.add_error(None, error.message)
        else:
            if response is not None:
                return response
            messages.success(request, done)
            return redirect(reverse("prevention:region", args=[region.code]))
    return _region_page(request, region, forms, 422)


@staff_required
@require_POST
def declare(request: HttpRequest, code: str) -> HttpResponse:
    def record(user: User, region: Region, data: dict[str, Any]) -> None:
        record_declaration(
            region,
            actor=user,
            agency=data["agency"],
            signed_by=data["signed_by"],
            signed_on=data["signed_on"],
            points=data["points"].splitlines(),
            document_reference=data["document_reference"],
            document=data["document"],
            now=timezone.now(),
        )

    return _submit(request, code, "declaration", record, _("The declaration is recorded."))


@staff_required
@require_POST
def attach_document(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    def record(user: User, region: Region, data: dict[str, Any]) -> None:
        declaration = _declaration(region, pk)
        attach_declaration_document(
            declaration, actor=user, document=data["document"], now=timezone.now()
        )

    return _submit(request, code, "document", record, _("The signed declaration is stored."))


@staff_required
@require_POST
def meet(request: HttpRequest, code: str) -> HttpResponse:
    def record(user: User, region: Region, data: dict[str, Any]) -> None:
        record_meeting(
            region,
            actor=user,
            kind=data["kind"],
            held_on=data["held_on"],
            place=data["place"],
            organiser=data["organiser"],
            audience=data["audience"],
            attendees=data["attendees"],
            agencies=list(data["agencies"]),
            materials=data["materials"],
            now=timezone.now(),
        )

    return _submit(request, code, "meeting", record, _("The meeting is recorded."))


@staff_required
@require_POST
def send_imbauan(request: HttpRequest, code: str) -> HttpResponse:
    """Generate the letters for every agency of the region, record them, download the PDF."""

    def record(user: User, region: Region, data: dict[str, Any]) -> HttpResponse:
        agencies = list(selectors.agencies_of(region))
        channels = _channels(request, data["tipline"])
        pdf = imbauan_pdf(
            region,
            agencies,
            letter_number=data["letter_number"],
            sent_on=data["sent_on"],
            channels=channels,
        )
        record_imbauan(
            region,
            actor=user,
            letter_number=data["letter_number"],
            sent_on=data["sent_on"],
            agency_count=len(agencies),
            report_url=channels.report_url,
            tipline=channels.tipline,
            pdf=pdf,
            now=timezone.now(),
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        name = f"imbauan-{region.code}-{data['sent_on'].isoformat()}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    return _submit(request, code, "imbauan", record, "")


def _declaration(region: Region, pk: int) -> Declaration:
    try:
        return selectors.declaration_in(region, pk)
    except selectors.RegionNotFoundError:
        raise Http404(_("Declaration not found.")) from None


@staff_required
def declaration_document(request: HttpRequest, code: str, pk: int) -> FileResponse:
    """The signed scan, as an attachment under a name Netra builds, with its SHA-256."""
    _viewer, region = _region(request, code)
    declaration = _declaration(region, pk)
    if not declaration.document:
        raise Http404(_("No signed document is stored for this declaration."))
    extension = declaration.document.name.rsplit(".", 1)[-1]
    response = FileResponse(
        declaration.document.open("rb"),
        as_attachment=True,
        filename=f"deklarasi-{region.code}-{declaration.pk}.{extension}",
        content_type=declaration.document_media_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["X-Content-SHA256"] = declaration.document_sha256
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@staff_required
def poster(request: HttpRequest, code: str) -> HttpResponse:
    _, region = _region(request, code)
    response = HttpResponse(
        poster_pdf(region, channels=_channels(request)), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="poster-{region.code}.pdf"'
    return response
