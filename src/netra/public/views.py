"""Public pages: landing, the guided report form, its receipt, and the status by tracking code.

No login. The report form and the status page share the API's per-address rate limit.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from netra.api import ratelimit
from netra.api.errors import ApiError
from netra.cases.evidence import ACCEPTED_DESCRIPTION, EvidenceRejectedError
from netra.cases.models import Report, ReporterKind
from netra.cases.selectors import public_status, report_by_tracking_code
from netra.cases.services import (
    CompletionClosedError,
    CompletionData,
    PartyData,
    ReporterData,
    StorageFullError,
    complete_report,
)
from netra.documents.services import DocumentError, DocumentKind, public_steps, reporter_copy_pdf
from netra.errors import NetraError
from netra.public import quarantine
from netra.public.forms import CompletionForm, ReportForm, TrackingForm, form_field_for
from netra.public.quarantine import HeldFile
from netra.public.selectors import kecamatan_names, preference_of
from netra.public.services import PublicReport, submit_public_report
from netra.regions.selectors import region_by_code
from netra.rulebook import load_rulebook

SESSION_RECEIPT = "netra_receipt"  # the tracking code, until the receipt has shown it
SESSION_RECEIPT_SEEN = "netra_receipt_seen"  # the report's id afterwards
RECEIPT_TAIL_CHARS = 4


def _rate_limited(request: HttpRequest, bucket: str) -> HttpResponse | None:
    try:
        ratelimit.limit(request, bucket)
    except ApiError as error:
        response = render(request, "429.html", status=429)
        response["Retry-After"] = str(error.details.get("retry_after_s", ratelimit.WINDOW_SECONDS))
        return response
    return None


def _upload_quota_message() -> str:
    return _(
        "Too many evidence files were sent from this address today. Send the report "
        "without files, or try again tomorrow."
    )


def _over_quota(request: HttpRequest, form: ReportForm) -> tuple[str | None, str] | None:
    """The form field and message when this address used up today's reports or uploads."""
    # Files held from an earlier try were counted when they were held.
    files = form.cleaned_data.get("evidence") or []
    try:
        ratelimit.charge_report(request, upload_bytes=sum(upload.size or 0 for upload in files))
    except ApiError as error:
        if error.details.get("quota") == "upload_bytes_per_day":
            return "evidence", _upload_quota_message()
        return None, _(
            "Too many reports were sent from this address today. Try again tomorrow, or "
            "contact the Bawaslu office."
        )
    return None


def home(request: HttpRequest) -> HttpResponse:
    rulebook = load_rulebook()
    return render(
        request,
        "public/home.html",
        {
            "report_window_days": rulebook.clock("pilkada.report_window").days,
            "categories": sorted(rulebook.categories),
        },
    )


