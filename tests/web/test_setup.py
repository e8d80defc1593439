"""`netra setup` loads the reference data: every region, the elections and the holidays."""

from __future__ import annotations

from datetime import date

import pytest

from netra.cases.models import Election, Holiday
from netra.cases.reference import load_elections, load_holidays
from netra.regions.models import Region, RegionLevel
from netra.regions.services import load_regions


@pytest.mark.django_db
def test_regions_are_the_38_provinces_and_514_regencies_and_cities_and_reload_idempotently():
    first = load_regions()
    again = load_regions()
    assert first.created == 552
    assert (again.created, again.updated) == (0, 0)
    assert Region.objects.filter(level=RegionLevel.PROVINCE).count() == 38
    assert Region.objects.exclude(level=RegionLevel.PROVINCE).count() == 514
    bogor = Region.objects.get(code="32.01")
    assert (bogor.name, bogor.level, bogor.parent.code) == ("Kabupaten Bogor", "regency", "32")
    assert Region.objects.get(code="32.73").level == RegionLevel.CITY


@pytest.mark.django_db
def test_elections_are_pemilu_2024_and_a_pilkada_2024_per_region(regions):
    load_elections()
    load_elections()
    assert Election.objects.count() == 1 + Region.objects.count()
    bogor = Election.objects.get(code="pilkada-2024-3201")
    assert bogor.voting_on == date(2024, 11, 27)
    assert bogor.stages["penetapan_paslon"] == ["2024-09-22", "2024-09-22"]
    assert Election.objects.get(code="pemilu-2024").regime == "pemilu"


@pytest.mark.django_db
def test_holidays_are_copied_from_the_procedure_calendar():
    created = load_holidays()
    assert created > 0
    assert load_holidays() == 0
    assert Holiday.objects.filter(date=date(2024, 8, 17)).exists()  # Proklamasi Kemerdekaan


@pytest.mark.django_db
def test_agencies_cover_each_region_and_its_kecamatan_and_reload_idempotently():
    from netra.regions.models import Agency
    from netra.regions.selectors import agencies_in
    from netra.regions.services import load_agencies

    load_regions()
    created = load_agencies()
    assert created > 7_000  # 7,285 kecamatan alone, plus every region's perangkat daerah
    assert load_agencies() == 0
    bogor = Region.objects.get(code="32.01")
    names = set(agencies_in(bogor).values_list("name", flat=True))
    assert "Dinas Pendidikan Kabupaten Bogor" in names
    assert "Kecamatan Cibinong" in names
    assert "Badan Kepegawaian Negara" in names  # central bodies are listed everywhere
    assert "Dinas Pendidikan Kota Bandung" not in names  # another region's agency is not
    assert Agency.objects.get(code="32/bkd").name == "Badan Kepegawaian Daerah Jawa Barat"
    assert [a.name for a in agencies_in(bogor, query="cibinong")] == ["Kecamatan Cibinong"]
