"""The curated FAQ: answers kept as data, each with its norms and a source, validated on load."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources

import yaml

from netra.errors import NetraError
from netra.guidance.reading import canonical_words

FAQ_FILE = "faq.yaml"


class FaqError(NetraError):
    """The FAQ data is invalid; the message names the entry and the field."""

    code = "faq_invalid"


class FaqKind(StrEnum):
    """Whether an entry answers "boleh?" or gives information."""

    PERMISSION = "permission"
    INFORMATION = "information"


@dataclass(frozen=True, slots=True)
class FaqEntry:
    """One curated question with its answer, norms and source."""

    id: str
    kind: FaqKind
    question: str
    answer: str
    source: str
    allowed: bool | None = None
    phrasings: tuple[str, ...] = ()
    match: tuple[tuple[tuple[str, ...], ...], ...] = ()  # groups of alternatives, canonical words
    # The acts whose questions this entry answers; any other specific act read in the question
    # answers it instead ("mengajak masyarakat memilih" in a video is campaigning, not voting).
    covers: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    norms: tuple[str, ...] = ()
    depends_on: tuple[str, ...] = ()
    caveats: tuple[str, ...] = ()
    # What the answer depends on, when the question states it: (phrases, allowed), first match
    # wins ("tanpa cuti" before "cuti"); each phrase is canonical words in order, up to two
    # other words between them.
    resolves: tuple[tuple[tuple[tuple[str, ...], ...], bool], ...] = ()
    # Entries this one answers before when both match (the more specific case first: a spouse's
    # campaign before off-duty hours), instead of whichever comes first in the file.
    before: tuple[str, ...] = ()
    # The entry answers for the kind of person who asks (a honorary worker, a retiree): words of
    # it well after the official who asks name whom the official acts on, not the asker.
    about_who_asks: bool = False
    # Round 23: words that show the question is about more than the entry answers (a sign of
    # support at a campaign one only "listens to"): with any of them the entry does not match.
    unless: tuple[tuple[str, ...], ...] = ()

    def resolved(self, words: Sequence[str]) -> tuple[bool, str] | None:
        """The verdict a condition stated in the question settles, with the words that did. A
        condition that would allow the act, negated in the question ("tanpa mengundurkan diri"
        against "sudah mengundurkan diri"), settles it the other way."""
        for phrases, allowed in self.resolves:
            if not allowed:
                continue
            for phrase in phrases:
                core = phrase[1:] if len(phrase) > 1 and phrase[0] in _AFFIRMING else phrase
                for negator in _NEGATING:
                    if _in_order((negator, *core), words, gap=0):
                        return False, " ".join((negator, *core))
        for phrases, allowed in self.resolves:
            for phrase in phrases:
                if _in_order(phrase, words, stated_only=True):
                    return allowed, " ".join(phrase)
        return None

    def matches(
        self,
        words: Sequence[str],
        subject: str,
        *,
        raw_words: Sequence[str] = (),
        is_subject_stated: bool = True,
    ) -> bool:
        """True when every match group has an alternative in the question, for this subject.

        An alternative is a set of canonical words, or an exact written word marked "=" in the
        data ("=memilih": "terpilih" and "pemilih" share its root but are not voting). An entry
        for named subjects needs the question to name who acts.
        """
        if not self.match or (self.subjects and subject not in self.subjects):
            return False
        if self.subjects and not is_subject_stated:
            return False
        present = set(words) | {f"={word}" for word in raw_words}
        if any(_holds(alternative, words, present) for alternative in self.unless):
            return False
        return all(
            any(_holds(alternative, words, present) for alternative in group)
            for group in self.match
        )


# Words that state a condition as met ("sudah cuti") and words that deny it ("tanpa cuti").
_AFFIRMING = frozenset({"sudah", "telah", "setelah", "sesudah", "sedang", "dengan", "asal"})
_NEGATING = ("tanpa", "tidak", "belum", "bukan")


def first_match(entry: FaqEntry, words: Sequence[str], raw_words: Sequence[str] = ()) -> int | None:
    """The position of the first word of the question that one of the entry's first match
    group's alternatives begins with, or None."""
    if not entry.match:
        return None
    positions = []
    for alternative in entry.match[0]:
        head = alternative[1] if alternative[0] == CONTIGUOUS else alternative[0]
        for position, (word, raw) in enumerate(zip(words, raw_words or words, strict=False)):
            if word == head or f"={raw}" == head:
                positions.append(position)
                break
    return min(positions, default=None)


