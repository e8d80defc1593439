"""The consultation's own reading of questions, on top of the analyzer's act detection.

People ask in words the analyzer's lexicon is not built for: a question names a bare "calon", an
"emoticon", a "pembicara" at a party meeting, the "petahana". The analyzer's data belong to its
owner and are tuned for reports, not questions, so this layer keeps its own vocabulary
(`guidance/data/vocabulary.yaml`), validated on load against the analyzer's concepts and the
rulebook's acts, subjects and sanctions:

- `cues`: question words read as analyzer concepts, added to what the lexicon finds; the
  analyzer's own act rules then read the question;
- `phrases`: paraphrases that name an act outright ("mengantar calon" is accompanying a
  candidate's activity), read first;
- `prefer`: which act a question is about when two read ("memposting dukungan" is campaigning on
  social media, not bare support);
- `conditional`: sanctions that punish only a breach of conditions (a kepala daerah campaigning
  without leave): with the conditions met the act is lawful, and the answer says on what terms;
  a question that names a breach ("tanpa cuti") is answered as one;
- `outside`: phrasings that ask about someone other than an official ("paslon melibatkan kepala
  desa"): not a question of what an official may do, so no permission is read from it;
- `kin`: words naming a relative of an official ("istri polisi", "anak kepala desa", "anggota
  Persit"): the official named after them is not who asks, and the rules that bind the official
  do not bind the relative;
- `roles`: job titles that name a kind of official without its status ("guru", "bidan"): read as
  that kind, and the answer says the status was assumed;
- `spellings`: chat spellings the analyzer's tokenizer keeps as they are ("ikutan", "nge-like"),
  rewritten to the words it reads before the question is read;
- `exceptions`: acts a rule forbids unless someone grants leave (a transfer of officials with the
  Minister's written approval): a question that says leave was granted is answered as allowed,
  one that says it was not as forbidden;
- `enterprises`: words naming a state-owned (BUMN) or a region-owned (BUMD) enterprise: the
  analyzer reads both as one subject, and the rulebook marks entries that bind one kind only
  (the BUMN minister's circular does not bind a BUMD, round 18);
- `settled`: readings of the law Netra settled where the sources disagree, each with its ADR
  (plain attendance of a campaign by a PNS: docs/decisions/0006): the answer cites their norms
  and states the other reading and how the sanction level is set.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources

import yaml

from netra.analysis.lexicon import Cue, load_lexicon
from netra.analysis.normalize import Token, tokenize
from netra.analysis.subjects import SUBJECT_PREFIX
from netra.errors import NetraError
from netra.rulebook import Enterprise, load_rulebook

VOCABULARY_FILE = "vocabulary.yaml"
# Words a question may put between the words of one phrase ("gabung di grup", "antar para calon").
MAX_GAP = 2
# A phrase alternative written "@concept" is present when a cue of that concept was read.
CONCEPT_MARK = "@"


class VocabularyError(NetraError):
    """The vocabulary data is invalid; the message names the section, the entry and the field."""

    code = "vocabulary_invalid"


Phrase = tuple[str, ...]  # canonical forms, or one "@concept"


@dataclass(frozen=True, slots=True)
class CueEntry:
    """Words read as one analyzer concept (or a subject: `subject.<code>`)."""

    concept: str
    phrases: tuple[Phrase, ...]


@dataclass(frozen=True, slots=True)
class PhraseEntry:
    """An act named outright: every group has one of its alternatives in the question."""

    act: str
    groups: tuple[tuple[Phrase, ...], ...]
    reason: str | None = None  # `outside` only: why the question is not Netra's to answer

    def matches(self, forms: Sequence[str], concepts: Collection[str]) -> bool:
        return all(any(_present(alt, forms, concepts) for alt in group) for group in self.groups)


@dataclass(frozen=True, slots=True)
class Conditional:
    """Acts `subjects` may do on `conditions`; `sanction` punishes only a breach of them."""

    subjects: frozenset[str]
    acts: frozenset[str]
    sanction: str
    conditions: tuple[str, ...]
    norms: tuple[str, ...]
    source: str
    breaches: tuple[tuple[str, Phrase], ...] = ()  # (as written, canonical): a condition broken
    free_days: FreeDays | None = None

    def breach_in(self, forms: Sequence[str]) -> str | None:
        """The breach of a condition the question names ("tanpa cuti"), as written, or None."""
        return next((text for text, phrase in self.breaches if _occurrences(phrase, forms)), None)

    def on_free_day(self, forms: Sequence[str]) -> Conditional:
        """These conditions as they stand on the day the question places the act: on a holiday
        or a weekend the leave condition does not apply (no working day is missed), so its
        breaches ("tanpa cuti") break nothing and the answer names the conditions left."""
        free = self.free_days
        if free is None or not free.names_free_day(forms):
            return self
        return replace(
            self,
            conditions=tuple(c for c in self.conditions if c != free.condition),
            breaches=tuple(b for b in self.breaches if b[0] not in free.waives),
            norms=tuple(dict.fromkeys((*self.norms, *free.norms))),
            source=f"{self.source}; {free.source}",
            free_days=None,
        )


@dataclass(frozen=True, slots=True)
class FreeDays:
    """Days on which one condition of a `conditional` entry does not apply (round 36: a kepala
    daerah needs leave to campaign on working days only); `unless` words keep it (an incumbent
    running in a Pilkada is on leave for the whole campaign)."""

    words: tuple[Phrase, ...]
    condition: str  # the entry's condition that lapses on those days
    waives: frozenset[str]  # the entry's breaches, as written, that then break nothing
    unless: tuple[Phrase, ...]
    norms: tuple[str, ...]
    source: str

    def names_free_day(self, forms: Sequence[str]) -> bool:
        """Whether the question places the act on a free day, and names no one it does not
        free."""
        if any(_occurrences(phrase, forms) for phrase in self.unless):
            return False
        return any(_occurrences(phrase, forms) for phrase in self.words)


@dataclass(frozen=True, slots=True)
class KinEntry:
    """Words naming a relative of an official; `of` when the words alone say whose ("Persit")."""

    phrases: tuple[Phrase, ...]
    of: str | None = None


@dataclass(frozen=True, slots=True)
class NonOfficialEntry:
    """Titles of people the neutrality rules do not bind (who_asks.yaml, status `none`)."""

    phrases: tuple[Phrase, ...]
    reason: str


@dataclass(frozen=True, slots=True)
class RoleEntry:
    """Job titles read as `subject` when the question states no status."""

    subject: str
    phrases: tuple[Phrase, ...]


@dataclass(frozen=True, slots=True)
class LeaveException:
    """`acts` of `subjects` that a rule forbids unless leave is granted (`granted`, `refused`)."""

    subjects: frozenset[str]
    acts: frozenset[str]
    condition: str
    granted: tuple[Phrase, ...]
    refused: tuple[Phrase, ...]
    norms: tuple[str, ...]
    source: str

    def reading(self, forms: Sequence[str]) -> bool | None:
        """True when the question says leave was granted, False when not, None when silent."""
        if any(_occurrences(phrase, forms) for phrase in self.refused):
            return False
        if any(_occurrences(phrase, forms) for phrase in self.granted):
            return True
        return None


@dataclass(frozen=True, slots=True)
class Settled:
    """A reading of the law Netra settled where sources disagree (an ADR in docs/decisions):
    answers on `acts` of `subjects` cite `norms` and carry `caveats` (the other reading, how the
    sanction level is set)."""

    subjects: frozenset[str]
    acts: frozenset[str]
    decision: str
    norms: tuple[str, ...]
    caveats: tuple[str, ...]
    source: str


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The validated vocabulary; `read` adds its cues and orders the acts of a question."""

    cues: tuple[CueEntry, ...]
    phrases: tuple[PhraseEntry, ...]
    prefer: tuple[tuple[str, frozenset[str]], ...]  # (act, the acts it goes before)
    conditional: tuple[Conditional, ...]
    outside: tuple[PhraseEntry, ...] = ()  # `act` is empty: the groups alone say "not asked"
    kin: tuple[KinEntry, ...] = ()
    roles: tuple[RoleEntry, ...] = ()
    exceptions: tuple[LeaveException, ...] = ()
    spellings: tuple[tuple[str, str], ...] = ()  # (as written, lower-cased; what it reads as)
    settled: tuple[Settled, ...] = ()
    non_officials: tuple[NonOfficialEntry, ...] = ()  # who_asks.yaml, status `none` (round 10)
    enterprises: tuple[tuple[Enterprise, tuple[Phrase, ...]], ...] = ()

    def enterprise_in(self, forms: Sequence[str]) -> Enterprise | None:
        """The one kind of enterprise (BUMN or BUMD) the question names; None for both or none."""
        named = {
            kind
            for kind, phrases in self.enterprises
            if any(_occurrences(phrase, forms) for phrase in phrases)
        }
        return named.pop() if len(named) == 1 else None

    def non_official_spans(self, forms: Sequence[str]) -> list[tuple[int, int, str]]:
        """Where the question names someone the rules do not bind: (first, last, reason)."""
        return sorted(
            (first, last, entry.reason)
            for entry in self.non_officials
            for phrase in entry.phrases
            for first, last in _occurrences(phrase, forms)
        )

    def respell(self, text: str) -> str:
        """`text` with the chat spellings rewritten (whole words, any case)."""
        if not self.spellings:
            return text
        table = dict(self.spellings)
        pattern = _spelling_pattern(tuple(table))
        return pattern.sub(lambda match: table[match.group(0).lower()], text)

    def kin_spans(self, forms: Sequence[str]) -> list[tuple[int, int, str | None]]:
        """Where the question names a relative: (first, last, whose relative or None)."""
        return [
            (first, last, entry.of)
            for entry in self.kin
            for phrase in entry.phrases
            for first, last in _occurrences(phrase, forms)
        ]

    def role_cues(self, tokens: Sequence[Token]) -> list[Cue]:
        """Job titles as subject cues (`subject.<code>`)."""
        forms = [token.form for token in tokens]
        return [
            Cue(f"{SUBJECT_PREFIX}{entry.subject}", first, last)
            for entry in self.roles
            for phrase in entry.phrases
            for first, last in _occurrences(phrase, forms)
        ]

    def settled_for(self, act: str, subject: str) -> Settled | None:
        """The settled reading of `act` for `subject`, if the sources disagree on it."""
        return next((e for e in self.settled if act in e.acts and subject in e.subjects), None)

    def exception_for(self, act: str, subject: str) -> LeaveException | None:
        """The leave that lifts the rule on `act` for `subject`, if any."""
        return next((e for e in self.exceptions if act in e.acts and subject in e.subjects), None)

    def find_cues(self, tokens: Sequence[Token]) -> list[Cue]:
        """The cues of the question vocabulary in `tokens`."""
        forms = [token.form for token in tokens]
        return [
            Cue(entry.concept, first, last)
            for entry in self.cues
            for phrase in entry.phrases
            for first, last in _occurrences(phrase, forms)
        ]

    def named_acts(self, forms: Sequence[str], concepts: Collection[str]) -> tuple[str, ...]:
        """Acts a paraphrase in the question names outright, in the order of the data."""
        return tuple(entry.act for entry in self.phrases if entry.matches(forms, concepts))

    def asks_about_others(self, forms: Sequence[str], concepts: Collection[str]) -> bool:
        """Whether the question asks what someone other than an official may do."""
        return self.outside_entry(forms, concepts) is not None

    def outside_entry(self, forms: Sequence[str], concepts: Collection[str]) -> PhraseEntry | None:
        """The first `outside` entry the question matches, if any."""
        return next((e for e in self.outside if e.matches(forms, concepts)), None)

    def conditions_for(
        self, act: str, subject: str, sanctions: Collection[str]
    ) -> Conditional | None:
        """The conditions on which `subject` may do `act`, when the rulebook's only sanctions for
        it (`sanctions`, possibly none) punish a breach of them."""
        for entry in self.conditional:
            is_for = act in entry.acts and subject in entry.subjects
            if is_for and set(sanctions) <= {entry.sanction}:
                return entry
        return None

    def order(self, acts: Sequence[str]) -> tuple[str, ...]:
        """`acts` without repeats, each preferred act moved before those it goes before."""
        ordered = list(dict.fromkeys(acts))
        for act, over in self.prefer:
            if act not in ordered:
                continue
            rivals = [ordered.index(other) for other in over if other in ordered]
            if rivals and min(rivals) < ordered.index(act):
                ordered.remove(act)
                ordered.insert(min(rivals), act)
        return tuple(ordered)


