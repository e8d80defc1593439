"""Prevention coverage on the recap page: declared / socialised / imbauan sent, per region."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.urls import reverse

from netra.prevention.selectors import CoverageTotal, coverage_totals
from netra.prevention.services import record_declaration, record_imbauan, record_meeting
from tests.conftest import JAKARTA

pytestmark = pytest.mark.django_db

NOW = datetime(2024, 9, 1, 9, 0, tzinfo=JAKARTA)


@pytest.fixture
def bogor_prevents(regions, cast):
    """Bogor declared, held a socialisation and sent its imbauan; Bandung did nothing yet."""
    actor, bogor = cast["panwas_bogor"], regions["bogor"]
    record_declaration(
        bogor,
        actor=actor,
        agency=None,
        signed_by="Bupati Bogor",
        signed_on=date(2024, 8, 1),
        points=["ASN netral"],
        document_reference="",
        now=NOW,
    )
    record_meeting(
        bogor,
        actor=actor,
        kind="socialisation",
        held_on=date(2024, 8, 10),
        place="Pendopo",
        organiser="Bawaslu Kabupaten Bogor",
        audience="Kepala OPD",
        attendees=40,
        agencies=[],
        materials="",
        now=NOW,
    )
    record_imbauan(
        bogor,
        actor=actor,
        letter_number="1/2024",
        sent_on=date(2024, 8, 20),
        agency_count=2,
        report_url="https://netra.example/lapor/",
        tipline="",
        pdf=b"%PDF-1.7",
        now=NOW,
    )


def test_the_national_recap_counts_regencies_per_province(bogor_prevents, cast):
    totals = coverage_totals(cast["bawaslu_ri"])
    assert totals == [
        CoverageTotal("32", "Jawa Barat", 2, 1, 1, 1),
        CoverageTotal("35", "Jawa Timur", 1, 0, 0, 0),
    ]


def test_inside_a_province_each_regency_is_its_own_row(bogor_prevents, cast, regions):
    totals = coverage_totals(cast["bawaslu_ri"], regions["jabar"])
    assert [(t.code, t.declared, t.socialised, t.imbauan_sent) for t in totals] == [
        ("32.01", 1, 1, 1),
        ("32.73", 0, 0, 0),
    ]


def test_the_recap_keeps_to_the_viewers_scope(bogor_prevents, cast, regions):
    assert [t.code for t in coverage_totals(cast["outsider_surabaya"])] == ["35"]
    assert coverage_totals(cast["outsider_surabaya"], regions["jabar"]) == []


def test_the_recap_page_shows_the_coverage_section(bogor_prevents, client, cast):
    client.force_login(cast["bawaslu_jabar"])
    page = client.get(reverse("insights:dashboard")).content.decode()
    section = page[page.index('id="prevention-coverage"') :]
    assert 'data-region="32"' in section
    assert "Jawa Timur" not in section
    page = client.get(reverse("insights:dashboard"), {"province": "32"}).content.decode()
    section = page[page.index('id="prevention-coverage"') :]
    assert 'data-region="32.01"' in section
    assert 'data-region="32.73"' in section


def test_the_coverage_exports_as_csv_and_as_a_sheet_of_every_xlsx_recap(
    bogor_prevents, client, cast
):
    import csv
    import io

    from openpyxl import load_workbook

    client.force_login(cast["bawaslu_ri"])
    body = client.get(reverse("insights:export", args=["coverage", "csv"]), {"province": "32"})
    assert body["Content-Disposition"].startswith('attachment; filename="rekap-netra-pencegahan-')
    rows = list(csv.reader(io.StringIO(body.content.decode("utf-8-sig"))))
    assert rows[0][0] == "key"
    assert ["32.01", "Kabupaten Bogor", "1", "1", "1", "1"] in rows
    assert rows[-1][0] == "total"
    assert rows[-1][2:] == ["2", "1", "1", "1"]
    xlsx = client.get(reverse("insights:export", args=["category", "xlsx"])).content
    book = load_workbook(io.BytesIO(xlsx))
    assert book.sheetnames == ["category", "coverage"]
    coverage = [[cell.value for cell in row] for row in book["coverage"].iter_rows()]
    assert ["32", "Jawa Barat", 2, 1, 1, 1] in coverage
    assert client.get(reverse("insights:export", args=["coverage", "pdf"])).status_code == 404


def test_the_coverage_export_keeps_to_the_viewers_scope(bogor_prevents, client, cast):
    client.force_login(cast["outsider_surabaya"])
    body = client.get(reverse("insights:export", args=["coverage", "csv"]))
    text = body.content.decode("utf-8-sig")
    assert "Jawa Timur" in text
    assert "Jawa Barat" not in text


def test_the_recap_pdf_carries_the_coverage(bogor_prevents, client, cast, monkeypatch):
    from django.template.loader import render_to_string

    from netra.insights import views

    rendered: dict[str, str] = {}

    def fake_pdf(template: str, context: dict[str, object], **_: object) -> bytes:
        rendered["html"] = render_to_string(template, context)
        return b"%PDF-1.7"

    monkeypatch.setattr(views, "render_pdf", fake_pdf)
    client.force_login(cast["bawaslu_ri"])
    assert client.get(reverse("insights:pdf")).content == b"%PDF-1.7"
    section = rendered["html"][rendered["html"].index('id="prevention-coverage"') :]
    assert "Jawa Barat" in section
    assert "Jawa Timur" in section
