"""The cue lexicon compiled once into a trie of canonical token forms."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import product
from operator import itemgetter
from typing import NamedTuple

import yaml

from netra.analysis.normalize import Token, canonical
from netra.errors import NetraError

CUES_FILE = "cues.yaml"
_FORM = itemgetter(0)  # a token's form


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


# A node of the phrase trie: the concepts of the phrase that ends here (in the cue file's
# order), and the words that can follow -> their nodes.
class _Node(NamedTuple):
    concepts: tuple[str, ...]
    following: dict[str, _Node]


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Concepts and their canonical phrases, with the word trie that finds them."""

    phrases: dict[str, tuple[str, ...]]
    trie: dict[str, _Node]  # first word of a phrase -> its node

    def find(self, tokens: Sequence[Token]) -> list[Cue]:
        """Every cue phrase in the token sequence (overlaps included), in text order.

        Walks the trie from each token: cues come out ordered by first token, then last, the
        concepts of one phrase in the cue file's order.
        """
        cues: list[Cue] = []
        append, new = cues.append, tuple.__new__
        forms = list(map(_FORM, tokens))
        size = len(forms)
        start_at = self.trie.get
        for first, form in enumerate(forms):
            node = start_at(form)
            if node is None:
                continue
            last = first
            while True:
                concepts, following = node
                for concept in concepts:
                    append(new(Cue, (concept, first, last)))
                last += 1
                if not following or last == size:
                    break
                node = following.get(forms[last])
                if node is None:
                    break
        return cues


def expand_alternatives(entry: str) -> list[str]:
    """The phrases an entry spells, "{a|b c} d" standing for "a d" and "b c d".

    A job title followed by where it is held ("{guru|kepala sekolah} di {sdn|sma negeri}") is
    one reading of many spellings: written once, it cannot drift between its copies.
    """
    parts: list[tuple[str, ...]] = []
    rest = entry
    while "{" in rest or "}" in rest:
        start, end = rest.find("{"), rest.find("}")
        if start < 0 or end < start or "{" in rest[start + 1 : end]:
            raise ValueError(f"unbalanced braces in {entry!r}")
        choices = tuple(choice.strip() for choice in rest[start + 1 : end].split("|"))
        if not all(choices):
            raise ValueError(f"empty alternative in {entry!r}")
        parts.extend(((rest[:start],), choices))
        rest = rest[end + 1 :]
    parts.append((rest,))
    return [" ".join("".join(pieces).split()) for pieces in product(*parts)]


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
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # LibYAML's parser, when built in
    return build_lexicon(yaml.load(text, Loader=loader), source=CUES_FILE)  # noqa: S506 - safe


def build_lexicon(data: object, *, source: str) -> Lexicon:
    """Validate concept -> phrase lists and compile them."""
    if not isinstance(data, dict):
        raise LexiconError(f"{source}: expected a mapping of concept to phrases")
    phrases: dict[str, tuple[str, ...]] = {}
    patterns: dict[tuple[str, ...], list[str]] = {}  # canonical forms -> their concepts
    for concept, entries in data.items():
        if not isinstance(concept, str) or not isinstance(entries, list) or not entries:
            raise LexiconError(
                f"{source}: concept {concept!r}: expected a non-empty list of phrases"
            )
        canon: list[str] = []
        for entry in entries:
            if not isinstance(entry, str | int) or not str(entry).strip():
                raise LexiconError(f"{source}: concept {concept!r}: bad phrase {entry!r}")
            try:
                spelled = expand_alternatives(str(entry))
            except ValueError as error:
                raise LexiconError(f"{source}: concept {concept!r}: {error}") from None
            for phrase in spelled:
                forms = canonical_phrase(phrase)
                canon.append(" ".join(forms))
                if concept not in patterns.setdefault(forms, []):
                    patterns[forms].append(concept)
        phrases[concept] = tuple(canon)
    return Lexicon(phrases=phrases, trie=_trie(patterns))


def _trie(patterns: dict[tuple[str, ...], list[str]]) -> dict[str, _Node]:
    """The phrases as a trie of words, built bottom-up since a node is an immutable tuple."""
    children: dict[tuple[str, ...], set[str]] = {}
    for forms in patterns:
        for length in range(1, len(forms)):
            children.setdefault(forms[:length], set()).add(forms[length])

    def node(prefix: tuple[str, ...]) -> _Node:
        following = {word: node((*prefix, word)) for word in sorted(children.get(prefix, ()))}
        return _Node(tuple(patterns.get(prefix, ())), following)

    return {form: node((form,)) for form in sorted({forms[0] for forms in patterns if forms})}