@cache
def _spelling_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    # Longest first, so "gak sih" is rewritten before a shorter spelling inside it.
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def _occurrences(phrase: Phrase, forms: Sequence[str]) -> list[tuple[int, int]]:
    """Where the words of `phrase` occur in order, at most MAX_GAP words apart."""
    found = []
    for start, form in enumerate(forms):
        if form != phrase[0]:
            continue
        position = start
        for word in phrase[1:]:
            window = forms[position + 1 : position + 2 + MAX_GAP]
            if word not in window:
                break
            position += 1 + window.index(word)
        else:
            found.append((start, position))
    return found


def _present(alternative: Phrase, forms: Sequence[str], concepts: Collection[str]) -> bool:
    if alternative[0].startswith(CONCEPT_MARK):
        return alternative[0].removeprefix(CONCEPT_MARK) in concepts
    return bool(_occurrences(alternative, forms))


def canonical_phrase(text: str, place: str) -> Phrase:
    """`text` as the reader reads it (canonical forms); errors name `place`."""
    return _canonical(text, place)


def _canonical(text: str, place: str) -> Phrase:
    if text.startswith(CONCEPT_MARK):
        return (text,)
    forms = tuple(token.form for token in tokenize(text))
    if not forms:
        raise VocabularyError(f"{place}: {text!r} has no words")
    return forms


