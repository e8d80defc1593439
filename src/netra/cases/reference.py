"""Reference data from the rulebook: category labels, election stages, and loading elections and
holidays into the database (`netra setup`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from netra.cases.models import Election, Holiday, Regime
from netra.procedure import Certainty, WorkingCalendar
from netra.regions.models import Region
from netra.rulebook import load_rulebook

VOTING_STAGE = "pemungutan_suara"
PILKADA_SERIES = "pilkada-2024"
PEMILU_SERIES = "pemilu-2024"


@cache
def category_labels(language: str = "id") -> dict[int, str]:
    """Bawaslu's ten recap categories, number -> label (Indonesian, or English for "en")."""
    return {
        number: c.label_en if language == "en" else c.label_id
        for number, c in sorted(load_rulebook().categories.items())
    }


def stage_on(series: str, on: date) -> tuple[str, str] | None:
    """(code, Indonesian label) of the most specific stage of `series` containing `on`, or None."""
    rulebook = load_rulebook()
    if series not in rulebook.elections:
        return None
    stage = rulebook.stage_on(series, on)
    return (stage.code, stage.label_id) if stage else None


def election_code(series: str, region: Region | None) -> str:
    """ "pemilu-2024", or "pilkada-2024-3201" for the Pilkada of one region (a slug: no dots)."""
    return series if region is None else f"{series}-{region.code.replace('.', '')}"


def election_date_warning(election: Election, incident_on: date) -> str | None:
    """Why `incident_on` looks wrong for `election` (after its voting day, before its first
    stage), or None. A warning for the reporter to check, never a refusal: neutrality rules
    also bind officials outside the campaign."""
    if incident_on > election.voting_on:
        return _(
            "%(day)s is after the voting day of %(election)s (%(voting)s). Check the date, or "
            "confirm that it is right."
        ) % {
            "day": date_format(incident_on, "j F Y"),
            "election": election.name,
            "voting": date_format(election.voting_on, "j F Y"),
        }
    starts = [date.fromisoformat(span[0]) for span in election.stages.values() if span]
    if starts and incident_on < min(starts):
        return _(
            "%(day)s is before the stages of %(election)s began (%(start)s). Check the date, or "
            "confirm that it is right."
        ) % {
            "day": date_format(incident_on, "j F Y"),
            "election": election.name,
            "start": date_format(min(starts), "j F Y"),
        }
    return None


@dataclass(frozen=True, slots=True)
class ElectionLoad:
    created: int
    total: int


def _stages(series: str) -> tuple[date, dict[str, list[str]]]:
    election = load_rulebook().election(series)
    stages = {s.code: [s.start.isoformat(), s.end.isoformat()] for s in election.stages}
    voting = next(s.start for s in election.stages if s.code == VOTING_STAGE)
    return voting, stages


@transaction.atomic
def load_elections() -> ElectionLoad:
    """Pemilu 2024 (nationwide) and a Pilkada 2024 for every province and kabupaten/kota.

    The calendar of each comes from the rulebook. (Not every region held a Pilkada in 2024, e.g.
    the DIY governor; an election nobody files under does no harm.)
    """
    created = 0
    pemilu_voting, pemilu_stages = _stages(PEMILU_SERIES)
    _, was_created = Election.objects.update_or_create(
        code=PEMILU_SERIES,
        defaults={
            "series": PEMILU_SERIES,
            "name": load_rulebook().election(PEMILU_SERIES).label_id,
            "regime": Regime.PEMILU,
            "region": None,
            "voting_on": pemilu_voting,
            "stages": pemilu_stages,
        },
    )
    created += was_created
    pilkada_voting, pilkada_stages = _stages(PILKADA_SERIES)
    existing = set(Election.objects.filter(series=PILKADA_SERIES).values_list("code", flat=True))
    new = [
        Election(
            code=election_code(PILKADA_SERIES, region),
            series=PILKADA_SERIES,
            name=f"Pilkada 2024 {region.name}",
            regime=Regime.PILKADA,
            region=region,
            voting_on=pilkada_voting,
            stages=pilkada_stages,
        )
        for region in Region.objects.all()
        if election_code(PILKADA_SERIES, region) not in existing
    ]
    Election.objects.bulk_create(new)
    created += len(new)
    return ElectionLoad(created=created, total=Election.objects.count())


@transaction.atomic
def load_holidays(calendar: WorkingCalendar | None = None) -> int:
    """Copy the procedure core's holidays (libur nasional, cuti bersama) into the Holiday table."""
    calendar = calendar or WorkingCalendar.default()
    existing = set(Holiday.objects.values_list("date", "name"))
    days = [
        date.fromordinal(ordinal)
        for year in sorted(calendar.years)
        for ordinal in range(date(year, 1, 1).toordinal(), date(year + 1, 1, 1).toordinal())
    ]
    new = [
        Holiday(
            date=holiday.on,
            name=holiday.name,
            kind=holiday.kind.value,
            source=holiday.source[:300],
            is_provisional=holiday.certainty is Certainty.PROVISIONAL,
        )
        for day in days
        for holiday in calendar.holidays_on(day)
        if (holiday.on, holiday.name) not in existing
    ]
    Holiday.objects.bulk_create(new)
    return len(new)
