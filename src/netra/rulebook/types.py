"""Typed, immutable values the rulebook is made of.

Everything here is plain data: the YAML files under ``data/`` are parsed into these objects by
``netra.rulebook.loader`` and never mutated afterwards, so a loaded rulebook can be shared freely
between threads, requests and the analyzer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Certainty(StrEnum):
    """How sure the research behind a fact is (legal.md P/N2: confirmed; N1, C, D: provisional)."""

    CONFIRMED = "confirmed"
    PROVISIONAL = "provisional"


class SanctionType(StrEnum):
    """The family a sanction belongs to; it decides who imposes it and by which procedure."""

    MORAL = "moral"  # PP 42/2004 Pasal 15: sanksi moral, kode etik PNS
    DISCIPLINARY = "disciplinary"  # PP 94/2021 Pasal 8: hukuman disiplin
    DISMISSAL = "dismissal"  # PTDH / pemutusan hubungan perjanjian kerja tidak dengan hormat
    CRIMINAL = "criminal"  # tindak pidana Pemilu / Pemilihan, via Sentra Gakkumdu
    ADMINISTRATIVE = "administrative"  # e.g. pembatalan sebagai calon, UU 10/2016 Pasal 71(5)
    VILLAGE_ADMINISTRATIVE = "village_administrative"  # UU 6/2014 Pasal 30 and 52
    INTERNAL = "internal"  # TNI / Polri / employer internal discipline


class Level(StrEnum):
    """Tingkat hukuman disiplin, PP 94/2021 Pasal 8 ayat (1)."""

    RINGAN = "ringan"
    SEDANG = "sedang"
    BERAT = "berat"


class SkbPart(StrEnum):
    """Part of the SKB 2022 matrix (Lampiran II): A = kode etik, B = disiplin."""

    A = "A"
    B = "B"


class Period(StrEnum):
    """When, relative to penetapan pasangan calon, a rule entry is in force.

    SKB 2022 part A concerns *bakal calon* (before penetapan), part B concerns *calon* (from
    penetapan on); a few part-B rows (party membership, KTP support) do not depend on it.
    """

    BEFORE_PENETAPAN = "before_penetapan"
    FROM_PENETAPAN = "from_penetapan"
    ALWAYS = "always"


class Enterprise(StrEnum):
    """Whose enterprise a BUMN/BUMD subject works for: the state's (BUMN) or a region's (BUMD).

    A minister's circular binds the BUMN group only; a rule entry marked with one kind is in force
    only for a question or case that names that kind (both when the kind is not known).
    """

    BUMN = "bumn"
    BUMD = "bumd"


class ElectionKind(StrEnum):
    """Pilkada (UU 10/2016) and Pemilu (UU 7/2017) have different criminal articles and clocks."""

    PILKADA = "pilkada"
    PEMILU = "pemilu"


class ClockUnit(StrEnum):
    """'hari' (calendar days) versus 'hari kerja' (working days): the law uses both."""

    CALENDAR = "calendar"
    WORKING = "working"


@dataclass(frozen=True, slots=True)
class Law:
    """A statute or regulation that norms cite, e.g. ``pp_94_2021`` → "PP 94/2021"."""

    code: str
    short: str
    title: str
    in_force_from: date | None
    repealed_on: date | None
    replaced_by: str | None
    source: str
    certainty: Certainty


@dataclass(frozen=True, slots=True)
class Norm:
    """One provision: law, pasal, ayat, huruf, angka (or a section for non-numbered texts)."""

    law: str
    law_short: str
    pasal: str | None = None
    ayat: str | None = None
    huruf: str | None = None
    angka: str | None = None
    section: str | None = None

    @property
    def citation(self) -> str:
        """The readable citation, e.g. "PP 94/2021 Pasal 5 huruf n angka 3"."""
        parts = [self.law_short]
        if self.section:
            parts.append(self.section)
        if self.pasal:
            parts.append(f"Pasal {self.pasal}")
        if self.ayat:
            parts.append(f"ayat ({self.ayat})")
        if self.huruf:
            parts.append(f"huruf {self.huruf}")
        if self.angka:
            parts.append(f"angka {self.angka}")
        return " ".join(parts)

    def __str__(self) -> str:
        return self.citation


@dataclass(frozen=True, slots=True)
class SanctionDefinition:
    """A sanction as the law defines it (what it consists of), independent of any act."""

    code: str
    type: SanctionType
    level: Level | None
    label_id: str
    label_en: str
    consists_of: tuple[str, ...]
    norms: tuple[Norm, ...]
    certainty: Certainty


@dataclass(frozen=True, slots=True)
class Sanction:
    """A sanction as it applies to one act by one subject type, with the norms that ground it."""

    code: str
    type: SanctionType
    level: Level | None
    norms: tuple[Norm, ...]
    certainty: Certainty
    part: SkbPart | None
    label_id: str
    consists_of: tuple[str, ...]
    note: str | None = None
    note_id: str | None = None  # the note in Indonesian
    # Set only when the kind of candidate was not given and this sanction holds for some kinds
    # but not all (Pemilu 2024: DPR/DPD/DPRD candidates were set on 3 Nov 2023, presidential
    # tickets on 13 Nov 2023). Empty means it holds whatever the kind.
    candidate_kinds: tuple[str, ...] = ()

    @property
    def is_provisional(self) -> bool:
        """True when the reading behind this sanction is not confirmed (see docs/rulebook.md)."""
        return self.certainty is Certainty.PROVISIONAL

    def to_dict(self) -> dict[str, object]:
        """The JSON shape used by the CLI and the API."""
        return {
            "type": self.type.value,
            "level": self.level.value if self.level else None,
            "norms": [norm.citation for norm in self.norms],
            "certainty": self.certainty.value,
            "part": self.part.value if self.part else None,
            "code": self.code,
            "label_id": self.label_id,
            "consists_of": list(self.consists_of),
            "note": self.note,
            "note_id": self.note_id,
            "candidate_kinds": list(self.candidate_kinds),
        }


@dataclass(frozen=True, slots=True)
class RuleEntry:
    """One line of an act's rules for one subject type: a sanction and when it is in force."""

    sanction: str
    norms: tuple[Norm, ...]
    part: SkbPart | None
    period: Period
    election_kind: ElectionKind | None
    window: str | None
    stage: str | None
    valid_from: date | None
    valid_until: date | None
    certainty: Certainty
    note: str | None
    outside_stage: str | None = None  # in force only on dates outside this stage
    note_id: str | None = None  # the note in Indonesian, as the desk shows it
    enterprise: Enterprise | None = None  # only for a BUMN or only for a BUMD (None: both)

    def binds(self, enterprise: Enterprise | None) -> bool:
        """In force for a subject of `enterprise` (an unknown kind is bound by every entry)."""
        return self.enterprise is None or enterprise is None or self.enterprise is enterprise


