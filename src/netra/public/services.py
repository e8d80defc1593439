"""Writes of the public pages: a citizen's report, through the cases engineer's intake service."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.core.files.base import File
from django.db import transaction

from netra.cases.models import Report
from netra.cases.services import (
    CaseInputError,
    IncidentData,
    PartyData,
    ReporterData,
    receive_report,
)
from netra.monitoring.reports import join_grouping
from netra.public.models import ReporterPreference
from netra.public.selectors import election_for
from netra.regions.models import Agency, Region


@dataclass(frozen=True, slots=True)
class PublicReport:
    """A report as the public form collects it (already checked for shape by the form)."""

    series: str
    region: Region
    kecamatan: Agency | None
    incident_on: date
    known_on: date
    place: str
    description: str
    reporter: ReporterData
    party: PartyData | None
    links: Sequence[str]
    files: Sequence[File]  # type: ignore[type-arg]
    may_disclose_identity: bool
    may_be_contacted: bool


@transaction.atomic
def submit_public_report(report: PublicReport, *, now: datetime, today: date) -> Report:
    """File the report with `receive_report` and keep the reporter's confidentiality choice."""
    election = election_for(report.series, report.region)
    if election is None:
        raise CaseInputError(
            f"no {report.series} election is set up for {report.region.name}", field="region"
        )
    filed = receive_report(
        IncidentData(
            election=election,
            region=report.region,
            kecamatan=report.kecamatan,
            incident_on=report.incident_on,
            known_on=report.known_on,
            place=report.place,
            description=report.description,
            parties=(report.party,) if report.party else (),
            links=tuple(report.links),
            files=tuple(report.files),
        ),
        reporter=report.reporter,
        actor=None,
        now=now,
        today=today,
    )
    ReporterPreference.objects.create(
        report=filed,
        may_disclose_identity=report.may_disclose_identity,
        may_be_contacted=report.may_be_contacted,
    )

    # The report also joins the monitoring desk's grouping (issue #11), once it is committed:
    # a failure there is logged and never loses the report.
    def join() -> None:  # a function, not a partial: Django logs a failure by its __qualname__
        join_grouping(
            filed,
            text=report.description,
            links=tuple(report.links),
            region_code=report.region.code,
            now=now,
        )

    transaction.on_commit(join, robust=True)
    return filed
