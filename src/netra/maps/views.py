"""The staff map (/desk/peta/): a server-rendered SVG choropleth with drill-down and recap."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from netra.desk.views import _user, staff_required
from netra.maps import choropleth
from netra.maps.boundaries import load_shapes
from netra.maps.forms import MapFilterForm
from netra.maps.selectors import (
    MapFilterError,
    counts_by_region,
    region_recap,
    regions_of_view,
)
from netra.regions.selectors import region_by_code


@staff_required
def staff_map(request: HttpRequest) -> HttpResponse:
    form = MapFilterForm(request.GET or None)
    filters = form.filters()
    province_code = form.cleaned_data.get("province", "") if form.is_bound else ""
    province = region_by_code(province_code) if province_code else None
    viewer = _user(request)
    kept = {k: v for k, v in request.GET.items() if k not in {"province", "region"} and v}
    try:
        counts = counts_by_region(viewer, province=province, filters=filters)
    except MapFilterError as error:
        form.add_error(None, str(error))
        counts = {}
    shapes = load_shapes()
    if province is None:
        drawn, link_key = shapes["provinces"], "province"
    else:
        drawn, link_key = shapes["regencies"], "region"
    regions = regions_of_view(province)
    if province is None:
        hrefs = {code: "?" + urlencode({**kept, "province": code}) for code, _ in regions}
    else:
        hrefs = {
            code: "?" + urlencode({**kept, "province": province.code, link_key: code})
            for code, _ in regions
        }
    chart = choropleth.build(regions, counts, drawn, href=hrefs)
    selected = request.GET.get("region", "")
    chosen = region_by_code(selected) if selected else province
    if chosen is not None and province is not None and not province.covers(chosen):
        chosen = province
    recap = None
    if chosen is not None:
        recap = region_recap(viewer, region=chosen, filters=filters, today=timezone.localdate())
    return render(
        request,
        "maps/map.html",
        {
            "form": form,
            "province": province,
            "chart": chart,
            "recap": recap,
            "at_province_level": counts.get(province.code, 0) if province else 0,
            "back": "?" + urlencode(kept),
            "attribution": shapes["attribution"],
        },
    )