def _list(raw: Mapping[str, object], field: str, place: str) -> list[object]:
    value = raw.get(field)
    if not isinstance(value, list) or not value:
        raise VocabularyError(f"{place}: field {field!r} must be a non-empty list")
    return value


def _words(raw: Mapping[str, object], field: str, place: str) -> tuple[str, ...]:
    items = _list(raw, field, place)
    if not all(isinstance(item, str) and item.strip() for item in items):
        raise VocabularyError(f"{place}: field {field!r} must list text")
    return tuple(str(item) for item in items)


def _text(raw: Mapping[str, object], field: str, place: str) -> str:
    value = raw.get(field)
    if not isinstance(value, str) or not value.strip():
        raise VocabularyError(f"{place}: field {field!r} is required text")
    return " ".join(value.split())


def _free_days(
    raw: object,
    place: str,
    conditions: Sequence[str],
    breaches: Sequence[tuple[str, Phrase]],
) -> FreeDays:
    """A `conditional` entry's free days, checked against the entry's own conditions and
    breaches: a lapsing condition or a waived breach the entry does not hold is an error."""
    if not isinstance(raw, dict):
        raise VocabularyError(f"{place}: expected a mapping")
    condition = _text(raw, "condition", place)
    if condition not in conditions:
        raise VocabularyError(f"{place}: condition {condition!r} is not one of the entry's")
    waives = frozenset(_words(raw, "waives", place))
    unknown = waives - {text for text, _ in breaches}
    if unknown:
        raise VocabularyError(f"{place}: waives breaches the entry lacks: {sorted(unknown)}")
    return FreeDays(
        words=tuple(_canonical(word, place) for word in _words(raw, "words", place)),
        condition=condition,
        waives=waives,
        unless=tuple(
            _canonical(word, place)
            for word in (_words(raw, "unless", place) if "unless" in raw else ())
        ),
        norms=_words(raw, "norms", place),
        source=_text(raw, "source", place),
    )


