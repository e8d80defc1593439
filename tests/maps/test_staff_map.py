"""The staff map /desk/peta/: scoped counts, drill-down, filters and regions without a polygon."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _counts(body: str) -> dict[str, str]:
    """Region code -> the count in the map's tooltip."""
    return dict(re.findall(r'data-code="([\d.]+)"><title>[^:<]+: ([\d.]+)</title>', body))


def test_the_national_map_shades_the_province_with_cases(file_report, desk):
    file_report()
    file_report()
    response = desk("bawaslu_ri").get(reverse("maps:map"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "<svg" in body
    assert _counts(body) == {"32": "2", "35": "0"}
    assert 'class="shade-0" data-code="35"' in body
    assert 'href="?province=32"' in body


def test_drilling_into_a_province_shows_its_regencies_and_the_recap_of_one(file_report, desk):
    file_report()
    response = desk("bawaslu_ri").get(reverse("maps:map"), {"province": "32", "region": "32.01"})
    body = response.content.decode()
    assert _counts(body) == {"32.01": "1", "32.73": "0"}
    assert 'id="region-recap"' in body
    assert "Kabupaten Bogor" in body


def test_the_map_counts_only_the_viewers_scope(file_report, desk):
    file_report()
    file_report(election="surabaya", region=None)
    body = desk("outsider_surabaya").get(reverse("maps:map")).content.decode()
    assert _counts(body) == {"32": "0", "35": "1"}


def test_month_and_category_filters_narrow_the_counts(file_report, desk):
    file_report(incident_on=date(2024, 10, 1))
    file_report(incident_on=date(2024, 9, 20), known_on=date(2024, 9, 21), today=date(2024, 9, 23))
    client = desk("bawaslu_ri")
    body = client.get(reverse("maps:map"), {"month": "2024-09"}).content.decode()
    assert _counts(body)["32"] == "1"
    body = client.get(reverse("maps:map"), {"category": "9"}).content.decode()
    assert _counts(body)["32"] == "0"


def test_a_stage_without_an_election_is_refused_with_a_message(desk, regions):
    body = desk("bawaslu_ri").get(reverse("maps:map"), {"stage": "kampanye"}).content.decode()
    assert "Pilih pemilihan untuk menyaring menurut salah satu tahapannya." in body


def test_a_bad_month_is_refused_with_the_expected_form(desk, regions):
    body = desk("bawaslu_ri").get(reverse("maps:map"), {"month": "Oktober"}).content.decode()
    assert "Tulis bulan sebagai TTTT-BB" in body


def test_a_regency_without_a_polygon_is_listed_as_tanpa_peta_with_its_count(
    file_report, desk, regions
):
    from netra.regions.models import Region, RegionLevel

    magelang_province = Region.objects.create(
        code="33", name="Jawa Tengah", level=RegionLevel.PROVINCE
    )
    magelang = Region.objects.create(
        code="33.71", name="Kota Magelang", level=RegionLevel.CITY, parent=magelang_province
    )
    file_report(election="pemilu", region=magelang)
    body = desk("bawaslu_ri").get(reverse("maps:map"), {"province": "33"}).content.decode()
    row = re.search(r"<tr><td>33\.71</td>.*?</tr>", body)
    assert row is not None
    assert "tanpa peta" in row.group(0)
    assert ">1</td>" in row.group(0)
    assert 'data-code="33.71"' not in body


def test_the_map_needs_a_staff_login(client, regions):
    response = client.get(reverse("maps:map"))
    assert response.status_code == 302
    assert "/desk/masuk/" in response["Location"]


def test_the_map_lists_where_to_look_next_ranked_by_the_index(file_report, desk):
    file_report()
    file_report()
    file_report(election="bandung", region=None)
    body = desk("bawaslu_ri").get(reverse("maps:map"), {"province": "32"}).content.decode()
    section = body[body.index('id="look-next"') :]
    assert section.index("Kabupaten Bogor") < section.index("Kota Bandung")
    assert "lihat-berikutnya.xlsx?province=32" in section


def test_where_to_look_next_exports_as_xlsx_and_pdf_within_scope(file_report, desk):
    import io

    from openpyxl import load_workbook

    file_report()
    file_report(election="surabaya", region=None)
    client = desk("bawaslu_jabar")
    xlsx = client.get(reverse("maps:look_next", args=["xlsx"]))
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.cell(row=4, column=1).value == "peringkat"
    regions = [sheet.cell(row=r, column=3).value for r in range(5, sheet.max_row + 1)]
    assert regions[0] == "Kabupaten Bogor"
    assert "Kota Surabaya" not in regions  # outside Jawa Barat's scope
    pdf = client.get(reverse("maps:look_next", args=["pdf"]), {"province": "32"})
    assert pdf.content.startswith(b"%PDF-")
    assert client.get(reverse("maps:look_next", args=["docx"])).status_code == 404


def test_a_stage_filter_keeps_the_cases_inside_the_stage_dates(file_report, desk):
    from netra.rulebook import load_rulebook

    stage = next(s for s in load_rulebook().election("pilkada-2024").stages if s.code == "kampanye")
    file_report(incident_on=stage.start, known_on=stage.start, today=stage.start)
    file_report(incident_on=date(2024, 1, 10), known_on=date(2024, 1, 11), today=date(2024, 1, 12))
    client = desk("bawaslu_ri")
    body = client.get(
        reverse("maps:map"), {"election": "pilkada-2024", "stage": "kampanye"}
    ).content.decode()
    assert _counts(body)["32"] == "1"


def test_a_stage_from_another_elections_calendar_is_named_not_a_server_error(desk, regions):
    from netra.rulebook import load_rulebook

    pemilu_only = {s.code for s in load_rulebook().election("pemilu-2024").stages} - {
        s.code for s in load_rulebook().election("pilkada-2024").stages
    }
    if not pemilu_only:
        pytest.skip("every Pemilu stage code is also a Pilkada stage code")
    stage = sorted(pemilu_only)[0]
    response = desk("bawaslu_ri").get(
        reverse("maps:map"),
        {"election": "pilkada-2024", "stage": stage},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    body = html.unescape(response.content.decode())
    assert f"stage '{stage}' is not in the calendar of pilkada-2024" in body


def test_the_recap_pdf_carries_the_same_map(file_report, desk, monkeypatch):
    from django.template.loader import render_to_string

    from netra.insights import views as insights_views

    rendered: dict[str, str] = {}

    def capture(template: str, context: dict, *, language: str = "id") -> bytes:
        rendered["html"] = render_to_string(template, context)
        return b"%PDF-"

    monkeypatch.setattr(insights_views, "render_pdf", capture)
    file_report()
    client = desk("bawaslu_ri")
    client.get(reverse("insights:pdf"), {"basis": "all"})
    assert 'class="choropleth"' in rendered["html"]
    assert _counts(rendered["html"])["32"] == "1"
    # qa-3: the map counts what the recap beside it counts. The default recap counts proven
    # violations; a case only received is none, yet the map shaded it (the demo's PDF: Jawa
    # Barat 52 in the table, a legend up to 167 above it).
    client.get(reverse("insights:pdf"))
    assert _counts(rendered["html"])["32"] == "0"
    assert 'class="shade-0" data-code="32"' in rendered["html"]


def test_the_last_month_of_the_calendar_is_named_not_a_server_error(desk, regions):
    client = desk("bawaslu_ri")
    response = client.get(reverse("maps:map"), {"month": "9999-12"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "month &#x27;9999-12&#x27; is not a month" in response.content.decode()
    indonesian = client.get(reverse("maps:map"), {"month": "9999-12"}, HTTP_ACCEPT_LANGUAGE="id")
    assert "bulan &#x27;9999-12&#x27; bukan bulan yang valid" in indonesian.content.decode()


def test_where_to_look_next_exports_its_headers_in_the_reader_s_language(file_report, desk):
    # qa-3: the English desk's XLSX was headed "peringkat, kode, wilayah, skor, Jumlah kasus...".
    import io

    from openpyxl import load_workbook

    from netra.vulnerability.index import load_config

    file_report()
    client = desk("bawaslu_ri")
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.cookies["django_language"] = "en"
    sheet = load_workbook(
        io.BytesIO(client.get(reverse("maps:look_next", args=["xlsx"])).content)
    ).active
    days = load_config().trend_window_days
    assert sheet.cell(row=2, column=1).value.startswith("as of ")
    header = [cell.value for cell in sheet[4]]
    assert header[:8] == [
        "rank",
        "code",
        "region",
        "score",
        "cases",
        "cases per 10,000 ASN",
        f"cases in the last {days} days",
        f"the {days} days before",
    ]
    assert header[8:] == [indicator.label_en for indicator in load_config().indicators]
    assert sheet.cell(row=5, column=3).value == "Kabupaten Bogor"
