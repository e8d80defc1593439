"""The imbauan letters (one A4 page per agency) and the poster, as one PDF."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from netra.documents.pdf import render_pdf
from netra.regions.models import Agency, Region
from netra.rulebook import load_rulebook

# The prohibitions the poster and the letters list: the acts most reported (legal.md §4 shares).
KEY_ACTS = (
    "social_media_campaign",
    "social_media_engagement",
    "partisan_photo",
    "campaign_attendance",
    "props_installation",
    "mobilization",
    "party_membership",
    "state_facility_use",
)


@dataclass(frozen=True, slots=True)
class Channels:
    report_url: str
    tipline: str


def key_prohibitions() -> list[str]:
    book = load_rulebook()
    return [book.act(code).label_id for code in KEY_ACTS]


def imbauan_pdf(
    region: Region,
    agencies: Sequence[Agency],
    *,
    letter_number: str,
    sent_on: date,
    channels: Channels,
) -> bytes:
    """Letters to every agency, then the X-banner/poster, in one PDF."""
    return render_pdf(
        "prevention/imbauan.html",
        {
            "region": region,
            "agencies": agencies,
            "letter_number": letter_number,
            "sent_on": sent_on,
            "channels": channels,
            "prohibitions": key_prohibitions(),
        },
    )


def poster_pdf(region: Region, *, channels: Channels) -> bytes:
    return render_pdf(
        "prevention/poster.html",
        {"region": region, "channels": channels, "prohibitions": key_prohibitions()},
    )