def _entries(
    data: Mapping[str, object], section: str, source: str
) -> list[tuple[str, dict[str, object]]]:
    raw = data.get(section, [])
    if not isinstance(raw, list):
        raise VocabularyError(f"{source}: section {section!r} must be a list")
    entries = []
    for number, entry in enumerate(raw, start=1):
        place = f"{source}: {section} entry {number}"
        if not isinstance(entry, dict):
            raise VocabularyError(f"{place}: expected a mapping")
        _text(entry, "why", place)  # every entry says why it is there
        entries.append((place, entry))
    return entries


def parse_vocabulary(
    data: object,
    *,
    source: str,
    concepts: Collection[str],
    acts: Collection[str],
    subjects: Collection[str],
    sanctions: Collection[str],
) -> Vocabulary:
    """Validate raw vocabulary data against the analyzer's concepts and the rulebook's codes."""
    if not isinstance(data, dict):
        raise VocabularyError(f"{source}: expected a mapping of sections")
    unknown = set(data) - {
        "cues",
        "phrases",
        "prefer",
        "conditional",
        "outside",
        "kin",
        "roles",
        "exceptions",
        "spellings",
        "settled",
        "enterprises",
    }
    if unknown:
        raise VocabularyError(f"{source}: unknown sections {sorted(unknown)}")

    def known_act(act: str, place: str) -> str:
        if act not in acts:
            raise VocabularyError(f"{place}: act {act!r} is not in the rulebook")
        return act

    cues = []
    for place, raw in _entries(data, "cues", source):
        concept = _text(raw, "concept", place)
        subject = concept.removeprefix(SUBJECT_PREFIX)
        if concept.startswith(SUBJECT_PREFIX) and subject not in subjects:
            raise VocabularyError(f"{place}: subject {subject!r} is not in the rulebook")
        if not concept.startswith(SUBJECT_PREFIX) and concept not in concepts:
            raise VocabularyError(f"{place}: concept {concept!r} is not an analyzer concept")
        words = _words(raw, "words", place)
        cues.append(CueEntry(concept, tuple(_canonical(word, place) for word in words)))

    def groups(raw: Mapping[str, object], place: str) -> tuple[tuple[Phrase, ...], ...]:
        parsed = []
        for group in _list(raw, "all", place):
            if not isinstance(group, list) or not group:
                raise VocabularyError(f"{place}: field 'all' must be a list of non-empty lists")
            for item in group:
                if str(item).startswith(CONCEPT_MARK) and str(item)[1:] not in concepts:
                    raise VocabularyError(f"{place}: {item!r} is not an analyzer concept")
            parsed.append(tuple(_canonical(str(item), place) for item in group))
        return tuple(parsed)

    phrases = [
        PhraseEntry(known_act(_text(raw, "act", place), place), groups(raw, place))
        for place, raw in _entries(data, "phrases", source)
    ]
    outside = tuple(
        PhraseEntry(
            "",
            groups(raw, place),
            _text(raw, "reason", place) if raw.get("reason") is not None else None,
        )
        for place, raw in _entries(data, "outside", source)
    )
    prefer = []
    for place, raw in _entries(data, "prefer", source):
        act = known_act(_text(raw, "act", place), place)
        over = frozenset(known_act(other, place) for other in _words(raw, "over", place))
        prefer.append((act, over))
    conditional = []
    for place, raw in _entries(data, "conditional", source):
        sanction = _text(raw, "sanction", place)
        if sanction not in sanctions:
            raise VocabularyError(f"{place}: sanction {sanction!r} is not in the rulebook")
        for code in _words(raw, "subjects", place):
            if code not in subjects:
                raise VocabularyError(f"{place}: subject {code!r} is not in the rulebook")
        conditions = _words(raw, "conditions", place)
        breaches = tuple(
            (text, _canonical(text, place))
            for text in (_words(raw, "breaches", place) if "breaches" in raw else ())
        )
        conditional.append(
            Conditional(
                subjects=frozenset(_words(raw, "subjects", place)),
                acts=frozenset(known_act(act, place) for act in _words(raw, "acts", place)),
                sanction=sanction,
                conditions=conditions,
                norms=_words(raw, "norms", place),
                source=_text(raw, "source", place),
                breaches=breaches,
                free_days=(
                    _free_days(raw["free_days"], f"{place}.free_days", conditions, breaches)
                    if raw.get("free_days") is not None
                    else None
                ),
            )
        )

    def known_subject(code: str, place: str) -> str:
        if code not in subjects:
            raise VocabularyError(f"{place}: subject {code!r} is not in the rulebook")
        return code

    kin = tuple(
        KinEntry(
            tuple(_canonical(word, place) for word in _words(raw, "words", place)),
            known_subject(str(raw["of"]), place) if raw.get("of") is not None else None,
        )
        for place, raw in _entries(data, "kin", source)
    )
    roles = tuple(
        RoleEntry(
            known_subject(_text(raw, "subject", place), place),
            tuple(_canonical(word, place) for word in _words(raw, "words", place)),
        )
        for place, raw in _entries(data, "roles", source)
    )
    exceptions = tuple(
        LeaveException(
            subjects=frozenset(known_subject(c, place) for c in _words(raw, "subjects", place)),
            acts=frozenset(known_act(act, place) for act in _words(raw, "acts", place)),
            condition=_text(raw, "condition", place),
            granted=tuple(_canonical(w, place) for w in _words(raw, "granted", place)),
            refused=tuple(_canonical(w, place) for w in _words(raw, "refused", place)),
            norms=_words(raw, "norms", place),
            source=_text(raw, "source", place),
        )
        for place, raw in _entries(data, "exceptions", source)
    )
    settled = []
    for place, raw in _entries(data, "settled", source):
        decision = _text(raw, "decision", place)
        if not re.fullmatch(r"docs/decisions/\d{4}-[a-z0-9-]+\.md", decision):
            raise VocabularyError(f"{place}: decision {decision!r} must name an ADR file")
        settled.append(
            Settled(
                subjects=frozenset(known_subject(c, place) for c in _words(raw, "subjects", place)),
                acts=frozenset(known_act(act, place) for act in _words(raw, "acts", place)),
                decision=decision,
                norms=_words(raw, "norms", place),
                caveats=tuple(" ".join(c.split()) for c in _words(raw, "caveats", place)),
                source=_text(raw, "source", place),
            )
        )
    enterprises = []
    for place, raw in _entries(data, "enterprises", source):
        kind = _text(raw, "kind", place)
        if kind not in {e.value for e in Enterprise}:
            raise VocabularyError(f"{place}: kind {kind!r} is not bumn or bumd")
        words = _words(raw, "words", place)
        enterprises.append((Enterprise(kind), tuple(_canonical(word, place) for word in words)))
    spellings: list[tuple[str, str]] = []
    seen_spellings: set[str] = set()
    for place, raw in _entries(data, "spellings", source):
        read = _text(raw, "read", place)
        for word in _words(raw, "words", place):
            written = " ".join(word.lower().split())
            if written in seen_spellings:
                raise VocabularyError(f"{place}: {word!r} is respelled twice")
            seen_spellings.add(written)
            spellings.append((written, read))
    return Vocabulary(
        tuple(cues),
        tuple(phrases),
        tuple(prefer),
        tuple(conditional),
        outside,
        kin=kin,
        roles=roles,
        exceptions=exceptions,
        spellings=tuple(spellings),
        settled=tuple(settled),
        enterprises=tuple(enterprises),
    )


@cache
def load_vocabulary() -> Vocabulary:
    """The shipped vocabulary, validated once against the analyzer's lexicon and the rulebook."""
    # Who asks, by category (who_asks.yaml, round 10), added after the vocabulary's own entries.
    from netra.guidance.who_asks import extend_vocabulary, load_who_asks

    text = resources.files("netra.guidance").joinpath("data", VOCABULARY_FILE).read_text("utf-8")
    book = load_rulebook()
    vocabulary = parse_vocabulary(
        yaml.safe_load(text),
        source=VOCABULARY_FILE,
        concepts=load_lexicon().phrases.keys(),
        acts=book.acts.keys(),
        subjects=book.subjects.keys(),
        sanctions=book.sanctions.keys(),
    )
    return extend_vocabulary(vocabulary, load_who_asks(book.subjects.keys()))
