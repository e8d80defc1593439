"""Indonesia's three time zones by province (Keppres 41/1987), for "today" in a region.

A report's dates are checked against the reporter's own calendar day: in Jayapura (WIT, UTC+9)
the day starts two hours before it does in Jakarta (issue #9, finding 11).
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from netra.regions.models import Region

WIB = ZoneInfo("Asia/Jakarta")  # UTC+7: Sumatra, Java, West and Central Kalimantan
WITA = ZoneInfo("Asia/Makassar")  # UTC+8: Bali, Nusa Tenggara, the rest of Kalimantan, Sulawesi
WIT = ZoneInfo("Asia/Jayapura")  # UTC+9: Maluku and every Papua province

# Kemendagri province codes: Bali, NTB, NTT, Kalimantan Selatan/Timur/Utara, the six of Sulawesi.
_WITA_PROVINCES = frozenset(
    {"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"}
)


def zone_of(region: Region) -> ZoneInfo:
    """The time zone of a province, regency or city, from its province code."""
    province = region.code.split(".", 1)[0]
    if province.startswith(("8", "9")):  # 81 Maluku, 82 Maluku Utara, 91-96 Papua
        return WIT
    if province in _WITA_PROVINCES:
        return WITA
    return WIB


# The zones' names as Indonesian clocks and letters print them (Keppres 41/1987).
ZONE_NAMES = {WIB.key: "WIB", WITA.key: "WITA", WIT.key: "WIT"}
MONTHS_ID = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip


def local_time_id(moment: datetime, region: Region) -> str:
    """`moment` as an Indonesian reader writes it in the region's zone: "1 Desember 2024 14.05
    WIB" (a record quoting a time in UTC ISO 8601 reads as a machine's, not a person's)."""
    zone = zone_of(region)
    local = moment.astimezone(zone)
    return (
        f"{local.day} {MONTHS_ID[local.month - 1]} {local.year} "
        f"{local.hour:02d}.{local.minute:02d} {ZONE_NAMES[zone.key]}"
    )


def today_in(region: Region, now: datetime) -> date:
    """The calendar date in `region` at the instant `now`."""
    return now.astimezone(zone_of(region)).date()
