"""The staff map (/desk/peta/): a server-rendered SVG choropleth with drill-down and recap."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from netra.cases.access import current_user, staff_required
from netra.documents.pdf import render_pdf
from netra.maps.boundaries import load_shapes
from netra.maps.forms import MapFilterForm
from netra.maps.layers import layer_map, prevention_by_region, rate_per_asn
from netra.maps.selectors import MapFilter, MapFilterError, region_recap
from netra.prevention.selectors import coverage_for
from netra.regions.models import Region
from netra.regions.selectors import region_by_code
from netra.vulnerability.exports import look_next_xlsx
from netra.vulnerability.index import IndexRow, load_config
from netra.vulnerability.selectors import (
    IndexInputError,
    asn_headcounts,
    ikp_comparison,
    vulnerability_index,
)

LOOK_NEXT_ON_PAGE = 10  # the list under the map; the exports carry every region
# MapFilterError reasons in the reader's language (the error's own message is English, for the
# API and the command line).
FILTER_MESSAGES = {
    "month": gettext_lazy("month '%(month)s' is not a month (YYYY-MM)"),
    "stage_needs_election": gettext_lazy("a stage filter needs an election"),
    "no_calendar": gettext_lazy("election '%(election)s' has no calendar"),
    "stage_not_in_calendar": gettext_lazy("stage '%(stage)s' is not in the calendar of %(series)s"),
}


def filter_message(error: MapFilterError) -> str:
    template = FILTER_MESSAGES.get(str(error.details.get("reason")))
    return str(template) % error.details if template is not None else str(error)


def _look_next(
    request: HttpRequest, form: MapFilterForm, province: Region | None
) -> list[IndexRow]:
    """The regencies/cities of the view ranked by the vulnerability index, as of today."""
    try:
        return vulnerability_index(
            current_user(request),
            election=form.filters().election,
            as_of=timezone.localdate(),
            province=province.code if province else None,
        )
    except IndexInputError:
        return []


def _with_missing(rows: list[IndexRow]) -> list[dict[str, Any]]:
    """Each row with the labels of the indicators it was scored without, in the reader's
    language (none for a region without cases: it scores 0 whatever it lacks)."""
    indonesian = (get_language() or "id").startswith("id")
    labels = {i.id: i.label_id if indonesian else i.label_en for i in load_config().indicators}
    return [
        {"row": row, "without": [labels[code] for code in row.unknown] if row.cases else []}
        for row in rows
    ]


@staff_required
def staff_map(request: HttpRequest) -> HttpResponse:
    form = MapFilterForm(request.GET or None, scope=current_user(request).region)
    filters = form.filters()
    province_code = form.cleaned_data.get("province", "") if form.is_bound else ""
    province = region_by_code(province_code) if province_code else None
    viewer = current_user(request)
    kept = {k: v for k, v in request.GET.items() if k not in {"province", "region"} and v}
    link_key = "province" if province is None else "region"

    def href(code: str) -> str:
        if province is None:
            return "?" + urlencode({**kept, "province": code})
        return "?" + urlencode({**kept, "province": province.code, link_key: code})

    layer = form.chosen_layer()
    today = timezone.localdate()

    def draw(filters: MapFilter) -> tuple[Any, int]:
        return layer_map(
            viewer, province=province, filters=filters, layer=layer, today=today, href=href
        )

    try:
        chart, at_province_level = draw(filters)
    except MapFilterError as error:
        form.add_error(None, filter_message(error))
        filters = MapFilter()
        chart, at_province_level = draw(filters)
    selected = request.GET.get("region", "")
    chosen = region_by_code(selected) if selected else province
    if chosen is not None and province is not None and not province.covers(chosen):
        chosen = province
    ranked = _look_next(request, form, province)
    look_next = ranked[:LOOK_NEXT_ON_PAGE]
    ikp = ikp_comparison(ranked)
    recap = prevention = None
    asn = rate = None
    if chosen is not None:
        recap = region_recap(viewer, region=chosen, filters=filters, today=today)
        prevention = prevention_by_region(coverage_for(viewer), chosen)
        asn = asn_headcounts(today).get(chosen.code)
        rate = rate_per_asn(recap.total, asn)
    return render(
        request,
        "maps/map.html",
        {
            "form": form,
            "province": province,
            "chart": chart,
            "recap": recap,
            "prevention": prevention,
            "asn": asn,
            "rate": rate,
            "layer": layer.value,
            "at_province_level": at_province_level,
            "back": "?" + urlencode(kept),
            "look_next": [
                {**item, "ikp": ikp.scores.get(item["row"].code) if ikp else None}
                for item in _with_missing(look_next)
            ],
            "ikp": ikp,
            "export_query": urlencode(
                {**kept, **({"province": province.code} if province else {})}
            ),
            "attribution": load_shapes()["attribution"],
        },
    )


@staff_required
def look_next_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The whole "where to look next" list of the view, as XLSX or PDF."""
    form = MapFilterForm(request.GET or None, scope=current_user(request).region)
    province_code = form.cleaned_data.get("province", "") if form.is_valid() else ""
    province = region_by_code(province_code) if province_code else None
    rows = _look_next(request, form, province)
    today = timezone.localdate()
    where = province.name if province else "Indonesia"
    title = _("Where to look next: %(where)s") % {"where": where}
    name = f"kerawanan-{province.code if province else 'nasional'}-{today.isoformat()}"
    if fmt == "xlsx":
        response = HttpResponse(
            look_next_xlsx(rows, title=title, as_of=today),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    elif fmt == "pdf":
        pdf = render_pdf(
            "maps/look_next_pdf.html",
            {
                "items": _with_missing(rows),
                "title": title,
                "today": today,
                "filters": form.filters(),
            },
            language=get_language() or "id",
        )
        response = HttpResponse(pdf, content_type="application/pdf")
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
