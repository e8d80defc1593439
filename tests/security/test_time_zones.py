"""Finding 11 of issue #9: a report's dates are checked on the reporter's own calendar day."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from netra.cases.models import Election, Regime, ReporterKind
from netra.cases.services import CaseInputError, IncidentData, ReporterData, receive_report
from netra.regions.models import Region, RegionLevel
from netra.regions.zones import WIB, WIT, WITA, zone_of

pytestmark = pytest.mark.django_db

# 00:30 on 4 October in Jayapura is still 22:30 on 3 October in Jakarta.
JUST_AFTER_MIDNIGHT_IN_JAYAPURA = datetime(2024, 10, 4, 0, 30, tzinfo=ZoneInfo("Asia/Jayapura"))


def _region(code: str, name: str, parent: Region | None = None) -> Region:
    level = RegionLevel.PROVINCE if parent is None else RegionLevel.CITY
    return Region.objects.create(code=code, name=name, level=level, parent=parent)


@pytest.fixture
def jayapura(db: None) -> dict[str, Any]:
    papua = _region("91", "Papua")
    city = _region("91.71", "Kota Jayapura", papua)
    election = Election.objects.create(
        code="pilkada-2024-9171",
        series="pilkada-2024",
        name="Pilkada 2024 Kota Jayapura",
        regime=Regime.PILKADA,
        region=city,
        voting_on=date(2024, 11, 27),
    )
    return {"region": city, "election": election}


def _file(election: Election, region: Region, *, incident_on: date) -> Any:
    return receive_report(
        IncidentData(
            election=election,
            region=region,
            incident_on=incident_on,
            known_on=incident_on,
            place="Distrik Abepura",
            description="Seorang kepala dinas mengajak pegawai memilih calon wali kota.",
        ),
        reporter=ReporterData(kind=ReporterKind.PEMILIH, name="Yohana", address="Abepura"),
        actor=None,
        now=JUST_AFTER_MIDNIGHT_IN_JAYAPURA,
        today=JUST_AFTER_MIDNIGHT_IN_JAYAPURA.astimezone(
            WIB
        ).date(),  # what the server's clock says
    )


def test_a_reporter_in_jayapura_may_report_today_just_after_local_midnight(jayapura):
    report = _file(jayapura["election"], jayapura["region"], incident_on=date(2024, 10, 4))
    assert report.case.incident_on == date(2024, 10, 4)


def test_the_same_date_is_still_the_future_in_bogor(elections):
    bogor = elections["bogor"]
    with pytest.raises(CaseInputError, match="future"):
        _file(bogor, bogor.region, incident_on=date(2024, 10, 4))


@pytest.mark.parametrize(
    ("code", "zone"),
    [
        ("32.01", WIB),  # Kabupaten Bogor
        ("61.71", WIB),  # Kota Pontianak
        ("51.71", WITA),  # Kota Denpasar
        ("64.72", WITA),  # Kota Samarinda
        ("73.71", WITA),  # Kota Makassar
        ("81.71", WIT),  # Kota Ambon
        ("91.71", WIT),  # Kota Jayapura
        ("96.71", WIT),  # Kota Sorong (Papua Barat Daya)
    ],
)
def test_each_province_has_its_time_zone(code, zone):
    assert zone_of(Region(code=code, name=code, level=RegionLevel.CITY)) is zone


def test_the_public_form_checks_dates_on_the_region_s_day(jayapura, monkeypatch):
    from django.utils import timezone

    from netra.public.forms import ReportForm

    monkeypatch.setattr(timezone, "now", lambda: JUST_AFTER_MIDNIGHT_IN_JAYAPURA)
    form = ReportForm(
        {"region": "91.71", "incident_on": "2024-10-04", "known_on": "2024-10-04"},
    )
    form.is_valid()
    assert "incident_on" not in form.errors
    assert "known_on" not in form.errors