# Words that make what follows an obligation asked about, not a condition stated as met: "harus
# sudah mengundurkan diri sebelum masuk DCS" asks whether one must have resigned (round 12).
_OBLIGING = frozenset({"harus", "wajib", "perlu", "mesti", "kudu"})


def _in_order(
    phrase: Sequence[str], words: Sequence[str], gap: int = 2, *, stated_only: bool = False
) -> bool:
    """Whether the words of `phrase` occur in order in `words`, at most `gap` words apart; with
    `stated_only`, not right after an obligation word."""
    for start, word in enumerate(words):
        if word != phrase[0]:
            continue
        if stated_only and start > 0 and words[start - 1] in _OBLIGING:
            continue
        position = start
        for item in phrase[1:]:
            window = list(words[position + 1 : position + 2 + gap])
            if item not in window:
                break
            position += 1 + window.index(item)
        else:
            return True
    return False


def _resolves(
    raw: Mapping[str, object], place: str
) -> tuple[tuple[tuple[tuple[str, ...], ...], bool], ...]:
    value = raw.get("resolves", [])
    if not isinstance(value, list):
        raise FaqError(f"{place}: field 'resolves' must be a list")
    parsed = []
    for number, item in enumerate(value, start=1):
        where = f"{place}: resolves item {number}"
        if not isinstance(item, dict) or not isinstance(item.get("allowed"), bool):
            raise FaqError(f"{where}: needs 'allowed' (true or false) and 'words'")
        words = item.get("words")
        if not isinstance(words, list) or not words or not all(isinstance(w, str) for w in words):
            raise FaqError(f"{where}: 'words' must be a non-empty list of text")
        phrases = tuple(canonical_words(w) for w in words)
        if not all(phrases):
            raise FaqError(f"{where}: a phrase has no words")
        parsed.append((phrases, bool(item["allowed"])))
    if parsed and raw.get("allowed") is not None:
        raise FaqError(f"{place}: 'resolves' settles a 'depends_on', so 'allowed' must be null")
    return tuple(parsed)


# Marks an alternative whose words must stand together, in order ("~menjadi calon"): "jadi
# saksi pasangan calon" holds "jadi" and "calon" but is not becoming a candidate.
CONTIGUOUS = "~"


def _alternative(item: str) -> tuple[str, ...]:
    """ "=word" stays as written (lower-cased); "~words" must stand together in the question;
    anything else is read as the analyzer reads it."""
    if item.startswith("="):
        return (item.lower(),)
    if item.startswith(CONTIGUOUS):
        return (CONTIGUOUS, *canonical_words(item[1:]))
    return canonical_words(item)


def _holds(alternative: tuple[str, ...], words: Sequence[str], present: set[str]) -> bool:
    """Whether the question holds the alternative (its words anywhere, or together in order)."""
    if alternative[0] != CONTIGUOUS:
        return set(alternative) <= present
    phrase = tuple(alternative[1:])
    return any(
        tuple(words[start : start + len(phrase)]) == phrase
        for start in range(len(words) - len(phrase) + 1)
    )


def _flag(entry: Mapping[str, object], field: str, place: str) -> bool:
    value = entry.get(field, False)
    if not isinstance(value, bool):
        raise FaqError(f"{place}: field {field!r} must be true or false")
    return value


