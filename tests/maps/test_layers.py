"""The staff map's layers (cases per 10,000 ASN, prevention coverage) and the region drill-down."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from netra.maps.layers import Layer, layer_map
from netra.maps.selectors import MapFilter
from netra.vulnerability.models import AsnHeadcount

pytestmark = pytest.mark.django_db
NOW = datetime(2024, 10, 10, 9, tzinfo=ZoneInfo("Asia/Jakarta"))
TODAY = date(2024, 10, 10)


def _labels(body: str) -> dict[str, tuple[str, str]]:
    """Region code -> (shade class, label in the tooltip)."""
    found = re.findall(r'class="([\w-]+)[^"]*" data-code="([\d.]+)"><title>[^:<]+: ([^<]+)<', body)
    return {code: (shade, label) for shade, code, label in found}


def test_the_rate_layer_divides_by_the_headcount_and_hatches_regions_without_one(
    file_report: Any, desk: Any, regions: dict[str, Any]
):
    file_report()
    file_report()
    file_report(election="bandung")
    AsnHeadcount.objects.create(region=regions["bogor"], year=2024, count=4_000, imported_at=NOW)
    body = (
        desk("bawaslu_ri")
        .get(reverse("maps:map"), {"province": "32", "layer": "per_asn"})
        .content.decode()
    )
    labels = _labels(body)
    assert labels["32.01"][1] == "5,00"  # 2 cases per 4,000 ASN = 5 per 10,000
    assert labels["32.73"] == ("shade-unknown", "–")
    assert "tidak diketahui" in body  # the legend names the hatched class
    assert 'id="layer-help"' in body
    # The look-next list says which indicators each region was scored without.
    look_next = body[body.index('id="look-next"') :]
    bogor = look_next[look_next.index("Kabupaten Bogor") :].split("</td>")[0]
    bandung = look_next[look_next.index("Kota Bandung") :].split("</td>")[0]
    assert "Kasus per 10.000 ASN" not in bogor
    assert "Dinilai tanpa: Kasus per 10.000 ASN" in bandung


def test_a_province_takes_the_sum_of_its_regencies_only_when_every_one_is_known(
    cast: dict[str, Any], regions: dict[str, Any], file_report: Any
):
    file_report()
    AsnHeadcount.objects.create(region=regions["bogor"], year=2024, count=4_000, imported_at=NOW)
    chart, _ = layer_map(
        cast["bawaslu_ri"], province=None, filters=MapFilter(), layer=Layer.PER_ASN, today=TODAY
    )
    assert {a.code: a.known for a in chart.areas} == {"32": False, "35": False}
    AsnHeadcount.objects.create(region=regions["bandung"], year=2024, count=6_000, imported_at=NOW)
    chart, _ = layer_map(
        cast["bawaslu_ri"], province=None, filters=MapFilter(), layer=Layer.PER_ASN, today=TODAY
    )
    jabar = next(a for a in chart.areas if a.code == "32")
    assert (jabar.known, jabar.label) == (True, "1,00")  # 1 case per 10,000 ASN


def _meeting(region: Any, user: Any) -> None:
    from netra.prevention.models import Meeting, MeetingKind

    Meeting.objects.create(
        region=region,
        kind=MeetingKind.SOCIALISATION,
        held_on=date(2024, 9, 1),
        place="Aula",
        organiser="Bawaslu",
        audience="ASN",
        attendees=40,
        recorded_by=user,
        recorded_at=NOW,
    )


def test_the_prevention_layer_shades_the_share_of_measures_taken(
    desk: Any, cast: dict[str, Any], regions: dict[str, Any]
):
    _meeting(regions["bogor"], cast["bawaslu_ri"])
    client = desk("bawaslu_ri")
    national = _labels(client.get(reverse("maps:map"), {"layer": "prevention"}).content.decode())
    # Jawa Barat: one measure of the six its two regencies could take; Jawa Timur: none.
    assert national["32"][1] == "17 %"
    assert national["35"] == ("shade-0", "0 %")
    body = client.get(reverse("maps:map"), {"layer": "prevention", "province": "32"})
    labels = _labels(body.content.decode())
    assert labels["32.01"] == ("shade-1", "33 %")
    assert 'class="card map-card layer-prevention"' in body.content.decode()


def test_a_regions_drill_down_shows_its_prevention_and_its_rate(
    desk: Any, cast: dict[str, Any], regions: dict[str, Any], file_report: Any
):
    file_report()
    _meeting(regions["bogor"], cast["bawaslu_ri"])
    client = desk("bawaslu_ri")

    def section(params: dict[str, str], marker: str) -> str:
        body = client.get(reverse("maps:map"), params).content.decode()
        start = body.index(marker)
        return " ".join(body[start : body.index("</dl>", start)].split())

    bogor = {"province": "32", "region": "32.01"}
    prevention = section(bogor, 'id="recap-prevention"')
    assert "<dt>Deklarasi</dt><dd>belum</dd> <dt>Sosialisasi</dt><dd>ya</dd>" in prevention
    assert "<dt>Pertemuan terakhir</dt><dd>1 Sep. 2024</dd>" in prevention
    rate = section(bogor, 'id="recap-rate"')
    assert "tidak diketahui: jumlah ASN wilayah ini belum ada" in rate
    AsnHeadcount.objects.create(region=regions["bogor"], year=2024, count=2_000, imported_at=NOW)
    assert "5,00 (dari 2.000 ASN)" in section(bogor, 'id="recap-rate"')
    jabar = section({"province": "32"}, 'id="recap-prevention"')
    assert "<dt>Sosialisasi</dt><dd>1 / 2</dd>" in jabar


def test_a_bad_layer_is_refused_with_a_message_and_the_case_map_is_shown(desk, regions):
    body = desk("bawaslu_ri").get(reverse("maps:map"), {"layer": "heat"}).content.decode()
    assert 'id="id_layer_error"' in body
    assert 'data-layer="cases"' in body


def test_the_look_next_exports_carry_the_rate_and_what_each_region_was_scored_without(
    desk: Any, regions: dict[str, Any], file_report: Any, monkeypatch: pytest.MonkeyPatch
):
    import io

    from django.template.loader import render_to_string
    from openpyxl import load_workbook

    from netra.maps import views

    file_report()
    file_report(election="bandung")
    AsnHeadcount.objects.create(region=regions["bogor"], year=2024, count=2_000, imported_at=NOW)
    client = desk("bawaslu_ri")
    sheet = load_workbook(
        io.BytesIO(client.get(reverse("maps:look_next", args=["xlsx"])).content)
    ).active
    header = [cell.value for cell in sheet[4]]
    column = header.index("kasus per 10.000 ASN")
    rows = {row[2].value: row[column].value for row in sheet.iter_rows(min_row=5)}
    assert rows["Kabupaten Bogor"] == pytest.approx(5.0)
    assert rows["Kota Bandung"] is None
    rendered: dict[str, str] = {}

    def capture(template: str, context: dict[str, Any], *, language: str = "id") -> bytes:
        rendered["html"] = " ".join(render_to_string(template, context).split())
        return b"%PDF-"

    monkeypatch.setattr(views, "render_pdf", capture)
    client.get(reverse("maps:look_next", args=["pdf"]), {"province": "32"})
    bandung = rendered["html"][rendered["html"].index("Kota Bandung") :].split("</td>")[0]
    assert "Kasus per 10.000 ASN" in bandung  # named as missing under the region
    assert '<td class="num">5,00</td>' in rendered["html"]