@dataclass(frozen=True, slots=True)
class SubjectType:
    """Who did it (taxonomy.md `subject.type`)."""

    code: str
    label_id: str
    label_en: str
    description: str
    rules_from: str | None
    extra_norms: tuple[tuple[SanctionType, tuple[Norm, ...]], ...]
    replaces_sanctions: tuple[tuple[str, str], ...]
    certainty: Certainty
    category_override: int | None
    note: str | None  # for maintainers: why the entry reads as it does
    note_id: str | None = None  # a caution for whoever asks about this subject, in Indonesian
    # Where Bawaslu's recommendation goes: a procedure recipient code, or "asn_authority".
    recommendation_to: str | None = None
    recommendation_source: str | None = None

    def extra_norms_for(self, kind: SanctionType) -> tuple[Norm, ...]:
        """Norms this subject adds to sanctions of ``kind`` taken over through ``rules_from``."""
        for sanction_type, norms in self.extra_norms:
            if sanction_type is kind:
                return norms
        return ()

    def replacement_for(self, sanction: str) -> str:
        """The sanction code this subject uses instead of ``sanction`` (itself if none)."""
        return dict(self.replaces_sanctions).get(sanction, sanction)


@dataclass(frozen=True, slots=True)
class Act:
    """What was done (taxonomy.md act code), with its Bawaslu category and rules per subject."""

    code: str
    label_id: str
    label_en: str
    description: str
    category: int
    skb_rows: tuple[str, ...]
    rules: tuple[tuple[str, tuple[RuleEntry, ...]], ...]
    note: str | None

    def rules_for(self, subject: str) -> tuple[RuleEntry, ...] | None:
        """The entries written for this subject code, or None when the act names none."""
        for code, entries in self.rules:
            if code == subject:
                return entries
        return None


@dataclass(frozen=True, slots=True)
class RecapCategory:
    """One of Bawaslu's ten recap categories (Rakornas 17 Sep 2024)."""

    number: int
    label_id: str
    label_en: str


@dataclass(frozen=True, slots=True)
class Stage:
    """A tahapan of an election calendar; ``start`` and ``end`` are both inclusive."""

    code: str
    label_id: str
    label_en: str
    start: date
    end: date
    source: str
    certainty: Certainty

    def contains(self, on: date) -> bool:
        """True when ``on`` falls within the stage."""
        return self.start <= on <= self.end

    @property
    def length_days(self) -> int:
        """Number of days the stage lasts, used to pick the most specific overlapping stage."""
        return (self.end - self.start).days + 1