def _strings(entry: Mapping[str, object], field: str, place: str) -> tuple[str, ...]:
    value = entry.get(field, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise FaqError(f"{place}: field {field!r} must be a list of strings")
    return tuple(str(item) for item in value)


def _text(entry: Mapping[str, object], field: str, place: str) -> str:
    value = entry.get(field)
    if not isinstance(value, str) or not value.strip():
        raise FaqError(f"{place}: field {field!r} is required and must be text")
    return " ".join(value.split())


def parse_faq(data: object, *, source: str) -> tuple[FaqEntry, ...]:
    """Validate raw FAQ data; every error names `source`, the entry and the field."""
    if not isinstance(data, dict) or not isinstance(data.get("faq"), list):
        raise FaqError(f"{source}: expected a mapping with a list under 'faq'")
    entries: list[FaqEntry] = []
    seen: set[str] = set()
    for number, raw in enumerate(data["faq"], start=1):
        place = f"{source}: entry {number}"
        if not isinstance(raw, dict):
            raise FaqError(f"{place}: expected a mapping")
        entry_id = _text(raw, "id", place)
        place = f"{source}: entry {entry_id!r}"
        if entry_id in seen:
            raise FaqError(f"{place}: duplicate id")
        seen.add(entry_id)
        kind_value = raw.get("kind")
        try:
            kind = FaqKind(str(kind_value))
        except ValueError:
            raise FaqError(
                f"{place}: field 'kind' is {kind_value!r}: use permission or information"
            ) from None
        allowed = raw.get("allowed")
        if allowed is not None and not isinstance(allowed, bool):
            raise FaqError(f"{place}: field 'allowed' must be true, false or null")
        depends_on = _strings(raw, "depends_on", place)
        if kind is FaqKind.PERMISSION and allowed is None and not depends_on:
            raise FaqError(f"{place}: 'allowed' is null, so 'depends_on' must say on what")
        groups = raw.get("match", [])
        if not isinstance(groups, list) or not all(isinstance(g, list) and g for g in groups):
            raise FaqError(f"{place}: field 'match' must be a list of non-empty word lists")
        match = tuple(tuple(_alternative(str(item)) for item in group) for group in groups)
        unless_words = raw.get("unless", [])
        if not isinstance(unless_words, list) or not all(
            isinstance(w, str) and w.strip() for w in unless_words
        ):
            raise FaqError(f"{place}: field 'unless' must be a list of words")
        unless = tuple(_alternative(word) for word in unless_words)
        entries.append(
            FaqEntry(
                id=entry_id,
                kind=kind,
                question=_text(raw, "question", place),
                answer=_text(raw, "answer", place),
                source=_text(raw, "source", place),
                allowed=allowed,
                phrasings=_strings(raw, "phrasings", place),
                match=match,
                subjects=_strings(raw, "subjects", place),
                norms=_strings(raw, "norms", place),
                depends_on=depends_on,
                caveats=_strings(raw, "caveats", place),
                covers=_strings(raw, "covers", place),
                resolves=_resolves(raw, place),
                before=_strings(raw, "before", place),
                about_who_asks=_flag(raw, "about_who_asks", place),
                unless=unless,
            )
        )
    for entry in entries:
        for other in entry.before:
            if other not in seen or other == entry.id:
                raise FaqError(
                    f"{source}: entry {entry.id!r}: 'before' names {other!r}, no other entry"
                )
    _check_precedence(entries, source)
    return tuple(entries)


def _check_precedence(entries: Sequence[FaqEntry], source: str) -> None:
    """`before` must be an order: no entry may come, through others, before itself."""
    edges = {entry.id: set(entry.before) for entry in entries}
    for start in edges:
        stack, seen = list(edges[start]), set()
        while stack:
            current = stack.pop()
            if current == start:
                raise FaqError(f"{source}: entry {start!r}: 'before' makes a cycle")
            if current not in seen:
                seen.add(current)
                stack.extend(edges.get(current, ()))


def by_precedence(matched: Sequence[tuple[str, FaqEntry]]) -> tuple[str, FaqEntry] | None:
    """Of the entries that match a question, the one no other matching entry goes before; file
    order among those (`before` in faq.yaml is the documented precedence)."""
    ids = {entry.id for _, entry in matched}
    beaten = {other for _, entry in matched for other in entry.before if other in ids}
    return next(((key, e) for key, e in matched if e.id not in beaten), None)


@cache
def load_faq() -> tuple[FaqEntry, ...]:
    """The shipped FAQ (`guidance/data/faq.yaml`), validated once."""
    text = resources.files("netra.guidance").joinpath("data", FAQ_FILE).read_text("utf-8")
    return parse_faq(yaml.safe_load(text), source=FAQ_FILE)
