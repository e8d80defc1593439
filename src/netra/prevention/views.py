"""Desk pages of the prevention register: coverage, a region's record, the imbauan PDF.

Parse, call a service or selector, render. Region scope is applied by the selectors (a region
outside the viewer's scope is a 404).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from netra.accounts.models import User
from netra.desk.views import staff_required
from netra.errors import NetraError
from netra.prevention import selectors
from netra.prevention.forms import DeclarationForm, ImbauanForm, MeetingForm
from netra.prevention.pdf import Channels, imbauan_pdf, poster_pdf
from netra.prevention.reminders import reminders_on
from netra.prevention.services import record_declaration, record_imbauan, record_meeting
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


def _forms(region: Region, data: QueryDict | None = None, prefix: str = "") -> dict[str, object]:
    agencies = selectors.agencies_of(region)
    declaration = DeclarationForm(
        data if prefix == "declaration" else None,
        initial={"points": declaration_template().text},
        prefix="declaration",
    )
    declaration.fields["agency"].queryset = selectors.undeclared_agencies(region)  # type: ignore[attr-defined]
    meeting = MeetingForm(data if prefix == "meeting" else None, prefix="meeting")
    meeting.fields["agencies"].queryset = agencies  # type: ignore[attr-defined]
    imbauan = ImbauanForm(data if prefix == "imbauan" else None, prefix="imbauan")
    return {"declaration_form": declaration, "meeting_form": meeting, "imbauan_form": imbauan}


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
    request: HttpRequest, region: Region, forms: dict[str, object], status: int
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


@staff_required
@require_POST
def declare(request: HttpRequest, code: str) -> HttpResponse:
    user, region = _region(request, code)
    forms = _forms(region, request.POST, "declaration")
    form: DeclarationForm = forms["declaration_form"]  # type: ignore[assignment]
    if form.is_valid():
        try:
            record_declaration(
                region,
                actor=user,
                agency=form.cleaned_data["agency"],
                signed_by=form.cleaned_data["signed_by"],
                signed_on=form.cleaned_data["signed_on"],
                points=form.cleaned_data["points"].splitlines(),
                document_reference=form.cleaned_data["document_reference"],
                now=timezone.now(),
            )
        except NetraError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The declaration is recorded."))
            return redirect(reverse("prevention:region", args=[region.code]))
    return _region_page(request, region, forms, 422)


@staff_required
@require_POST
def meet(request: HttpRequest, code: str) -> HttpResponse:
    user, region = _region(request, code)
    forms = _forms(region, request.POST, "meeting")
    form: MeetingForm = forms["meeting_form"]  # type: ignore[assignment]
    if form.is_valid():
        try:
            record_meeting(
                region,
                actor=user,
                kind=form.cleaned_data["kind"],
                held_on=form.cleaned_data["held_on"],
                place=form.cleaned_data["place"],
                organiser=form.cleaned_data["organiser"],
                audience=form.cleaned_data["audience"],
                attendees=form.cleaned_data["attendees"],
                agencies=list(form.cleaned_data["agencies"]),
                materials=form.cleaned_data["materials"],
                now=timezone.now(),
            )
        except NetraError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The meeting is recorded."))
            return redirect(reverse("prevention:region", args=[region.code]))
    return _region_page(request, region, forms, 422)


@staff_required
@require_POST
def send_imbauan(request: HttpRequest, code: str) -> HttpResponse:
    """Generate the letters for every agency of the region, record them, download the PDF."""
    user, region = _region(request, code)
    forms = _forms(region, request.POST, "imbauan")
    form: ImbauanForm = forms["imbauan_form"]  # type: ignore[assignment]
    if form.is_valid():
        agencies = list(selectors.agencies_of(region))
        channels = _channels(request, form.cleaned_data["tipline"])
        pdf = imbauan_pdf(
            region,
            agencies,
            letter_number=form.cleaned_data["letter_number"],
            sent_on=form.cleaned_data["sent_on"],
            channels=channels,
        )
        try:
            record_imbauan(
                region,
                actor=user,
                letter_number=form.cleaned_data["letter_number"],
                sent_on=form.cleaned_data["sent_on"],
                agency_count=len(agencies),
                report_url=channels.report_url,
                tipline=channels.tipline,
                pdf=pdf,
                now=timezone.now(),
            )
        except NetraError as error:
            form.add_error(None, str(error))
        else:
            response = HttpResponse(pdf, content_type="application/pdf")
            name = f"imbauan-{region.code}-{form.cleaned_data['sent_on'].isoformat()}.pdf"
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            return response
    return _region_page(request, region, forms, 422)


@staff_required
def poster(request: HttpRequest, code: str) -> HttpResponse:
    _, region = _region(request, code)
    response = HttpResponse(
        poster_pdf(region, channels=_channels(request)), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="poster-{region.code}.pdf"'
    return response
