"""The monitoring desk: the review queue, one group, triage actions and the file upload.

Reads go through netra.monitoring.selectors (a group outside the user's region is a 404), writes
through netra.monitoring.services. Views only check input and show errors.
"""

from __future__ import annotations

from dataclasses import replace

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from netra.accounts.models import User
from netra.cases.access import staff_required
from netra.desk.selectors import regions_for
from netra.errors import NetraError
from netra.errors import render as render_message
from netra.monitoring import selectors, services
from netra.monitoring.core.formats import FormatError, read_posts
from netra.monitoring.forms import (
    AcceptForm,
    BatchForm,
    DismissForm,
    DuplicateForm,
    QueueFilterForm,
    UploadForm,
)
from netra.monitoring.models import Group, SourceKind
from netra.monitoring.reports import reporters_of
from netra.monitoring.scope import GroupNotFoundError, can_triage
from netra.regions.selectors import region_by_code

PAGE_SIZE = 50
ERRORS_SHOWN = 20


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # noqa: S101 -- staff_required guarantees it
    return user


def _group(user: User, group_id: int) -> Group:
    try:
        return selectors.get_group_for(user, group_id)
    except GroupNotFoundError:
        raise Http404(_("Group not found.")) from None


@staff_required
def queue(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = QueueFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    groups = selectors.queue_for(
        user,
        platform=(data.get("platform") or "").lower(),
        category=data.get("category"),
        subject=data.get("subject") or "",
        since=data.get("since"),
        until=data.get("until"),
        flagged_only=not data.get("everything"),
    )
    page = Paginator(groups, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "monitoring/queue.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "can_triage": can_triage(user),
            "elections": selectors.all_elections(),
            "alerts": selectors.alerts_for(user, now=timezone.now()),
        },
    )


def _accept_form(user: User, group: Group, data: object = None) -> AcceptForm:
    return AcceptForm(
        data,
        elections=[(e.code, e.name) for e in selectors.elections_for(group)],
        regions=[(r.code, f"{r.code} {r.name}") for r in regions_for(user)],
    )


@staff_required
def group_detail(request: HttpRequest, group_id: int) -> HttpResponse:
    user = _user(request)
    try:
        detail = selectors.group_detail_for(user, group_id)
    except GroupNotFoundError:
        raise Http404(_("Group not found.")) from None
    # The full readings deferred at ingest, if the worker has not made them yet.
    services.analyze_pending(view.item for view in detail.items)
    tips = selectors.tips_of(detail.group)
    return render(
        request,
        "monitoring/group.html",
        {
            "detail": detail,
            "group": detail.group,
            "reporters": reporters_of(detail.group),
            "reading": selectors.reading_of(detail.items),
            "tips": tips,
            "can_triage": can_triage(user),
            "accept_form": _accept_form(user, detail.group),
            "dismiss_form": DismissForm(),
            "duplicate_form": DuplicateForm(),
        },
    )


def _next(request: HttpRequest, group: Group) -> HttpResponseBase:
    if request.POST.get("next") == "queue":
        return redirect("monitoring:queue")
    return redirect("monitoring:group", group.pk)


def _refuse(request: HttpRequest, group: Group, message: str) -> HttpResponseBase:
    messages.error(request, message)
    return _next(request, group)


@require_POST
@staff_required
def accept(request: HttpRequest, group_id: int) -> HttpResponseBase:
    user = _user(request)
    group = _group(user, group_id)
    form = _accept_form(user, group, request.POST)
    if not form.is_valid():
        return _refuse(request, group, _("Choose the election for the case."))
    election = selectors.election_by_code(form.cleaned_data["election"])
    if election is None:
        return _refuse(request, group, _("Choose the election for the case."))
    region = region_by_code(form.cleaned_data["region"]) if form.cleaned_data["region"] else None
    now = timezone.now()
    try:
        case = services.accept_group(
            group,
            actor=user,
            election=election,
            region=region,
            place=form.cleaned_data["place"],
            now=now,
            today=timezone.localdate(now),
        )
    except NetraError as error:
        return _refuse(request, group, _("Not accepted: %(error)s") % {"error": error.message})
    messages.success(request, _("Case %(number)s opened as a finding.") % {"number": case.number})
    if request.POST.get("next") == "queue":
        return redirect("monitoring:queue")
    return redirect("desk:case", case.pk)


