"""The public transparency page (/transparansi/) and its open data: no login, aggregates only."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netra.cases.reference import PEMILU_SERIES, PILKADA_SERIES
from netra.maps import choropleth
from netra.maps.boundaries import load_shapes
from netra.maps.selectors import provinces, regions_of_view
from netra.public.forms import AccessibleForm, _choice_field, election_filter_field
from netra.regions.selectors import region_by_code
from netra.transparency import exports
from netra.transparency.selectors import UnknownElectionError, open_data, public_recap
from netra.transparency.suppression import SMALL_CELL, SUPPRESSED

SERIES = (PILKADA_SERIES, PEMILU_SERIES)
# The public map's classes are fixed, with everything under five in one class, so a shade can
# never tell 1 from 4.
PUBLIC_STEPS = (
    choropleth.Step(shade=1, low=1, high=SMALL_CELL - 1, label=SUPPRESSED),
    choropleth.Step(shade=2, low=SMALL_CELL, high=9),
    choropleth.Step(shade=3, low=10, high=24),
    choropleth.Step(shade=4, low=25, high=49),
    choropleth.Step(shade=5, low=50, high=10**9, label="50+"),
)


class PublicFilterForm(AccessibleForm):
    election = election_filter_field()
    province = forms.ChoiceField(label=_("Province"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice_field(self, "province").choices = [("", _("All provinces")), *provinces()]


def page(request: HttpRequest) -> HttpResponse:
    form = PublicFilterForm(request.GET or None)
    election, province = None, None
    if form.is_bound and form.is_valid():
        election = form.cleaned_data["election"] or None
        if form.cleaned_data["province"]:
            province = region_by_code(form.cleaned_data["province"])
    data = public_recap(election=election, province=province, today=timezone.localdate())
    shapes = load_shapes()
    regions = regions_of_view(province)
    drawn = shapes["provinces"] if province is None else shapes["regencies"]
    query = f"election={election}&" if election else ""
    chart = choropleth.build(
        regions,
        data.region_counts,
        drawn,
        href={code: f"?{query}province={code}" for code, _ in regions} if province is None else {},
        legend=PUBLIC_STEPS,
        label=lambda n: SUPPRESSED if 0 < n < SMALL_CELL else str(n),
    )
    return render(
        request,
        "transparency/page.html",
        {
            "form": form,
            "data": data,
            "chart": chart,
            "province": province,
            "election": election,
            "series": SERIES,
            "attribution": shapes["attribution"],
        },
    )


def _rows_or_404(election: str) -> list[Any]:
    try:
        return open_data(election)
    except UnknownElectionError:
        raise Http404(_("No such election.")) from None


def data_csv(request: HttpRequest, election: str) -> HttpResponse:
    response = HttpResponse(
        exports.to_csv(_rows_or_404(election)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="netra-{election}.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


def data_json(request: HttpRequest, election: str) -> HttpResponse:
    body = exports.to_json(_rows_or_404(election), election=election)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    return response


def dictionary(request: HttpRequest) -> HttpResponse:
    base = request.build_absolute_uri(reverse("transparency:dictionary"))
    response = HttpResponse(
        exports.dictionary(base_url=base, series=SERIES), content_type="application/json"
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response