@require_http_methods(["GET", "POST"])
def report(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _report_page(request, ReportForm(), held=[])
    if (limited := _rate_limited(request, "reports")) is not None:
        return limited
    held = quarantine.held_in(request.POST)
    form = ReportForm(request.POST, request.FILES, held=tuple(held))
    if not form.is_valid() or form.date_warning is not None:
        return _report_page(request, form, held=held, hold_new=True)
    if (quota := _over_quota(request, form)) is not None:
        form.add_service_error(quota[0], quota[1])
        return _report_page(request, form, held=held)
    data = form.cleaned_data
    party = None
    if data["party_name"]:
        party = PartyData(
            name=data["party_name"],
            nip=data["party_nip"],
            subject_type=data["party_subject_type"] or "unknown",
            position=data["party_position"],
            agency=data["party_agency"],
        )
    now = timezone.now()
    held_files = quarantine.open_held(held)
    try:
        filed = submit_public_report(
            PublicReport(
                series=data["series"],
                region=data["region"],
                kecamatan=data["kecamatan"],
                incident_on=data["incident_on"],
                known_on=data["known_on"],
                place=data["place"],
                description=data["description"],
                reporter=ReporterData(
                    kind=ReporterKind(data["reporter_kind"]),
                    name=data["reporter_name"],
                    address=data["reporter_address"],
                    contact=data["reporter_contact"],
                    notify=data["notify_contact"],
                ),
                party=party,
                links=data["links"],
                files=[*held_files, *data["evidence"]],
                may_disclose_identity=data["may_disclose_identity"],
                may_be_contacted=data["may_be_contacted"],
            ),
            now=now,
            today=timezone.localdate(now),
        )
    except StorageFullError:
        form.add_service_error(
            "evidence",
            _(
                "The server cannot take evidence files right now. Send the report "
                "without files, or try again later."
            ),
        )
    except EvidenceRejectedError as error:
        form.add_service_error(
            "evidence",
            _("%(name)s is not an accepted file type (photo, PDF, video or audio).")
            % {"name": error.details.get("name", "")},
        )
    except NetraError as error:
        form.add_service_error(form_field_for(error.details.get("field")), error.message)
    else:
        quarantine.release(held)
        request.session[SESSION_RECEIPT] = filed.tracking_code
        return redirect("public:receipt")
    finally:
        for held_file in held_files:
            held_file.close()
    return _report_page(request, form, held=held, hold_new=True)


def _report_page(
    request: HttpRequest, form: ReportForm, *, held: list[HeldFile], hold_new: bool = False
) -> HttpResponse:
    """The form, with the evidence already attached kept on the server and listed again.

    New files are held only when they passed the form's checks; a rejected one is not kept.
    """
    if hold_new:
        new = quarantine.carry_over(
            [],
            request.FILES.getlist("evidence"),
            rejected="evidence" in form.errors,
            now=timezone.now(),
        )
        # Kept files use the disk like filed ones: they count against the daily upload quota.
        try:
            ratelimit.charge_uploads(request, upload_bytes=sum(kept.size for kept in new))
        except ApiError:
            quarantine.release(new)
            new = []
            form.add_service_error("evidence", _upload_quota_message())
        held = [*held, *new]
    return render(
        request,
        "public/report.html",
        {
            "form": form,
            "upload": _upload_facts(),
            "held": held,
            "held_token": quarantine.token_for(held),
            "kecamatan_options": form.kecamatan_options(),
        },
    )


def kecamatan_list(request: HttpRequest) -> JsonResponse:
    """The kecamatan names of one kabupaten/kota, for the report form's picker (public data)."""
    region = region_by_code(request.GET.get("wilayah", ""))
    names = kecamatan_names(region) if region is not None else []
    response = JsonResponse({"kecamatan": names})
    response["Cache-Control"] = "public, max-age=86400"
    return response


def receipt(request: HttpRequest) -> HttpResponse:
    """The tracking code, shown in full once after filing; later only its last characters.

    Phones are shared: whoever picks this one up later must not be able to follow the report
    (issue #9, finding 14). The code is kept in the session only until it has been shown.
    """
    code = request.session.pop(SESSION_RECEIPT, None)
    if code is not None:
        report = Report.objects.select_related("case").filter(tracking_code=code).first()
        if report is not None:
            request.session[SESSION_RECEIPT_SEEN] = report.pk
    else:
        seen = request.session.get(SESSION_RECEIPT_SEEN)
        report = Report.objects.select_related("case").filter(pk=seen).first() if seen else None
    if report is None:
        return redirect("public:report")
    response = render(
        request,
        "public/receipt.html",
        {
            "report": report,
            "case": report.case,
            "show_code": code is not None,
            "code_tail": report.tracking_code[-RECEIPT_TAIL_CHARS:],
        },
    )
    response["Cache-Control"] = "no-store"
    return response


def status_lookup(request: HttpRequest) -> HttpResponse:
    form = TrackingForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return redirect(reverse("public:status", args=[form.cleaned_data["code"]]))
    return render(request, "public/status_lookup.html", {"form": form})


def status(request: HttpRequest, code: str) -> HttpResponse:
    if (limited := _rate_limited(request, "report-status")) is not None:
        return limited
    found = public_status(code, now=timezone.now())
    if found is None:
        return _not_found(request, code)
    form = CompletionForm() if found.can_complete else None
    return render(
        request,
        "public/status.html",
        {
            "status": found,
            "code": code,
            "form": form,
            "upload": _upload_facts(),
            "notices": _notices_of(code),
        },
    )


def _notices_of(code: str) -> list[tuple[int, str, object]]:
    """(number, state, day) of each public step, for one status notice per step."""
    report = report_by_tracking_code(code)
    if report is None:
        return []
    steps = public_steps(report.case)
    return [(number, step.to_state, step.on) for number, step in enumerate(steps, start=1)]


def reporter_letter(
    request: HttpRequest, code: str, kind: str, step: str | None = None
) -> HttpResponse:
    """The reporter's tanda terima or a status notice (of the `step`th public step, else the
    latest) as a PDF, for whoever holds the code.

    The reporter's name and address are printed only if they let the supervisors name them.
    """
    if (limited := _rate_limited(request, "report-status")) is not None:
        return limited
    report = report_by_tracking_code(code)
    if report is None:
        return _not_found(request, code)
    letter = REPORTER_LETTERS[kind]
    preference = preference_of(report)
    try:
        pdf = reporter_copy_pdf(
            report,
            letter,
            show_identity=preference is not None and preference.may_disclose_identity,
            step=int(step) if step else None,
        )
    except DocumentError:
        return _not_found(request, code)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{letter.title_id} {report.case.number}.pdf"'
    )
    response["Cache-Control"] = "no-store"
    return response


