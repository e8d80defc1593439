"""The cue lexicon finds every phrase of every concept, overlapping ones included, in order."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netra.analysis.lexicon import Cue, LexiconError, build_lexicon, load_lexicon
from netra.analysis.normalize import Token

LEXICON = load_lexicon()
PHRASES = {
    concept: [tuple(phrase.split(" ")) for phrase in phrases]
    for concept, phrases in LEXICON.phrases.items()
}
WORDS = sorted({form for phrases in PHRASES.values() for phrase in phrases for form in phrase})


def _tokens(forms: list[str]) -> list[Token]:
    return [Token(form, i, i + 1, 0, False) for i, form in enumerate(forms)]


def _every_phrase(forms: list[str]) -> list[Cue]:
    """By brute force: each span that spells a phrase, once per concept that has it."""
    found = []
    for first in range(len(forms)):
        for last in range(first, len(forms)):
            span = tuple(forms[first : last + 1])
            found.extend(
                Cue(concept, first, last) for concept, phrases in PHRASES.items() if span in phrases
            )
    return found


@settings(max_examples=300, deadline=None)
@given(forms=st.lists(st.sampled_from([*WORDS, "dan", "warga"]), max_size=14))
def test_find_returns_every_phrase_once_in_text_order(forms: list[str]) -> None:
    cues = LEXICON.find(_tokens(forms))
    assert sorted(cues, key=lambda cue: (cue.first, cue.last)) == cues
    assert sorted(cues) == sorted(_every_phrase(forms))


def test_nested_and_overlapping_phrases_and_concepts_of_one_phrase() -> None:
    lexicon = build_lexicon(
        {"a": ["kepala desa", "kepala"], "b": ["desa"], "c": ["kepala desa", "desa maju"]},
        source="test",
    )
    cues = lexicon.find(_tokens(["kepala", "desa", "maju", "kepala"]))
    assert cues == [
        Cue("a", 0, 0),
        Cue("a", 0, 1),
        Cue("c", 0, 1),
        Cue("b", 1, 1),
        Cue("c", 1, 2),
        Cue("a", 3, 3),
    ]


def test_alternatives_spell_every_combination_as_its_own_phrase() -> None:
    lexicon = build_lexicon({"a": ["{guru|kepala sekolah} di {sdn|sma negeri}"]}, source="test")
    assert lexicon.phrases["a"] == (
        "guru di sdn",
        "guru di sma negeri",
        "kepala sekolah di sdn",
        "kepala sekolah di sma negeri",
    )
    cues = lexicon.find(_tokens(["kepala", "sekolah", "di", "sdn"]))
    assert cues == [Cue("a", 0, 3)]


@pytest.mark.parametrize("entry", ["guru {di", "guru di}", "{guru||dosen}", "{a {b}}"])
def test_malformed_alternatives_name_the_concept_and_the_phrase(entry: str) -> None:
    with pytest.raises(LexiconError, match=f"concept 'a': .*{re.escape(repr(entry))}"):
        build_lexicon({"a": [entry]}, source="test")
