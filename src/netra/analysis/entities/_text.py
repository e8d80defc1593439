"""Case folding that keeps offsets, and a whole-word keyword matcher built on Aho-Corasick.

Every entity span must slice the original text exactly, so matching runs on a folded copy of the
same length: one character in, one character out. ``str.lower`` keeps the length for almost all
text; the rare characters whose lower case is longer (e.g. "İ") are left as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

import ahocorasick

from netra.analysis.spans import Span

T = TypeVar("T")

# Whitespace of these kinds becomes a plain space: "Kabupaten\u00a0Bone" matches "kabupaten bone".
_SPACES = ("\n", "\t", "\r", "\u00a0", "\x0b", "\x0c", "\u2007", "\u202f", "\u3000")
_DIGITS = re.compile(r"[0-9]+")

Check = Callable[[str], bool]


def fold(text: str) -> str:
    """Lower-case ``text`` without changing its length or the position of any character."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c if len(lc := c.lower()) != 1 else lc for c in text)
    for space in _SPACES:
        if space in low:  # a fast scan; most texts carry at most a newline or two kinds
            low = low.replace(space, " ")
    return low


def digit_runs(text: str) -> list[tuple[int, int]]:
    """Maximal runs of ASCII digits; numbers, dates and NIPs are all found from these."""
    return [m.span() for m in _DIGITS.finditer(text)]


def span(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])


def capitalised(surface: str) -> bool:
    """Every word starts with an upper-case letter: "Deli Serdang", "GARUT", not "garut"."""
    return all(word[:1].isupper() for word in surface.replace("-", " ").split())


def exactly(*forms: str) -> Check:
    """Only these spellings count, case-sensitively ("PAN" the party, not "pan" the frying pan)."""
    allowed = frozenset(forms)
    return allowed.__contains__


@dataclass(frozen=True, slots=True)
class Hit(Generic[T]):
    """One accepted keyword match; ``start``/``end`` already exclude any lead-in words."""

    start: int
    end: int
    value: T


@dataclass(frozen=True, slots=True)
class _Entry(Generic[T]):
    length: int
    skip: int
    check: Check | None
    value: T


class KeywordMatcher(Generic[T]):
    """Whole-word, case-insensitive, leftmost-longest keyword matching.

    A keyword may carry a ``check`` on its original spelling (capitalisation rules for ambiguous
    words) and a ``skip``: the number of leading characters that select the entry but are not part
    of the entity ("bupati garut" finds Kabupaten Garut, the span covers "Garut").
    """

    def __init__(self) -> None:
        self._automaton = ahocorasick.Automaton()
        self._keys: set[str] = set()
        self._finished = False

    def add(self, key: str, value: T, *, check: Check | None = None, skip: int = 0) -> bool:
        """Register ``key`` (folded here); the first registration of a key wins."""
        key = fold(key)
        if not key or key in self._keys:
            return False
        self._keys.add(key)
        self._automaton.add_word(key, _Entry(len(key), skip, check, value))
        return True

    def __contains__(self, key: str) -> bool:
        return fold(key) in self._keys

    def finish(self) -> KeywordMatcher[T]:
        if self._keys:
            self._automaton.make_automaton()
        self._finished = True
        return self

    def find(self, text: str, folded: str) -> list[Hit[T]]:
        """Matches in ``text`` (``folded`` is ``fold(text)``), non-overlapping, leftmost-longest."""
        if not self._keys:
            return []
        size = len(text)
        raw: list[tuple[int, int, _Entry[T]]] = []
        for last, entry in self._automaton.iter(folded):
            start = last - entry.length + 1
            end = last + 1
            if start > 0 and text[start - 1].isalnum():
                continue
            if end < size and text[end].isalnum():
                continue
            if entry.check is not None and not entry.check(text[start:end]):
                continue
            raw.append((start, end, entry))
        return [Hit(start + entry.skip, end, entry.value) for start, end, entry in _longest(raw)]


def _longest(raw: Iterable[tuple[int, int, _Entry[T]]]) -> list[tuple[int, int, _Entry[T]]]:
    chosen: list[tuple[int, int, _Entry[T]]] = []
    reach = -1
    for start, end, entry in sorted(raw, key=lambda hit: (hit[0], -hit[1])):
        if start >= reach:
            chosen.append((start, end, entry))
            reach = end
    return chosen
