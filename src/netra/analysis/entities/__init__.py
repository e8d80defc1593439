"""Entity extraction for the analyzer: NIPs, parties, platforms, regions, dates, candidates.

Pure Python and deterministic; every span slices the original text exactly. The keyword automaton
(parties, platforms, 552 regions) is built once on first use (~0.3 s, mostly loading region data).
"""

from __future__ import annotations

from netra.analysis.entities.candidates import (
    Candidate,
    CandidateFileError,
    CandidateMention,
    CandidateRegistry,
    find_numbers,
    load_candidates,
    parse_candidates,
)
from netra.analysis.entities.dates import DateMention, find_dates
from netra.analysis.entities.extract import (
    Entities,
    PlatformMention,
    RegionMention,
    extract_entities,
    gazetteer,
    region_mentions,
)
from netra.analysis.entities.nip import Gender, Nip, NipKind, NipMention, find_nips, parse_nip
from netra.analysis.entities.parties import PartyMention
from netra.analysis.entities.parties_data import PARTIES, PartyDefinition
from netra.analysis.entities.platforms import Platform
from netra.analysis.entities.regions import Region, RegionLevel, all_regions, regions_by_code
from netra.analysis.spans import Span

__all__ = [
    "PARTIES",
    "Candidate",
    "CandidateFileError",
    "CandidateMention",
    "CandidateRegistry",
    "DateMention",
    "Entities",
    "Gender",
    "Nip",
    "NipKind",
    "NipMention",
    "PartyDefinition",
    "PartyMention",
    "Platform",
    "PlatformMention",
    "Region",
    "RegionLevel",
    "RegionMention",
    "Span",
    "all_regions",
    "extract_entities",
    "find_dates",
    "find_nips",
    "find_numbers",
    "gazetteer",
    "load_candidates",
    "parse_candidates",
    "parse_nip",
    "region_mentions",
    "regions_by_code",
]
