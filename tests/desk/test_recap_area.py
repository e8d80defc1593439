"""The recap narrows from a province to a regency or city and to one kecamatan (issue 10)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.utils import translation

from netra.cases.selectors import RecapBasis
from netra.insights.selectors import RecapQuery, dashboard
from netra.insights.views import RecapFilterForm
from netra.maps.forms import MapFilterForm

TODAY = date(2024, 10, 4)


@pytest.fixture
def filed(file_report, kecamatan, regions) -> None:
    file_report(kecamatan=kecamatan["cibinong"])
    file_report(kecamatan=kecamatan["cibinong"])
    file_report(kecamatan=kecamatan["gunungputri"])
    file_report()  # Bogor, no kecamatan given


def _total(viewer: Any, **filters: Any) -> int:
    query = RecapQuery(basis=RecapBasis.ALL, **filters)
    return dashboard(viewer, query, today=TODAY).total


def test_the_recap_counts_a_regency_and_one_of_its_kecamatan(filed, cast, regions, kecamatan):
    viewer = cast["bawaslu_ri"]
    assert _total(viewer, province=regions["jabar"]) == 4
    assert _total(viewer, province=regions["jabar"], regency=regions["bogor"]) == 4
    assert _total(viewer, regency=regions["bandung"]) == 0
    cibinong = {"regency": regions["bogor"], "kecamatan": kecamatan["cibinong"]}
    assert _total(viewer, **cibinong) == 2
    gunungputri = {"regency": regions["bogor"], "kecamatan": kecamatan["gunungputri"]}
    assert _total(viewer, **gunungputri) == 1


def test_the_filter_form_reads_a_kecamatan_by_name_within_its_regency(kecamatan):
    form = RecapFilterForm({"province": "32", "regency": "32.01", "kecamatan": "Cibinong"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["kecamatan"] == kecamatan["cibinong"]
    assert form.kecamatan_options() == ["Cibinong", "Gunungputri"]


def test_a_kecamatan_needs_its_regency_and_must_lie_in_it(kecamatan):
    with translation.override("id"):
        alone = RecapFilterForm({"kecamatan": "Cibinong"})
        assert not alone.is_valid()
        assert "Pilih dulu kabupaten atau kota" in alone.errors["kecamatan"][0]
        elsewhere = RecapFilterForm({"regency": "32.73", "kecamatan": "Cibinong"})
        assert not elsewhere.is_valid()
        assert "Kota Bandung tidak memiliki kecamatan Cibinong" in elsewhere.errors["kecamatan"][0]


def test_a_regency_outside_the_chosen_province_is_refused(regions):
    form = RecapFilterForm({"province": "35", "regency": "32.01"})
    assert not form.is_valid()
    assert "regency" in form.errors


def _offered(form: Any, field: str) -> list[str]:
    return [code for code, _name in form.fields[field].choices if code]


def test_a_regencys_supervisor_is_offered_only_the_regions_of_the_scope(cast, regions):
    # QA walk-through: a Bawaslu kabupaten supervisor was offered every province and regency,
    # and a recap filtered by another province counted zero under that province's name.
    regency = RecapFilterForm(scope=cast["panwas_bogor"].region)
    assert _offered(regency, "province") == ["32"]
    assert _offered(regency, "regency") == ["32.01"]
    province = RecapFilterForm(scope=cast["bawaslu_jabar"].region)
    assert _offered(province, "province") == ["32"]
    assert "32.73" in _offered(province, "regency")
    assert "35.78" not in _offered(province, "regency")
    national = RecapFilterForm(scope=cast["bawaslu_ri"].region)
    assert {"32", "35"} <= set(_offered(national, "province"))
    outside = RecapFilterForm({"province": "35"}, scope=cast["panwas_bogor"].region)
    assert not outside.is_valid()
    assert "province" in outside.errors


def test_the_staff_maps_province_filter_keeps_to_the_scope(cast):
    assert _offered(MapFilterForm(scope=cast["panwas_bogor"].region), "province") == ["32"]
    assert len(_offered(MapFilterForm(scope=None), "province")) > 1
