"""The recap dashboard, its exports (CSV, XLSX) and a printable PDF."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from netra.cases.reference import PEMILU_SERIES, PILKADA_SERIES
from netra.cases.selectors import GroupBy, recap
from netra.desk.views import _user, staff_required
from netra.documents.pdf import render_pdf
from netra.insights import exports
from netra.insights.selectors import dashboard
from netra.maps.selectors import MapFilter, case_map
from netra.public.forms import AccessibleForm, _choice_field
from netra.regions.models import Region, RegionLevel
from netra.regions.selectors import region_by_code


class RecapFilterForm(AccessibleForm):
    election = forms.ChoiceField(
        label=_("Election"),
        required=False,
        choices=[
            ("", _("All elections")),
            (PILKADA_SERIES, "Pilkada 2024"),
            (PEMILU_SERIES, "Pemilu 2024"),
        ],
    )
    province = forms.ChoiceField(label=_("Province"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        provinces = Region.objects.filter(level=RegionLevel.PROVINCE).order_by("code")
        _choice_field(self, "province").choices = [
            ("", _("All provinces")),
            *[(p.code, p.name) for p in provinces],
        ]


def _filters(request: HttpRequest) -> tuple[RecapFilterForm, str | None, Region | None]:
    form = RecapFilterForm(request.GET or None)
    election, province = None, None
    if form.is_bound and form.is_valid():
        election = form.cleaned_data["election"] or None
        if form.cleaned_data["province"]:
            province = region_by_code(form.cleaned_data["province"])
    return form, election, province


@staff_required
def dashboard_view(request: HttpRequest) -> HttpResponse:
    form, election, province = _filters(request)
    data = dashboard(
        _user(request), election=election, province=province, today=timezone.localdate()
    )
    query = request.GET.urlencode()
    return render(
        request,
        "insights/dashboard.html",
        {
            "form": form,
            "data": data,
            "province": province,
            "query": query,
            "groupings": [g.value for g in GroupBy if g is not GroupBy.POSITION],
        },
    )


@staff_required
def export(request: HttpRequest, group: str, fmt: str) -> HttpResponse:
    try:
        group_by = GroupBy(group)
    except ValueError:
        raise Http404 from None
    _, election, province = _filters(request)
    result = recap(_user(request), election=election, region=province, group_by=group_by)
    stamp = timezone.localdate().isoformat()
    name = f"rekap-netra-{group_by.value}-{stamp}"
    if fmt == "csv":
        response = HttpResponse(exports.to_csv(result), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    if fmt == "xlsx":
        response = HttpResponse(
            exports.to_xlsx(result, sheet=group_by.value),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    raise Http404


@staff_required
def recap_pdf(request: HttpRequest) -> HttpResponse:
    _, election, province = _filters(request)
    today = timezone.localdate()
    data = dashboard(_user(request), election=election, province=province, today=today)
    # The same choropleth as /desk/peta/ (issue #12), drawn into the PDF as vector shapes.
    chart, _at_province = case_map(
        _user(request), province=province, filters=MapFilter(election=election)
    )
    pdf = render_pdf(
        "insights/recap_pdf.html",
        {
            "data": data,
            "province": province,
            "election": election,
            "today": today,
            "chart": chart,
        },
        language=get_language() or "id",
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="rekap-netra-{today.isoformat()}.pdf"'
    return response