# URL word -> the letter a reporter may download from the status page.
REPORTER_LETTERS = {
    "tanda-terima": DocumentKind.RECEIPT,
    "pemberitahuan": DocumentKind.STATUS_NOTICE,
}


def _upload_facts() -> dict[str, object]:
    """The upload limit and accepted types, stated next to every file field."""
    limit: int = settings.NETRA_MAX_UPLOAD_BYTES
    return {"mb": limit // (1024 * 1024), "types": ACCEPTED_DESCRIPTION}


def _not_found(request: HttpRequest, code: str) -> HttpResponse:
    form = TrackingForm(initial={"code": code})
    return render(
        request, "public/status_lookup.html", {"form": form, "not_found": True}, status=404
    )


@require_http_methods(["POST"])
def complete(request: HttpRequest, code: str) -> HttpResponse:
    """The reporter answers a request for completion with words, files and links."""
    if (limited := _rate_limited(request, "reports")) is not None:
        return limited
    report = report_by_tracking_code(code)
    if report is None:
        return _not_found(request, code)
    form = CompletionForm(request.POST, request.FILES)
    if form.is_valid():
        files = form.cleaned_data["evidence"]
        try:
            ratelimit.charge_report(request, upload_bytes=sum(f.size or 0 for f in files))
            now = timezone.now()
            complete_report(
                report,
                data=CompletionData(
                    note=form.cleaned_data["note"],
                    links=tuple(form.cleaned_data["links"]),
                    files=tuple(files),
                ),
                now=now,
                today=timezone.localdate(now),
            )
        except ApiError:
            form.add_service_error(
                "evidence", _("Too many reports or files were sent from this address today.")
            )
        except CompletionClosedError:
            form.add_service_error(
                None, _("This report no longer waits for your answer, or the time to answer ended.")
            )
        except StorageFullError:
            form.add_service_error(
                "evidence", _("The server cannot take evidence files right now. Try again later.")
            )
        except EvidenceRejectedError as error:
            form.add_service_error(
                "evidence",
                _("%(name)s is not an accepted file type (photo, PDF, video or audio).")
                % {"name": error.details.get("name", "")},
            )
        except NetraError as error:
            form.add_service_error(form_field_for(error.details.get("field")), error.message)
        else:
            messages.success(request, _("Thank you. Your answer has been added to the report."))
            return redirect("public:status", code=code)
    found = public_status(code, now=timezone.now())
    return render(
        request,
        "public/status.html",
        {"status": found, "code": code, "form": form, "upload": _upload_facts()},
        status=422,
    )