@dataclass(frozen=True, slots=True)
class Penetapan:
    """The day candidates of one kind became *calon* (SKB 2022 part A before it, part B from it).

    One election can set different kinds on different days: Pemilu 2024 set the DCT of DPR, DPD
    and DPRD candidates on 3 Nov 2023 and the presidential tickets on 13 Nov 2023.
    """

    candidate_kind: str
    on: date
    stage: str
    label_en: str


@dataclass(frozen=True, slots=True)
class Election:
    """An election with its calendar (PKPU tahapan)."""

    id: str
    kind: ElectionKind
    label_id: str
    label_en: str
    penetapan_paslon: date  # the last penetapan of any kind of candidate
    stages: tuple[Stage, ...]
    source: str
    penetapan: tuple[Penetapan, ...] = ()
    # What an answer for this election must say besides its dates (an earlier election: the
    # rules cited are the rulebook's current ones), in English and in Indonesian.
    note: str | None = None
    note_id: str | None = None

    @property
    def voting_day(self) -> date:
        """The day of the vote (the `pemungutan_suara` stage), else the calendar's last day."""
        for stage in self.stages:
            if stage.code == "pemungutan_suara":
                return stage.start
        return max(stage.end for stage in self.stages)

    @property
    def candidate_kinds(self) -> tuple[str, ...]:
        """The kinds of candidate this election sets, each with its own penetapan date."""
        return tuple(p.candidate_kind for p in self.penetapan)

    def penetapan_for(self, candidate_kind: str) -> date:
        """The penetapan date of ``candidate_kind`` (a KeyError for a kind the election lacks)."""
        for item in self.penetapan:
            if item.candidate_kind == candidate_kind:
                return item.on
        raise KeyError(candidate_kind)


@dataclass(frozen=True, slots=True)
class DatedWindow:
    """A dated period in which a rule is in force, e.g. UU 10/2016 Pasal 71(2) for one election."""

    id: str
    election: str
    start: date
    end: date | None
    norms: tuple[Norm, ...]
    source: str
    certainty: Certainty
    note: str | None
    # From this day on the window may already have closed in some regions (its end differs per
    # region): a sanction resting on it is provisional and carries ``caution``.
    caution_from: date | None = None
    caution: str | None = None
    caution_id: str | None = None  # the caution in Indonesian
    # The window id the rule entries name when this is the same provision's window in another
    # election (the Pilkada 2020 window of Pasal 71(2) stands for `pasal_71_2`); None: itself.
    family: str | None = None

    @property
    def rule_id(self) -> str:
        """The window id rule entries name for this window (`window:` in acts.yaml)."""
        return self.family or self.id

    def is_doubtful_on(self, on: date) -> bool:
        """True when ``on`` is past ``caution_from``: the window may have closed locally."""
        return self.caution_from is not None and on >= self.caution_from

    def contains(self, on: date) -> bool:
        """True when ``on`` is inside the window (end None = open-ended)."""
        return self.start <= on and (self.end is None or on <= self.end)


@dataclass(frozen=True, slots=True)
class RecipientPeriod:
    """Who receives Bawaslu's ASN-neutrality recommendations during a period."""

    recipient: str
    start: date | None
    end: date | None
    source: str
    certainty: Certainty

    def contains(self, on: date) -> bool:
        """True when ``on`` is inside the period (None bounds are open)."""
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


@dataclass(frozen=True, slots=True)
class RecipientChangeover:
    """The days on which the KASN -> BKN switch was not yet settled in writing.

    KASN stopped on 24 Aug 2024, but SE MenPANRB 4/2024, which says where KASN's files go
    (processed ones to KemenPANRB, unprocessed ones to BKN), was signed only on 4 Sep 2024. A
    letter to KASN in between is warned about, not refused.
    """

    start: date
    end: date
    processed_to: str  # who receives files KASN had already processed (from `start` on)
    source: str
    certainty: Certainty
    note: str | None = None

    def contains(self, on: date) -> bool:
        """True when ``on`` is inside the changeover."""
        return self.start <= on <= self.end


@dataclass(frozen=True, slots=True)
class Clock:
    """A procedural deadline: ``days`` counted in ``unit`` days, with its legal source."""

    id: str
    days: int
    unit: ClockUnit
    source: str
    certainty: Certainty
    label_en: str = ""
    note: str | None = None
