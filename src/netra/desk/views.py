"""The staff desk: login, inbox, and the case page with its actions.

Reads go through netra.cases.selectors (a case outside the user's region is a 404, exactly as if
it did not exist); writes through netra.cases.services. Views only check input and show errors.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from netra.accounts.models import User
from netra.accounts.services import remember_language
from netra.cases.access import current_user, staff_required
from netra.cases.batch import (
    BatchInputError,
    ExportFile,
    ExportFormat,
    assign_cases,
    batch_targets,
    export_cases,
    may_export_identity,
    move_cases,
    selected_cases,
)
from netra.cases.downloads import evidence_file_response
from netra.cases.duplicates import links_of, near_duplicates
from netra.cases.findings import suggested_findings
from netra.cases.models import LinkKind, Report, ReporterKind
from netra.cases.permissions import ActionNotAllowedError
from netra.cases.scope import lacks_kecamatan
from netra.cases.selectors import (
    CaseDetail,
    case_detail_for,
    evidence_for,
    get_case_for,
    staff_member,
)
from netra.cases.services import (
    EvidenceWithheldError,
    IncidentData,
    PartyData,
    ReporterData,
    StaffEntryKind,
    add_evidence,
    assign_case,
    confirm_classification,
    link_cases,
    move_case,
    open_case_as_staff,
    reopen_case,
    step_warning,
)
from netra.desk import selectors
from netra.desk.forms import (
    AssignmentForm,
    ClassificationForm,
    EvidenceForm,
    InboxFilterForm,
    ReopenForm,
    StaffCaseForm,
    TransitionForm,
)
from netra.documents.selectors import documents_for
from netra.documents.services import DocumentKind
from netra.errors import NetraError
from netra.notifications.selectors import in_app_for
from netra.procedure import CaseState, Certainty, Regime
from netra.public import quarantine
from netra.public.forms import form_field_for
from netra.public.labels import role_label
from netra.public.selectors import election_for, preference_of
from netra.regions.selectors import region_by_code

PAGE_SIZE = 25


def same_site_path(target: str) -> str | None:
    """`target` if it is a path on this site ("/desk/kasus/3/"), else None.

    Only a single leading slash is accepted: "//evil.example", "/\\evil.example" and any scheme
    or host would send a freshly logged-in officer to another site (issue #9, finding 7).
    """
    if not target.startswith("/") or target.startswith(("//", "/\\")):
        return None
    if any(ord(char) < 32 or char == "\\" for char in target):
        return None
    return target


class LoginView(auth_views.LoginView):
    template_name = "desk/login.html"
    redirect_authenticated_user = True

    def get_redirect_url(self) -> str:
        target = self.request.POST.get("next", self.request.GET.get("next", ""))
        return same_site_path(str(target)) or ""

    def get_default_redirect_url(self) -> str:
        return "/desk/"

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        """Log in; the language chosen on this browser goes to the account, or the account's
        language, chosen on another browser, comes back to this one."""
        response = super().form_valid(form)
        user = form.get_user()
        chosen = self.request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if chosen in dict(settings.LANGUAGES):
            remember_language(user, chosen)
        elif user.language:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                user.language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response


def login_locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """django-axes' answer once an account or a client address has too many failed logins."""
    cool_off = settings.AXES_COOLOFF_TIME
    minutes = max(1, int(cool_off.total_seconds() // 60))
    message = _(
        "Too many failed logins for this account or from this address. Try again in "
        "%(minutes)s minutes, or ask an administrator to unlock the account."
    ) % {"minutes": minutes}
    response = render(request, "429.html", {"message": message}, status=429)
    response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response


class LogoutView(auth_views.LogoutView):
    next_page = "public:home"


def _inbox_filters(
    request: HttpRequest, user: User
) -> tuple[InboxFilterForm, selectors.InboxFilter]:
    region_options = [(r.code, f"{r.code} {r.name}") for r in selectors.regions_for(user)]
    kecamatan = {k.code: k for k in selectors.kecamatan_for(user)}
    form = InboxFilterForm(
        request.GET or None,
        regions=region_options,
        kecamatan=[(code, k.name) for code, k in kecamatan.items()],
    )
    filters = selectors.InboxFilter()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = selectors.InboxFilter(
            state=data["state"],
            deadline=data["deadline"],
            region=region_by_code(data["region"]) if data["region"] else None,
            category=data["category"],
            mine=data["mine"],
            search=data["q"],
            kecamatan=kecamatan.get(data.get("kecamatan") or ""),
        )
    return form, filters


def _export_response(export: ExportFile) -> HttpResponse:
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _export_language() -> str:
    """The language of an export's label columns: the desk's reader's, as the recap's exports."""
    return "en" if (translation.get_language() or "").startswith("en") else "id"


@staff_required
def inbox_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The inbox as filtered, as CSV or XLSX; the reporter's identity only on a supervisor's
    request (`identitas=1`) and only for the regions they supervise. Audited."""
    user = current_user(request)
    _, filters = _inbox_filters(request, user)
    today = timezone.localdate()
    cases = selectors.inbox(user, filters, today=today).prefetch_related("parties")
    try:
        export = export_cases(
            user,
            cases,
            fmt=ExportFormat(fmt),
            with_identity=request.GET.get("identitas") == "1",
            today=today,
            scope=f"inbox?{request.GET.urlencode()}",
            language=_export_language(),
        )
    except NetraError as error:
        messages.error(request, error.message)
        return redirect(f"{reverse('desk:inbox')}?{request.GET.urlencode()}")
    return _export_response(export)


@staff_required
@require_POST
def bulk(request: HttpRequest) -> HttpResponse:
    """Assign, move or export the cases ticked in the inbox; one line of outcome per case."""
    user = current_user(request)
    back = f"{reverse('desk:inbox')}?{request.POST.get('query', '')}"
    action = request.POST.get("action", "")
    try:
        ids = [int(value) for value in request.POST.getlist("case")]
    except ValueError:
        messages.error(request, _("The selection is not valid; select the cases again."))
        return redirect(back)
    now = timezone.now()
    try:
        cases = selected_cases(user, ids)
        if action in {"export_csv", "export_xlsx"}:
            return _export_response(
                export_cases(
                    user,
                    cases,
                    fmt=ExportFormat(action.removeprefix("export_")),
                    with_identity=request.POST.get("identitas") == "1",
                    today=timezone.localdate(now),
                    scope="selection",
                    language=_export_language(),
                )
            )
        if action == "assign":
            username = request.POST.get("assignee", "")
            assignee = staff_member(username) if username else None
            if username and assignee is None:
                raise BatchInputError(f"no staff member {username!r}", field="assignee")
            outcomes = assign_cases(cases, assignee=assignee, actor=user)
            done = _("Assigned: %(numbers)s")
        elif action == "move":
            try:
                target = CaseState(request.POST.get("target", ""))
            except ValueError:
                raise BatchInputError(_("Choose the step to move the cases to.")) from None
            outcomes = move_cases(
                cases,
                target=target,
                actor=user,
                note=request.POST.get("note", ""),
                now=now,
                today=timezone.localdate(now),
            )
            done = _("Moved to the next step: %(numbers)s")
        else:
            raise BatchInputError(_("Choose what to do with the selected cases."))
    except NetraError as error:
        messages.error(request, error.message)
        return redirect(back)
    succeeded = [outcome.number for outcome in outcomes if outcome.ok]
    if succeeded:
        messages.success(request, done % {"numbers": ", ".join(succeeded)})
    for outcome in outcomes:
        if not outcome.ok:
            messages.error(
                request,
                _("%(number)s was not changed: %(reason)s")
                % {"number": outcome.number, "reason": outcome.message},
            )
    return redirect(back)


@staff_required
def inbox(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    form, filters = _inbox_filters(request, user)
    cases = selectors.inbox(user, filters, today=timezone.localdate())
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    states = {case.state for case in page.object_list}
    return render(
        request,
        "desk/inbox.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "role": role_label(user.role),
            "can_enter": selectors.can_enter_cases(user),
            "can_assign": selectors.can_assign(user),
            "assignees": selectors.staff_in_scope(user) if selectors.can_assign(user) else [],
            "bulk_targets": batch_targets(user, states),
            "may_export_identity": may_export_identity(user),
            "lacks_kecamatan": lacks_kecamatan(user),
        },
    )


def _case_page(
    request: HttpRequest,
    detail: CaseDetail,
    *,
    bound: TransitionForm | None = None,
    classification: ClassificationForm | None = None,
    evidence: EvidenceForm | None = None,
    reopen: ReopenForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = current_user(request)
    case = detail.case
    transition_forms = [
        bound
        if bound is not None and bound.transition.target == step.target
        else TransitionForm(transition=step, subject=case.subject_type)
        for step in detail.next_steps
    ]
    report = Report.objects.filter(case=case).first()
    users = [
        (u.username, f"{u.username} · {role_label(u.role)}")
        for u in selectors.assignable_users(case)
    ]
    return render(
        request,
        "desk/case.html",
        {
            "detail": detail,
            "case": case,
            "timeline": selectors.timeline(detail),
            "findings": suggested_findings(detail.suggestion),
            "transition_forms": transition_forms,
            # Pilkada steps borrowed from the Pemilu Perbawaslu are provisional (issue 8 item 13).
            "borrowed_steps": _borrowed_steps(detail),
            "open_target": bound.transition.target.value if bound is not None else "",
            "can_classify": selectors.can_classify(user),
            "can_assign": selectors.can_assign(user),
            "can_add_evidence": selectors.can_add_evidence(user),
            "classification_form": classification
            or ClassificationForm(
                initial={
                    "category": case.category,
                    "subject_type": case.subject_type or "unknown",
                    "acts": list(case.acts),
                }
            ),
            "assignment_form": AssignmentForm(
                users=users,
                initial={"assignee": case.assigned_to.username if case.assigned_to else ""},
            ),
            "evidence_form": evidence or EvidenceForm(),
            "preference": preference_of(report) if detail.reporter else None,
            "documents": documents_for(user, case.pk),
            "notices": selectors.notices_for(detail),
            "can_reopen": selectors.can_reopen(user, case),
            "duplicates": near_duplicates(user, case),
            "links": links_of(case),
            "can_link": selectors.can_classify(user),
            "reopen_form": reopen or ReopenForm(),
            "document_kinds": list(DocumentKind),
        },
        status=status,
    )


@staff_required
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    return _case_page(request, case_detail_for(current_user(request), case_id))


def _service_field(error: NetraError) -> str | None:
    field = str(error.details.get("field") or "")
    return field.removeprefix("payload.") or None


def _borrowed_steps(detail: CaseDetail) -> dict[str, str]:
    """Target state -> basis, for the next steps that are provisional in the case's regime.

    The procedure table explains its bases in English; the page gives the citation (before the
    colon) and says in the page's language why the step is provisional.
    """
    regime = Regime(detail.case.election.regime)
    return {
        step.target.value: _(
            "%(basis)s; Pilkada: borrowed from the Pemilu Perbawaslu, whose "
            "Pilkada counterpart (Perbawaslu 8/2020 as amended by 9/2024) was not read"
        )
        % {"basis": step.basis.split(":", 1)[0]}
        for step in detail.next_steps
        if step.certainty_for(regime) is Certainty.PROVISIONAL
    }


@staff_required
@require_POST
def transition(request: HttpRequest, case_id: int, target: str) -> HttpResponse:
    user = current_user(request)
    detail = case_detail_for(user, case_id)
    step = next((s for s in detail.next_steps if s.target.value == target), None)
    if step is None:
        messages.error(request, _("This step is not available to you for this case."))
        return redirect("desk:case", case_id=case_id)
    form = TransitionForm(request.POST, transition=step, subject=detail.case.subject_type)
    if form.is_valid():
        now = timezone.now()
        try:
            step_taken = move_case(
                detail.case,
                target=step.target,
                actor=user,
                payload=form.payload(),
                note=form.cleaned_data["note"],
                extended=bool(form.cleaned_data.get("extended")),
                now=now,
                today=timezone.localdate(now),
            )
        except NetraError as error:
            form.add_service_error(_service_field(error), error.message)
        else:
            messages.success(request, _("The case has moved to the next step."))
            warning = step_warning(step_taken.payload)
            if warning:
                messages.warning(request, warning)
            return redirect("desk:case", case_id=case_id)
    return _case_page(request, case_detail_for(user, case_id), bound=form, status=422)


@staff_required
@require_POST
def classify(request: HttpRequest, case_id: int) -> HttpResponse:
    user = current_user(request)
    case = get_case_for(user, case_id)
    form = ClassificationForm(request.POST)
    if form.is_valid():
        try:
            confirm_classification(
                case,
                category=form.cleaned_data["category"],
                acts=form.cleaned_data["acts"],
                subject_type=form.cleaned_data["subject_type"],
                actor=user,
            )
        except NetraError as error:
            form.add_service_error(_service_field(error), error.message)
        else:
            messages.success(request, _("Classification confirmed."))
            return redirect("desk:case", case_id=case_id)
    return _case_page(request, case_detail_for(user, case_id), classification=form, status=422)


@staff_required
@require_POST
def assign(request: HttpRequest, case_id: int) -> HttpResponse:
    user = current_user(request)
    case = get_case_for(user, case_id)
    username = request.POST.get("assignee", "")
    assignee = User.objects.filter(username=username, is_active=True).first() if username else None
    if username and assignee is None:
        messages.error(request, _("No such staff member."))
        return redirect("desk:case", case_id=case_id)
    try:
        assign_case(case, assignee=assignee, actor=user)
    except ActionNotAllowedError:
        messages.error(request, _("Your role may not assign cases."))
    except NetraError:
        messages.error(request, _("This staff member does not cover the case's region."))
    else:
        messages.success(request, _("Assignment saved."))
    return redirect("desk:case", case_id=case_id)


@staff_required
@require_POST
def upload_evidence(request: HttpRequest, case_id: int) -> HttpResponse:
    user = current_user(request)
    case = get_case_for(user, case_id)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            add_evidence(
                case,
                actor=user,
                now=timezone.now(),
                upload=form.cleaned_data["file"],
                url=form.cleaned_data["url"] or "",
            )
        except NetraError as error:
            form.add_service_error("file", error.message)
        else:
            messages.success(request, _("Evidence added."))
            return redirect("desk:case", case_id=case_id)
    return _case_page(request, case_detail_for(user, case_id), evidence=form, status=422)


@staff_required
def download_evidence(request: HttpRequest, case_id: int, evidence_id: int) -> HttpResponseBase:
    user = current_user(request)
    evidence = evidence_for(user, case_id, evidence_id)
    if not evidence.file:  # a link is shown as a link on the case page, never redirected to
        raise Http404(_("This evidence is a link, not a file."))
    try:
        return evidence_file_response(evidence, actor=user)
    except EvidenceWithheldError:
        message = _(
            "This video or audio file keeps data that can identify people (such as where it was "
            "recorded); only the election supervisors (Bawaslu) of the region can download it."
        )
        return render(request, "403.html", {"message": message}, status=403)


@staff_required
@require_http_methods(["GET", "POST"])
def new_case(request: HttpRequest) -> HttpResponse:
    """Enter a temuan, an informasi awal or a walk-in laporan, screened and clocked as a report."""
    user = current_user(request)
    regions = [(r.code, f"{r.code} {r.name}") for r in selectors.regions_for(user)]
    # Evidence attached before an error is kept for the next try, as on the public form.
    held = quarantine.held_in(request.POST) if request.method == "POST" else []
    form = StaffCaseForm(
        request.POST or None, request.FILES or None, regions=regions, held=tuple(held)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        election = election_for(data["series"], data["region"])
        if election is None:
            form.add_service_error(
                "region", _("No election of this kind is set up for this region.")
            )
        else:
            kind = StaffEntryKind(data["kind"])
            reporter = None
            if kind is StaffEntryKind.REPORT:
                reporter = ReporterData(
                    kind=ReporterKind(data["reporter_kind"]),
                    name=data["reporter_name"],
                    address=data["reporter_address"],
                    contact=data["reporter_contact"],
                    notify=data["notify_contact"],
                )
            party = (
                PartyData(
                    name=data["party_name"],
                    nip=data["party_nip"],
                    subject_type=data["party_subject_type"] or "unknown",
                    position=data["party_position"],
                    agency=data["party_agency"],
                )
                if data["party_name"]
                else None
            )
            now = timezone.now()
            held_files = quarantine.open_held(held)
            try:
                case = open_case_as_staff(
                    kind,
                    IncidentData(
                        election=election,
                        region=data["region"],
                        incident_on=data["incident_on"],
                        known_on=data["known_on"],
                        place=data["place"],
                        description=data["description"],
                        parties=(party,) if party else (),
                        links=tuple(data["links"]),
                        files=(*held_files, *data["evidence"]),
                        kecamatan=data["kecamatan"],
                    ),
                    actor=user,
                    now=now,
                    today=timezone.localdate(now),
                    reporter=reporter,
                    found_on=data["found_on"],
                    note=data["note"],
                )
            except NetraError as error:
                form.add_service_error(form_field_for(error.details.get("field")), error.message)
            else:
                quarantine.release(held)
                messages.success(request, _("The case has been entered."))
                if form.date_warning:
                    messages.warning(request, form.date_warning)
                return redirect("desk:case", case_id=case.pk)
            finally:
                for held_file in held_files:
                    held_file.close()
    if form.is_bound:
        held = quarantine.carry_over(
            held,
            request.FILES.getlist("evidence"),
            rejected="evidence" in form.errors,
            now=timezone.now(),
        )
    return render(
        request,
        "desk/new_case.html",
        {
            "form": form,
            "kecamatan_options": form.kecamatan_options(),
            "held": held,
            "held_token": quarantine.token_for(held),
        },
        status=422 if form.is_bound and form.errors else 200,
    )


@staff_required
@require_POST
def reopen(request: HttpRequest, case_id: int) -> HttpResponse:
    user = current_user(request)
    detail = case_detail_for(user, case_id)
    form = ReopenForm(request.POST)
    if form.is_valid():
        now = timezone.now()
        try:
            reopen_case(
                detail.case,
                actor=user,
                reason=form.cleaned_data["reason"],
                now=now,
                today=timezone.localdate(now),
            )
        except NetraError as error:
            form.add_service_error(None, error.message)
        else:
            messages.success(request, _("The case has been reopened."))
            return redirect("desk:case", case_id=case_id)
    return _case_page(request, case_detail_for(user, case_id), reopen=form, status=422)


@staff_required
@require_POST
def link(request: HttpRequest, case_id: int, other_id: int, kind: str) -> HttpResponse:
    """Merge this case into another as its duplicate, or link the two as related."""
    user = current_user(request)
    try:
        link_kind = LinkKind(kind)
    except ValueError:
        raise Http404 from None
    case = get_case_for(user, case_id)
    other = get_case_for(user, other_id)
    try:
        link_cases(case, other, kind=link_kind, actor=user, now=timezone.now())
    except NetraError as error:
        messages.error(request, error.message)
    else:
        if link_kind is LinkKind.DUPLICATE:
            messages.success(request, _("The case has been merged as a duplicate."))
        else:
            messages.success(request, _("The cases have been linked."))
    return redirect("desk:case", case_id=case_id)


@staff_required
def my_notifications(request: HttpRequest) -> HttpResponse:
    """The staff member's own messages: new cases, assignments, reporters' replies."""
    return render(
        request,
        "desk/notifications.html",
        {"notifications": in_app_for(current_user(request))},
    )
