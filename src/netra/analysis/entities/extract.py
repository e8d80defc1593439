"""One pass over a text that returns every entity the analyzer needs, with exact spans."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from netra.analysis.entities._text import KeywordMatcher, digit_runs, fold
from netra.analysis.entities.candidates import CandidateMention, CandidateRegistry, find_numbers
from netra.analysis.entities.dates import DateMention, find_dates
from netra.analysis.entities.nip import NipMention, find_nips
from netra.analysis.entities.parties import PartyMention, register_parties
from netra.analysis.entities.parties_data import PartyDefinition
from netra.analysis.entities.platforms import Platform, register_platforms
from netra.analysis.entities.regions import Region, RegionLevel, register_regions
from netra.analysis.spans import Span


@dataclass(frozen=True, slots=True)
class PlatformMention:
    platform: Platform
    span: Span


@dataclass(frozen=True, slots=True)
class RegionMention:
    code: str
    name: str
    level: RegionLevel
    span: Span


@dataclass(frozen=True, slots=True)
class Entities:
    """Everything found in one text; each tuple is in order of appearance."""

    nips: tuple[NipMention, ...] = ()
    parties: tuple[PartyMention, ...] = ()
    platforms: tuple[PlatformMention, ...] = ()
    regions: tuple[RegionMention, ...] = ()
    dates: tuple[DateMention, ...] = ()
    candidates: tuple[CandidateMention, ...] = ()

    def to_dict(self) -> dict[str, list[dict[str, object]]]:
        """JSON-friendly form: dates as ISO strings, enums as their values, spans as dicts."""
        return {
            "nips": [
                {
                    "value": m.nip.value,
                    "is_valid": m.nip.is_valid,
                    "birth_date": _iso(m.nip.birth_date),
                    "tmt": list(m.nip.tmt) if m.nip.tmt else None,
                    "gender": m.nip.gender.value if m.nip.gender else None,
                    "kind": m.nip.kind.value if m.nip.kind else None,
                    "appointment_year": m.nip.appointment_year,
                    "reason": m.nip.reason,
                    "span": _span(m.span),
                }
                for m in self.nips
            ],
            "parties": [
                {"name": m.name, "abbreviation": m.abbreviation, "span": _span(m.span)}
                for m in self.parties
            ],
            "platforms": [
                {"platform": m.platform.value, "span": _span(m.span)} for m in self.platforms
            ],
            "regions": [
                {"code": m.code, "name": m.name, "level": m.level.value, "span": _span(m.span)}
                for m in self.regions
            ],
            "dates": [{"date": m.date.isoformat(), "span": _span(m.span)} for m in self.dates],
            "candidates": [
                {
                    "number": m.number,
                    "matched_by": m.matched_by,
                    "candidate": None
                    if m.candidate is None
                    else {
                        "region_code": m.candidate.region_code,
                        "nomor_urut": m.candidate.nomor_urut,
                        "names": list(m.candidate.names),
                        "parties": list(m.candidate.parties),
                    },
                    "span": _span(m.span),
                }
                for m in self.candidates
            ],
        }


def _span(span: Span) -> dict[str, object]:
    return {"start": span.start, "end": span.end, "text": span.text}


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


@lru_cache(maxsize=1)
def gazetteer() -> KeywordMatcher[object]:
    """Parties, platforms and regions in one automaton, built once (parties win shared keys)."""
    matcher: KeywordMatcher[object] = KeywordMatcher()
    register_parties(matcher)
    register_platforms(matcher)
    register_regions(matcher)
    return matcher.finish()


def region_mentions(text: str) -> tuple[RegionMention, ...]:
    """The regions named in ``text``, exactly as `extract_entities(text).regions` lists them,
    without the other entities (the monitoring ingest needs only the region of a post)."""
    if not text:
        return ()
    found = []
    for hit in gazetteer().find(text, fold(text)):
        value = hit.value
        if isinstance(value, Region):
            span = Span(hit.start, hit.end, text[hit.start : hit.end])
            found.append(RegionMention(value.code, value.name, value.level, span))
    return tuple(found)


def extract_entities(
    text: str, *, candidates: CandidateRegistry | None = None, today: date | None = None
) -> Entities:
    """Find NIPs, parties, platforms, regions, dates and candidates in ``text``.

    Keyword entities do not overlap one another: "Partai Aceh" is a party, not the province.
    ``today`` bounds plausible NIP years (defaults to the current date).
    """
    if not text:
        return Entities()
    folded = fold(text)
    parties: list[PartyMention] = []
    platforms: list[PlatformMention] = []
    regions: list[RegionMention] = []
    for hit in gazetteer().find(text, folded):
        found = Span(hit.start, hit.end, text[hit.start : hit.end])
        value = hit.value
        if isinstance(value, PartyDefinition):
            parties.append(PartyMention(value.name, value.abbreviation, found))
        elif isinstance(value, Platform):
            platforms.append(PlatformMention(value, found))
        elif isinstance(value, Region):
            regions.append(RegionMention(value.code, value.name, value.level, found))

    runs = digit_runs(text)
    nips = find_nips(text, today=today, runs=runs) if runs else ()
    dates = find_dates(text, runs) if runs else ()
    if nips or dates:  # digits inside a NIP or a date are no ballot number
        taken = [m.span for m in nips] + [m.span for m in dates]
        runs = [r for r in runs if not any(s.start <= r[0] < s.end for s in taken)]
    numbers = find_numbers(text, folded, runs)
    mentions = list(numbers)
    if candidates is not None:
        region_codes = {r.code for r in regions}
        if region_codes:
            mentions = [
                CandidateMention(m.span, m.number, candidates.by_number(m.number, region_codes))
                if m.number is not None
                else m
                for m in numbers
            ]
        mentions.extend(candidates.find(text, folded))
        mentions.sort(key=lambda m: m.span.start)
    return Entities(
        nips=nips,
        parties=tuple(parties),
        platforms=tuple(platforms),
        regions=tuple(regions),
        dates=dates,
        candidates=tuple(mentions),
    )
