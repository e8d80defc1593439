"""How well a FAQ entry that matches a question covers it, against the rulebook's acts.

A FAQ entry matches a question when each of its word groups is in it ("hak pilih" for the voting
entry). One shared word is then enough, and a question about something else that happens to hold
it ("Apakah ASN boleh berkampanye meskipun memiliki hak pilih?") is answered about voting. Here
an entry that matches is weighed against the question as a whole: the share of the question's
content words, each weighted by its inverse document frequency over the FAQ's and the rulebook's
texts, that the entry's own key text (its question, phrasings and match words) holds. An entry
that covers too little of a question whose uncovered words name an act of the rulebook does not
answer it; the act (or the fallback) does (round 9, measured by cross-validation).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from netra.analysis.acts import RULE_TRIGGERS
from netra.guidance.faq import FaqEntry
from netra.guidance.reading import Reading, canonical_words
from netra.guidance.search import STOPWORDS

# Below this IDF-weighted share of the question covered, an entry that leaves an act's words
# uncovered does not answer (chosen by cross-validation over checks 1-11:
# docs/history/consultation-rounds.md, "Round 9").
MIN_COVERAGE = 0.3
# The acts each act word's concept makes (a campaign attended makes attendance).
_ACTS_OF: dict[str, tuple[str, ...]] = {
    concept: tuple(act for act, triggers in RULE_TRIGGERS.items() if concept in triggers)
    for triggers in RULE_TRIGGERS.values()
    for concept in triggers
} | {"event": ("campaign_attendance", "campaign_attendance_with_attributes")}


@dataclass(frozen=True, slots=True)
class Coverage:
    """An entry's weighted share of a question's content words, and the act words it leaves."""

    share: float
    uncovered_act_words: tuple[str, ...]


class FaqRanker:
    """Weighs FAQ entries against questions with IDF over the FAQ's and the acts' texts."""

    def __init__(self, entries: Mapping[str, FaqEntry], act_texts: Iterable[str]) -> None:
        self._entries = dict(entries)
        self._keys = {key: _key_words(entry) for key, entry in entries.items()}
        act_documents = [frozenset(_content(canonical_words(text))) for text in act_texts]
        documents = [*self._keys.values(), *act_documents]
        frequency: dict[str, int] = {}
        for document in documents:
            for word in document:
                frequency[word] = frequency.get(word, 0) + 1
        total = len(documents)
        self._idf = {w: math.log((1 + total) / (1 + n)) + 1.0 for w, n in frequency.items()}
        self._unseen_idf = math.log(1 + total) + 1.0

    def coverage(self, key: str, reading: Reading) -> Coverage:
        """How much of the question the entry `key` covers, and which act words it leaves: words
        read as making an act that the entry's key text does not hold and whose acts it does
        not cover."""
        content = sorted(set(_content(reading.words)))
        held = self._keys.get(key, frozenset())
        entry = self._entries.get(key)
        covers = frozenset(entry.covers) if entry is not None else frozenset()
        uncovered = tuple(
            dict.fromkeys(
                word
                for word, concept in reading.act_words
                if word not in held and not covers.intersection(_ACTS_OF.get(concept, ()))
            )
        )
        if not content:
            return Coverage(1.0, uncovered)
        weight = {word: self._idf.get(word, self._unseen_idf) for word in content}
        share = sum(weight[w] for w in content if w in held) / sum(weight.values())
        return Coverage(share, uncovered)

    def answers(self, key: str, reading: Reading, minimum: float | None = None) -> bool:
        """Whether the entry may answer the question: it covers enough of it (`minimum`, by
        default `MIN_COVERAGE`), or it leaves no word of an act uncovered."""
        found = self.coverage(key, reading)
        floor = MIN_COVERAGE if minimum is None else minimum
        return found.share >= floor or not found.uncovered_act_words


def _key_words(entry: FaqEntry) -> frozenset[str]:
    texts = [entry.question, *entry.phrasings]
    words = {w for text in texts for w in canonical_words(text)}
    for group in entry.match:
        for alternative in group:
            words.update(part.lstrip("=~") for part in alternative)
    words.update(w.lstrip("=") for text in list(words) for w in canonical_words(text))
    return frozenset(_content(tuple(words)))


def _content(words: Iterable[str]) -> Iterable[str]:
    return (w for w in words if w not in STOPWORDS and w.isalpha() and len(w) > 2)