@require_POST
@staff_required
def dismiss(request: HttpRequest, group_id: int) -> HttpResponseBase:
    user = _user(request)
    group = _group(user, group_id)
    form = DismissForm(request.POST)
    if not form.is_valid():
        return _refuse(request, group, _("Give the reason for dismissing."))
    try:
        services.dismiss_group(
            group, actor=user, reason=form.cleaned_data["reason"], now=timezone.now()
        )
    except NetraError as error:
        return _refuse(request, group, _("Not dismissed: %(error)s") % {"error": error.message})
    messages.success(request, _("Group dismissed."))
    return redirect("monitoring:queue")


@require_POST
@staff_required
def duplicate(request: HttpRequest, group_id: int) -> HttpResponseBase:
    user = _user(request)
    group = _group(user, group_id)
    form = DuplicateForm(request.POST)
    if not form.is_valid():
        return _refuse(request, group, _("Give the number of the group it duplicates."))
    try:
        target = selectors.get_group_for(user, form.cleaned_data["of"])
        services.mark_duplicate(group, of=target, actor=user, now=timezone.now())
    except GroupNotFoundError:
        return _refuse(request, group, _("No group %(n)s in your region.") % {"n": form.data["of"]})
    except NetraError as error:
        return _refuse(request, group, _("Not folded: %(error)s") % {"error": error.message})
    messages.success(request, _("Group folded into group %(n)s.") % {"n": target.pk})
    return _next(request, group)


@require_POST
@staff_required
def batch_dismiss(request: HttpRequest) -> HttpResponseBase:
    user = _user(request)
    form = BatchForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Select groups and give the reason for dismissing."))
        return redirect("monitoring:queue")
    done, refused = 0, 0
    now = timezone.now()
    for group_id in form.cleaned_data["groups"]:
        try:
            group = selectors.get_group_for(user, group_id)
            services.dismiss_group(group, actor=user, reason=form.cleaned_data["reason"], now=now)
            done += 1
        except NetraError as error:
            refused += 1
            # One line a refused group, as the case bulk actions give one line a case: which
            # group, and why (outside the viewer's region, already triaged).
            messages.error(
                request,
                _("Group #%(number)s was not dismissed: %(reason)s")
                % {"number": group_id, "reason": error.message},
            )
    messages.success(
        request,
        _("%(done)s group(s) dismissed, %(refused)s refused.") % {"done": done, "refused": refused},
    )
    return redirect("monitoring:queue")


def _row_reason(outcome: services.LineOutcome) -> services.LineOutcome:
    """A skipped line with its reason in the page's language: the core keeps the reason's
    English template and values (it does not import Django), the catalogue words it here; a
    value such as the json module's own reason stays as it came, inside the sentence."""
    row = outcome.skipped
    if row is None or not row.template:
        return outcome
    reason = render_message(_(row.template), row.params, fallback=row.template)
    return replace(outcome, error=f"{row.where}: {reason}" if row.where else reason)


@staff_required
def upload(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not can_triage(user):  # imports fill the supervisors' queue; other roles only read it
        return render(request, "403.html", status=403)
    form = UploadForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        if upload_file.size > settings.NETRA_MAX_UPLOAD_BYTES:
            form.add_error("file", _("The file is larger than the upload limit."))
        else:
            name = form.cleaned_data["source"].strip()
            if user.region is not None:
                name = f"{name} ({user.region.code})"
            try:
                rows = read_posts(
                    upload_file.read(), name=upload_file.name, fmt=form.cleaned_data["format"]
                )
                report = services.ingest_posts(
                    rows,
                    source=services.source_named(name, kind=SourceKind.FILE, region=user.region),
                    now=timezone.now(),
                    threshold=form.cleaned_data["threshold"],
                )
            except FormatError as error:
                form.add_error("file", error.message)  # the page's language (catalogue)
            except services.IngestBatchError as error:
                form.add_error("file", error.message)
                report = error.result
    return render(
        request,
        "monitoring/upload.html",
        {
            "form": form,
            "report": report,
            "errors": [_row_reason(o) for o in report.errors[:ERRORS_SHOWN]] if report else [],
            "more_errors": max(0, len(report.errors) - ERRORS_SHOWN) if report else 0,
        },
    )
