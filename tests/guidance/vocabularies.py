"""The shipped question vocabulary less one round's cue entries, for "without it" tests."""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml

from netra.analysis.lexicon import load_lexicon
from netra.guidance.vocabulary import VOCABULARY_FILE, Vocabulary, parse_vocabulary
from netra.guidance.who_asks import extend_vocabulary, load_who_asks
from netra.rulebook import load_rulebook


def vocabulary_without_round(number: int) -> Vocabulary:
    """The vocabulary less the cue entries whose `why` says round `number` added them."""
    text = resources.files("netra.guidance").joinpath("data", VOCABULARY_FILE).read_text("utf-8")
    data = yaml.safe_load(text)
    data["cues"] = [e for e in data["cues"] if not e["why"].startswith(f"Round {number}")]
    return extend_vocabulary(parse_shipped(data), load_who_asks(load_rulebook().subjects.keys()))


def parse_shipped(data: dict[str, Any]) -> Vocabulary:
    """`data` parsed as the vocabulary file, against the shipped lexicon's and rulebook's names."""
    book = load_rulebook()
    return parse_vocabulary(
        data,
        source=VOCABULARY_FILE,
        concepts=load_lexicon().phrases.keys(),
        acts=book.acts.keys(),
        subjects=book.subjects.keys(),
        sanctions=book.sanctions.keys(),
    )
