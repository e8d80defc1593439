"""The recap dashboard, its exports (CSV, XLSX) and a printable PDF."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from netra.cases.access import current_user, staff_required
from netra.cases.selectors import GroupBy, RecapBasis, recap
from netra.documents.pdf import render_pdf
from netra.insights import exports
from netra.insights.selectors import RecapQuery, dashboard, recap_map
from netra.prevention.selectors import coverage_totals
from netra.procedure import CaseState
from netra.public import labels
from netra.public.forms import (
    AccessibleForm,
    _choice_field,
    election_filter_field,
    kecamatan_field,
)
from netra.public.selectors import kecamatan_names
from netra.regions.models import Region
from netra.regions.selectors import (
    kecamatan_named,
    provinces_to_filter,
    regencies_to_filter,
    region_by_code,
)

BASIS_CHOICES = [
    (RecapBasis.PROVEN.value, _("Proven violations (decided as a violation)")),
    (RecapBasis.ALL.value, _("All reports and findings received")),
]


class RecapFilterForm(AccessibleForm):
    basis = forms.ChoiceField(label=_("Count"), required=False, choices=BASIS_CHOICES)
    election = election_filter_field()
    province = forms.ChoiceField(label=_("Province"), required=False)
    regency = forms.ChoiceField(label=_("Regency or city"), required=False)
    kecamatan = kecamatan_field("recap-kecamatan-options", _("Choose the regency or city first."))
    state = forms.ChoiceField(label=_("Status"), required=False)
    incident_from = forms.DateField(
        label=_("Incident from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    incident_to = forms.DateField(
        label=_("Incident until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, scope: Region | None = None, **kwargs: Any) -> None:
        """`scope` is the viewer's region: only regions inside it (and its province) are offered."""
        super().__init__(*args, **kwargs)
        _choice_field(self, "province").choices = [
            ("", _("All provinces")),
            *[(p.code, p.name) for p in provinces_to_filter(scope)],
        ]
        # Before a province is chosen every regency is offered; after, only that province's.
        chosen = str(self.data.get("province") or "") if self.is_bound else ""
        regencies = regencies_to_filter(scope, province=chosen)
        _choice_field(self, "regency").choices = [
            ("", _("All regencies and cities")),
            *[(r.code, r.name) for r in regencies],
        ]
        _choice_field(self, "state").choices = [
            ("", _("Any status")),
            *[(state.value, labels.state_label(state.value)) for state in CaseState],
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("incident_from"), data.get("incident_to")
        if start and end and end < start:
            self.add_error("incident_to", _("This date is before the start of the range."))
        regency = region_by_code(data["regency"]) if data.get("regency") else None
        typed = str(data.get("kecamatan") or "").strip()
        data["kecamatan"] = None
        if typed and regency is None:
            self.add_error("kecamatan", _("Choose the regency or city of this kecamatan first."))
        elif typed and regency is not None:
            data["kecamatan"] = kecamatan_named(regency, typed)
            if data["kecamatan"] is None:
                self.add_error(
                    "kecamatan",
                    _("%(region)s has no kecamatan %(name)s. Pick one from the list.")
                    % {"region": regency.name, "name": typed},
                )
        return data

    def kecamatan_options(self) -> list[str]:
        """The kecamatan names of the chosen regency, for the field's datalist."""
        code = str(self.data.get("regency") or "") if self.is_bound else ""
        regency = region_by_code(code) if code else None
        return kecamatan_names(regency) if regency is not None else []


def _filters(request: HttpRequest) -> tuple[RecapFilterForm, RecapQuery]:
    form = RecapFilterForm(request.GET or None, scope=current_user(request).region)
    query = RecapQuery()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        query = RecapQuery(
            basis=RecapBasis(data["basis"] or RecapBasis.PROVEN.value),
            election=data["election"] or None,
            province=region_by_code(data["province"]) if data["province"] else None,
            state=data["state"] or None,
            incident_from=data["incident_from"],
            incident_to=data["incident_to"],
            regency=region_by_code(data["regency"]) if data["regency"] else None,
            kecamatan=data["kecamatan"],
        )
    return form, query


@staff_required
def dashboard_view(request: HttpRequest) -> HttpResponse:
    form, recap_query = _filters(request)
    data = dashboard(current_user(request), recap_query, today=timezone.localdate())
    query = request.GET.urlencode()
    return render(
        request,
        "insights/dashboard.html",
        {
            "form": form,
            "data": data,
            "province": recap_query.province,
            "regency": recap_query.regency,
            "kecamatan": recap_query.kecamatan,
            "basis": recap_query.basis.value,
            "query": query,
            "groupings": [g.value for g in GroupBy if g is not GroupBy.POSITION],
            # Issue 13: what each region did to prevent violations, beside what was reported.
            "prevention": coverage_totals(current_user(request), recap_query.province),
            "prevention_level": "regency" if recap_query.province else "province",
        },
    )


def _attachment(body: bytes, fmt: str, name: str) -> HttpResponse:
    types = {
        "csv": "text/csv; charset=utf-8",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    response = HttpResponse(body, content_type=types[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@staff_required
def export(request: HttpRequest, group: str, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404
    _, recap_query = _filters(request)
    stamp = timezone.localdate().isoformat()
    # Issue 13: what each region did to prevent violations, in the same scope as the recap.
    coverage = coverage_totals(current_user(request), recap_query.province)
    level = "regency" if recap_query.province else "province"
    if group == exports.COVERAGE_SHEET:
        name = f"rekap-netra-pencegahan-{stamp}"
        if fmt == "csv":
            return _attachment(exports.coverage_to_csv(coverage, level=level), fmt, name)
        return _attachment(
            exports.to_xlsx(None, sheet="", coverage=coverage, level=level), fmt, name
        )
    try:
        group_by = GroupBy(group)
    except ValueError:
        raise Http404 from None
    result = recap(
        current_user(request),
        group_by=group_by,
        basis=recap_query.basis,
        confirmed_only=True,
        **recap_query.case_filters(),
    )
    name = f"rekap-netra-{recap_query.basis.value}-{group_by.value}-{stamp}"
    if fmt == "csv":
        return _attachment(exports.to_csv(result), fmt, name)
    body = exports.to_xlsx(result, sheet=group_by.value, coverage=coverage, level=level)
    return _attachment(body, fmt, name)


@staff_required
def recap_pdf(request: HttpRequest) -> HttpResponse:
    _, recap_query = _filters(request)
    today = timezone.localdate()
    data = dashboard(current_user(request), recap_query, today=today)
    # The choropleth of /desk/peta/ (issue #12) over the recap's own counts, as vector shapes.
    chart = recap_map(data, province=recap_query.province)
    pdf = render_pdf(
        "insights/recap_pdf.html",
        {
            "data": data,
            "province": recap_query.province,
            "regency": recap_query.regency,
            "kecamatan": recap_query.kecamatan,
            "election": recap_query.election,
            "basis": recap_query.basis.value,
            "today": today,
            "chart": chart,
            "prevention": coverage_totals(current_user(request), recap_query.province),
            "prevention_level": "regency" if recap_query.province else "province",
        },
        language=get_language() or "id",
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="rekap-netra-{today.isoformat()}.pdf"'
    return response
