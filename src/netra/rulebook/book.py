"""The loaded rulebook and its queries: which sanction, which stage, which clock, on which date."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from pathlib import Path

from netra.rulebook.errors import RulebookError, UnknownCodeError
from netra.rulebook.loader import frozen, load_raw
from netra.rulebook.types import (
    Act,
    Certainty,
    Clock,
    DatedWindow,
    Election,
    ElectionKind,
    Enterprise,
    Law,
    Norm,
    Period,
    RecapCategory,
    RecipientChangeover,
    RecipientPeriod,
    RuleEntry,
    Sanction,
    SanctionDefinition,
    Stage,
    SubjectType,
)

DEFAULT_DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_ELECTION = "pilkada-2024"


@dataclass(frozen=True, slots=True)
class Applicability:
    """What the law says about one act by one subject type on one date in one election.

    ``applicable`` is True when at least one sanction is in force: the subject is bound by a rule
    for the act (see ``subjects.yaml``) and the rule's period, window and stage hold on ``date``.
    With ``date`` None every rule of the election is shown (SKB parts A and B side by side, each
    sanction labelled with its part). ``reason`` explains a False in words.
    """

    act: str
    subject: str
    date: date | None
    stage: str | None
    applicable: bool
    sanctions: tuple[Sanction, ...]
    election: str = DEFAULT_ELECTION
    reason: str | None = None
    candidate_kind: str | None = None

    @property
    def has_provisional(self) -> bool:
        """True when any sanction rests on a reading that is not confirmed."""
        return any(sanction.is_provisional for sanction in self.sanctions)

    def to_dict(self) -> dict[str, object]:
        """The JSON shape of ``netra sanction --format json``."""
        return {
            "act": self.act,
            "subject": self.subject,
            "date": self.date.isoformat() if self.date else None,
            "stage": self.stage,
            "applicable": self.applicable,
            "sanctions": [sanction.to_dict() for sanction in self.sanctions],
            "candidate_kind": self.candidate_kind,
        }


def _dedupe(norms: tuple[Norm, ...]) -> tuple[Norm, ...]:
    seen: set[str] = set()
    unique: list[Norm] = []
    for norm in norms:
        if norm.citation not in seen:
            seen.add(norm.citation)
            unique.append(norm)
    return tuple(unique)


@dataclass(frozen=True, slots=True, eq=False)
class Rulebook:
    """Law as versioned data: acts, subjects, sanctions, calendars, dated rules and clocks."""

    version: str
    directory: Path
    acts: Mapping[str, Act]
    subjects: Mapping[str, SubjectType]
    categories: Mapping[int, RecapCategory]
    sanctions: Mapping[str, SanctionDefinition]
    laws: Mapping[str, Law]
    elections: Mapping[str, Election]
    windows: Mapping[str, DatedWindow]
    recipients: tuple[RecipientPeriod, ...]
    clocks: Mapping[str, Clock]
    changeover: RecipientChangeover | None = None

    # -- lookups that fail with the list of valid codes ------------------------------------------

    def act(self, code: str) -> Act:
        """The act with this code, or an UnknownCodeError listing the valid ones."""
        try:
            return self.acts[code]
        except KeyError:
            raise UnknownCodeError("act", code, tuple(self.acts)) from None

    def subject(self, code: str) -> SubjectType:
        """The subject type with this code, or an UnknownCodeError listing the valid ones."""
        try:
            return self.subjects[code]
        except KeyError:
            raise UnknownCodeError("subject", code, tuple(self.subjects)) from None

    def election(self, election_id: str) -> Election:
        """The election with this id, or an UnknownCodeError listing the valid ones."""
        try:
            return self.elections[election_id]
        except KeyError:
            raise UnknownCodeError("election", election_id, tuple(self.elections)) from None

    def clock(self, clock_id: str) -> Clock:
        """The procedure clock with this id (e.g. ``pilkada.report_window``)."""
        try:
            return self.clocks[clock_id]
        except KeyError:
            raise UnknownCodeError("clock", clock_id, tuple(self.clocks)) from None

    # -- queries ---------------------------------------------------------------------------------

    def category_for(self, act: str, subject: str) -> int:
        """Bawaslu recap category: the act's, unless the subject overrides it.

        Any act by a kepala desa or perangkat desa counts in category 5 (taxonomy.md).
        """
        act_value = self.act(act)
        subject_value = self.subject(subject)
        if subject_value.category_override is not None:
            return subject_value.category_override
        return act_value.category

    def window_for(self, window_id: str, election: str) -> DatedWindow | None:
        """The dated window rule entries name ``window_id`` in ``election``, or None when the
        rulebook has none there (the rule is then not in force in that election)."""
        for window in self.windows.values():
            if window.rule_id == window_id and window.election == election:
                return window
        return None

    def election_for(self, kind: ElectionKind, on: date) -> str | None:
        """The election of ``kind`` a date belongs to: the first whose vote is on or after
        ``on`` (the latest one for a later date). None when the date comes before every
        election of that kind the rulebook holds by more than the year before its vote: that
        election's calendar is not in the rulebook (e.g. the Pilkada 2018)."""
        ordered = sorted(
            (e for e in self.elections.values() if e.kind is kind), key=lambda e: e.voting_day
        )
        if not ordered:
            return None
        following = [e for e in ordered if e.voting_day >= on]
        if not following:
            return ordered[-1].id
        first = following[0]
        if first is ordered[0] and first.voting_day.year > on.year + 1:
            return None
        return first.id

    def stage_on(self, election: str, on: date) -> Stage | None:
        """The most specific (shortest) stage of ``election`` containing ``on``, or None."""
        candidates = [stage for stage in self.election(election).stages if stage.contains(on)]
        if not candidates:
            return None
        return min(candidates, key=lambda stage: stage.length_days)

    def recommendation_recipient(self, on: date) -> str:
        """Who receives Bawaslu's ASN-neutrality recommendation on ``on`` ("KASN" or "BKN")."""
        for period in self.recipients:
            if period.contains(on):
                return period.recipient
        raise RulebookError(f"dated.yaml: no recommendation recipient covers {on.isoformat()}")

    def note_in_indonesian(self, note: str) -> str | None:
        """The Indonesian of a sanction's note as `applicability` writes it (an entry's note,
        a window's caution, or the two joined); None when the rulebook has no such note.

        For readings stored before the notes had their Indonesian (`note_id`, `caution_id`).
        """
        pairs = {
            entry.note: entry.note_id
            for act in self.acts.values()
            for _, entries in act.rules
            for entry in entries
            if entry.note and entry.note_id
        }
        cautions = {w.caution: w.caution_id for w in self.windows.values() if w.caution}
        if note in pairs:
            return pairs[note]
        for caution, caution_id in cautions.items():
            if note == caution or note.endswith(" " + caution):
                head = note[: -len(caution)].strip()
                head_id = pairs.get(head) if head else ""
                if head_id is not None and caution_id:
                    return " ".join(part for part in (head_id, caution_id) if part)
        return None

    def recipient_changeover_on(self, on: date) -> RecipientChangeover | None:
        """The KASN -> BKN changeover if ``on`` falls in it (24 Aug - 4 Sep 2024), else None."""
        if self.changeover is not None and self.changeover.contains(on):
            return self.changeover
        return None

    def receives_processed_files_on(self, on: date) -> str | None:
        """Who receives files KASN had already processed, from the changeover on (KemenPANRB)."""
        if self.changeover is not None and on >= self.changeover.start:
            return self.changeover.processed_to
        return None

    def rule_entries(
        self, act: str, subject: str, enterprise: Enterprise | None = None
    ) -> tuple[tuple[RuleEntry, ...], SubjectType]:
        """The entries binding ``subject`` for ``act``: those of ``rules_from``, then its own.

        A Penjabat kepala daerah, for one, is bound as an ASN (``rules_from: pns``) and, for the
        acts of UU 10/2016 Pasal 71(4), by entries of its own. ``enterprise`` (a BUMN or a BUMD)
        drops the entries marked for the other kind; unknown (None), every entry binds.
        """
        act_value = self.act(act)
        subject_value = self.subject(subject)
        own = act_value.rules_for(subject_value.code) or ()
        inherited: tuple[RuleEntry, ...] = ()
        if subject_value.rules_from is not None:
            inherited = act_value.rules_for(subject_value.rules_from) or ()
        entries = tuple(e for e in inherited + own if e.binds(enterprise))
        return entries, subject_value

    def applicability(
        self,
        act: str,
        subject: str,
        on: date | None,
        election: str = DEFAULT_ELECTION,
        candidate_kind: str | None = None,
        enterprise: Enterprise | None = None,
    ) -> Applicability:
        """Which sanctions the law attaches to ``act`` by ``subject`` on ``on`` in ``election``.

        ``candidate_kind`` picks the penetapan date that splits SKB part A from part B (Pemilu
        2024 set legislative candidates and presidential tickets on different days). Unknown
        (None), every kind is tried: a sanction that holds only for some kinds names them in
        ``Sanction.candidate_kinds``.
        """
        act_value = self.act(act)
        election_value = self.election(election)
        kinds = election_value.candidate_kinds
        if candidate_kind is not None and candidate_kind not in kinds:
            raise UnknownCodeError("candidate kind", candidate_kind, kinds)
        tried = (candidate_kind,) if candidate_kind is not None else kinds
        entries, subject_value = self.rule_entries(act, subject, enterprise)
        stage = self.stage_on(election, on) if on is not None else None
        sanctions: list[Sanction] = []
        for entry in entries:
            holds_for = tuple(
                kind
                for kind in tried
                if self._in_force(entry, election_value, on, election_value.penetapan_for(kind))
            )
            if not holds_for:
                continue
            sanction = self._sanction(entry, subject_value)
            if on is not None and self._hinges_on_provisional_date(
                entry, election_value, holds_for
            ):
                sanction = replace(sanction, certainty=Certainty.PROVISIONAL)
            window = self.window_for(entry.window, election) if entry.window else None
            if on is not None and window is not None and window.is_doubtful_on(on):
                note = " ".join(part for part in (sanction.note, window.caution) if part)
                note_id = " ".join(part for part in (sanction.note_id, window.caution_id) if part)
                sanction = replace(
                    sanction, certainty=Certainty.PROVISIONAL, note=note, note_id=note_id
                )
            if len(holds_for) < len(tried):
                sanction = replace(sanction, candidate_kinds=holds_for)
            sanctions.append(sanction)
        reason: str | None = None
        if not entries:
            reason = f"no rule binds subject {subject!r} for act {act!r}"
            if act_value.note:
                reason = f"{reason}: {act_value.note}"
        elif not sanctions:
            when = f"on {on.isoformat()}" if on else "at any date"
            reason = f"no rule for subject {subject!r} is in force {when} in {election}"
        return Applicability(
            act=act,
            subject=subject,
            date=on,
            stage=stage.code if stage else None,
            applicable=bool(sanctions),
            sanctions=tuple(sanctions),
            election=election,
            reason=reason,
            candidate_kind=candidate_kind,
        )

    # -- helpers ---------------------------------------------------------------------------------

    def _in_force(
        self, entry: RuleEntry, election: Election, on: date | None, penetapan: date
    ) -> bool:
        if entry.election_kind is not None and entry.election_kind is not election.kind:
            return False
        window = self.window_for(entry.window, election.id) if entry.window else None
        if entry.window and window is None:
            return False
        if on is None:
            return True
        # SKB 2022: part A (bakal calon) before penetapan of the candidate, part B from it on.
        if entry.period is Period.BEFORE_PENETAPAN and on >= penetapan:
            return False
        if entry.period is Period.FROM_PENETAPAN and on < penetapan:
            return False
        if window is not None and not window.contains(on):
            return False
        if entry.stage is not None and not self._in_stage(election, entry.stage, on):
            return False
        if entry.outside_stage is not None and self._in_stage(election, entry.outside_stage, on):
            return False
        if entry.valid_from is not None and on < entry.valid_from:
            return False
        return not (entry.valid_until is not None and on > entry.valid_until)

    @staticmethod
    def _hinges_on_provisional_date(
        entry: RuleEntry, election: Election, kinds: tuple[str, ...]
    ) -> bool:
        """True when the entry's force on a date rests on a provisional calendar date.

        E.g. SKB part B in the Pemilu 2024 rests on penetapan dates not in legal.md.
        """
        codes: set[str] = set()
        if entry.period is not Period.ALWAYS:
            codes |= {p.stage for p in election.penetapan if p.candidate_kind in kinds}
        codes |= {code for code in (entry.stage, entry.outside_stage) if code is not None}
        return any(
            stage.certainty is Certainty.PROVISIONAL
            for stage in election.stages
            if stage.code in codes
        )

    @staticmethod
    def _in_stage(election: Election, code: str, on: date) -> bool:
        return any(stage.contains(on) for stage in election.stages if stage.code == code)

    def _sanction(self, entry: RuleEntry, subject: SubjectType) -> Sanction:
        definition = self.sanctions[subject.replacement_for(entry.sanction)]
        inherited = subject.rules_from is not None
        extra = subject.extra_norms_for(definition.type) if inherited else ()
        provisional = Certainty.PROVISIONAL in (
            entry.certainty,
            definition.certainty,
            subject.certainty,
        )
        return Sanction(
            code=definition.code,
            type=definition.type,
            level=definition.level,
            norms=_dedupe(entry.norms + extra + definition.norms),
            certainty=Certainty.PROVISIONAL if provisional else Certainty.CONFIRMED,
            part=entry.part,
            label_id=definition.label_id,
            consists_of=definition.consists_of,
            note=entry.note,
            note_id=entry.note_id,
        )


def _build(directory: Path) -> Rulebook:
    raw = load_raw(directory)
    return Rulebook(
        version=raw.version,
        directory=raw.directory,
        acts=frozen(raw.acts),
        subjects=frozen(raw.subjects),
        categories=frozen(raw.categories),
        sanctions=frozen(raw.sanctions),
        laws=frozen(raw.laws),
        elections=frozen(raw.elections),
        windows=frozen(raw.windows),
        recipients=raw.recipients,
        clocks=frozen(raw.clocks),
        changeover=raw.changeover,
    )


@lru_cache(maxsize=1)
def _default_rulebook() -> Rulebook:
    return _build(DEFAULT_DATA_DIR)


def load_rulebook(path: Path | None = None) -> Rulebook:
    """Load and validate the rulebook; the shipped one (``path`` None) is loaded once and cached.

    ``path`` is a data directory (or any file inside it); a RulebookError names the bad file,
    entry and field.
    """
    if path is None:
        return _default_rulebook()
    directory = Path(path)
    if directory.is_file():
        directory = directory.parent
    return _build(directory)
