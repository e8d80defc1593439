"""The rulebook: Indonesian neutrality law as versioned, validated data.

The YAML files under ``data/`` say which act by which subject breaches which norm and carries
which sanction, how that changes with the date (SKB 2022 part A/B, UU 10/2016 Pasal 71 windows,
KASN → BKN), the election calendars and the procedure clocks. ``load_rulebook()`` validates them
into frozen objects; see docs/rulebook.md for how the law is encoded.
"""

from __future__ import annotations

from netra.rulebook.book import (
    DEFAULT_DATA_DIR,
    DEFAULT_ELECTION,
    Applicability,
    Rulebook,
    load_rulebook,
)
from netra.rulebook.errors import RulebookError, UnknownCodeError
from netra.rulebook.types import (
    Act,
    Certainty,
    Clock,
    ClockUnit,
    DatedWindow,
    Election,
    ElectionKind,
    Enterprise,
    Law,
    Level,
    Norm,
    Period,
    RecapCategory,
    RecipientChangeover,
    RecipientPeriod,
    RuleEntry,
    Sanction,
    SanctionDefinition,
    SanctionType,
    SkbPart,
    Stage,
    SubjectType,
)

__all__ = [
    "DEFAULT_DATA_DIR",
    "DEFAULT_ELECTION",
    "Act",
    "Applicability",
    "Certainty",
    "Clock",
    "ClockUnit",
    "DatedWindow",
    "Election",
    "ElectionKind",
    "Enterprise",
    "Law",
    "Level",
    "Norm",
    "Period",
    "RecapCategory",
    "RecipientChangeover",
    "RecipientPeriod",
    "RuleEntry",
    "Rulebook",
    "RulebookError",
    "Sanction",
    "SanctionDefinition",
    "SanctionType",
    "SkbPart",
    "Stage",
    "SubjectType",
    "UnknownCodeError",
    "load_rulebook",
]
