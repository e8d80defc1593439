"""Read a question with the analyzer's own cues, subject mentions and act rules.

The analyzer deliberately finds no act in a question ("Bolehkah ASN ...?" alleges nothing), so a
question is read one layer lower: the same tokenizer, lexicon, subject mentions and per-act rules
(`netra.analysis.acts.RULES`), applied to the whole question as one sentence. A question about
attending a campaign or joining a team presumes its object ("ikut kampanye" is someone's
campaign), so there an implied candidate is added when none is named.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from netra.analysis.acts import RULE_TRIGGERS, RULES
from netra.analysis.lexicon import Cue, Lexicon, load_lexicon
from netra.analysis.normalize import Token, tokenize
from netra.analysis.sentences import Sentence, group_sentences, merge_sentences
from netra.analysis.subjects import SUBJECT_PREFIX, find_mentions

# The subject a question is answered for when it names none ("Bolehkah like postingan paslon?").
DEFAULT_SUBJECT = "asn"

# Words that make a question about the 2024 general election rather than the Pilkada; the same
# split the analyzer makes for texts (analysis/analyzer.py `_PEMILU_WORDS`).
PEMILU_WORDS = frozenset(
    "pemilu pileg pilpres capres cawapres caleg dpr dprd dpd presiden legislatif".split()
)
PILKADA = "pilkada-2024"
PEMILU = "pemilu-2024"

# Concepts that name a campaign setting: with them an act needs no named candidate.
_CAMPAIGN_SETTING = ("event", "team", "props", "election")


@dataclass(frozen=True, slots=True)
class Reading:
    """What a question asks about: acts (best first), who asks, which election, its words."""

    acts: tuple[str, ...]
    subject: str
    is_subject_stated: bool
    election: str
    words: tuple[str, ...]  # canonical forms, for FAQ matching and retrieval
    concepts: frozenset[str]


@cache
def _lexicon() -> Lexicon:
    return load_lexicon()


def canonical_words(text: str) -> tuple[str, ...]:
    """The analyzer's canonical word forms of `text` (slang expanded, verbs stemmed)."""
    return tuple(token.form for token in tokenize(text))


def read_question(text: str, *, lexicon: Lexicon | None = None) -> Reading:
    """The acts and the subject a question is about, read with the analyzer's detection."""
    tokens = tokenize(text)
    cues = (lexicon or _lexicon()).find(tokens)
    mentions = find_mentions(text, tokens, cues)
    serving = [m for m in mentions if not m.is_former]
    # "foto bersama calon bupati": the office of a candidate is not who asks.
    actors = [m for m in serving if m.is_actor] or serving
    subject = actors[0].type if actors else DEFAULT_SUBJECT
    words = tuple(token.form for token in tokens)
    sentences = group_sentences(tokens, cues, text)
    doc = merge_sentences(sentences, -1) if sentences else Sentence(-1, {}, False, tokens)
    acts = _acts(doc, tokens)
    election = PEMILU if PEMILU_WORDS.intersection(words) else PILKADA
    return Reading(
        acts=acts,
        subject=subject,
        is_subject_stated=bool(actors),
        election=election,
        words=words,
        concepts=frozenset(
            cue.concept for cue in cues if not cue.concept.startswith(SUBJECT_PREFIX)
        ),
    )


def _acts(doc: Sentence, tokens: Sequence[Token]) -> tuple[str, ...]:
    found = _matching_acts(doc, tokens)
    if not found and tokens and doc.has(*_CAMPAIGN_SETTING) and not doc.has("candidate", "party"):
        implied = Cue("candidate", len(tokens) - 1, len(tokens) - 1)
        cues = {**doc.cues, "candidate": [implied]}
        found = _matching_acts(Sentence(doc.index, cues, doc.has_question_mark, tokens), tokens)
    return found


def _matching_acts(doc: Sentence, tokens: Sequence[Token]) -> tuple[str, ...]:
    scored: list[tuple[float, str]] = []
    for act, rule in RULES.items():
        if not doc.has(*RULE_TRIGGERS[act]):
            continue
        result = rule(doc, tokens, doc, doc)
        if result is not None:
            scored.append((result[0], act))
    # The most specific reading first (higher base score), then the rulebook's order of acts.
    order = list(RULES)
    scored.sort(key=lambda pair: (-pair[0], order.index(pair[1])))
    return tuple(act for _, act in scored)
