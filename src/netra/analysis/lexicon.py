"""The cue lexicon compiled once into one Aho-Corasick automaton over canonical tokens."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import accumulate, count
from operator import itemgetter
from typing import NamedTuple

import ahocorasick
import yaml

from netra.analysis.normalize import Token, canonical
from netra.errors import NetraError

CUES_FILE = "cues.yaml"
_POSITION = itemgetter(1, 2)  # a cue's (first, last)


class LexiconError(NetraError):
    """The analyzer's cue file is malformed."""

    code = "lexicon_invalid"


class Cue(NamedTuple):
    """A phrase of one concept found at tokens [first, last].

    A named tuple, as `Token` is: a post yields a score of them, and a tuple is made several
    times faster than a frozen dataclass while reading the same.
    """

    concept: str
    first: int
    last: int


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Concepts and their canonical phrases, with the automaton that finds them."""

    phrases: dict[str, tuple[str, ...]]
    automaton: ahocorasick.Automaton

    def find(self, tokens: Sequence[Token]) -> list[Cue]:
        """Every cue phrase in the token sequence (overlaps included), in text order."""
        if not tokens:
            return []
        forms = [token.form for token in tokens]  # canonical forms hold no spaces
        haystack = " " + " ".join(forms) + " "
        # Phrases are matched with their closing space: token i ends where its space stands.
        token_at_end = dict(zip(accumulate([len(form) + 1 for form in forms]), count()))
        cues: list[Cue] = []
        append, new = cues.append, tuple.__new__
        for end, payload in self.automaton.iter(haystack):
            last = token_at_end.get(end)
            if last is None:
                continue
            for concept, length in payload:
                append(new(Cue, (concept, last - length + 1, last)))
        cues.sort(key=_POSITION)
        return cues


def canonical_phrase(phrase: str) -> tuple[str, ...]:
    """The canonical token forms of a lexicon phrase, as the tokenizer would produce them."""
    forms: list[str] = []
    for word in phrase.lower().replace("-", " ").split():
        forms.extend(canonical(word).split(" "))
    return tuple(forms)


@cache
def load_lexicon() -> Lexicon:
    """Load and compile the bundled cue lexicon (once per process)."""
    text = resources.files("netra.analysis").joinpath("data", CUES_FILE).read_text("utf-8")
    return build_lexicon(yaml.safe_load(text), source=CUES_FILE)


def build_lexicon(data: object, *, source: str) -> Lexicon:
    """Validate concept -> phrase lists and compile them."""
    if not isinstance(data, dict):
        raise LexiconError(f"{source}: expected a mapping of concept to phrases")
    phrases: dict[str, tuple[str, ...]] = {}
    patterns: dict[str, list[tuple[str, int]]] = {}
    for concept, entries in data.items():
        if not isinstance(concept, str) or not isinstance(entries, list) or not entries:
            raise LexiconError(
                f"{source}: concept {concept!r}: expected a non-empty list of phrases"
            )
        canon: list[str] = []
        for entry in entries:
            if not isinstance(entry, str | int) or not str(entry).strip():
                raise LexiconError(f"{source}: concept {concept!r}: bad phrase {entry!r}")
            forms = canonical_phrase(str(entry))
            key = " " + " ".join(forms) + " "
            canon.append(" ".join(forms))
            entry_payload = (concept, len(forms))
            if entry_payload not in patterns.setdefault(key, []):
                patterns[key].append(entry_payload)
        phrases[concept] = tuple(canon)
    automaton = ahocorasick.Automaton()
    for key, payload in patterns.items():
        automaton.add_word(key, tuple(payload))
    automaton.make_automaton()
    return Lexicon(phrases=phrases, automaton=automaton)
