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
