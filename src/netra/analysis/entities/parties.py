"""Party mentions: Pemilu 2024 parties of ``parties_data`` matched with their ambiguity rules."""

from __future__ import annotations

from dataclasses import dataclass

from netra.analysis.entities._text import KeywordMatcher, capitalised, exactly
from netra.analysis.entities.parties_data import PARTIES, PartyDefinition
from netra.analysis.spans import Span

_PARTAI = "Partai "


@dataclass(frozen=True, slots=True)
class PartyMention:
    name: str  # canonical name: "Partai Amanat Nasional"
    abbreviation: str  # "PAN"
    span: Span


def register_parties(
    matcher: KeywordMatcher[object], parties: tuple[PartyDefinition, ...] = PARTIES
) -> None:
    """Add each party's names; "Partai <short form>" is always accepted in any case."""
    for party in parties:
        for alias in (party.name, *party.aliases):
            matcher.add(alias, party)
        for alias in party.exact:
            matcher.add(alias, party, check=exactly(alias))
        for alias in party.capitalised:
            matcher.add(alias, party, check=capitalised)
        for alias in (*party.exact, *party.capitalised, party.abbreviation):
            if not alias.startswith(_PARTAI):
                matcher.add(_PARTAI + alias, party)
