"""What the learned scorer reads: the words of a text and what the rules saw in it.

Words are the tokenizer's canonical forms, so "mengunggah", "diunggah" and "unggahan" share a
feature, and slang is already expanded. Beside the words stand the rule engine's signals: which
cue concepts occur (an allegation, a clearance, a rule statement), which concepts share a
sentence, and which kinds of official are named and whether they act. The model learns how far
to trust each of them on real text. The acts the rules find are not among them: in
cross-validation they added nothing the cues and pairs did not already say, and leaving them out
lets screening skip the act rules altogether.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from operator import attrgetter

from netra.analysis.classify import RawFinding
from netra.analysis.frozen import quick_init
from netra.analysis.lexicon import Cue
from netra.analysis.normalize import Token
from netra.analysis.subjects import SUBJECT_PREFIX, Mention

# Subjects counted in category 5 by who they are, whatever the act (taxonomy.md).
VILLAGE = frozenset({"village_head", "village_official"})
# Bumped whenever a feature's name or meaning changes: a model trained on other features is refused.
FEATURE_VERSION = 3
WORD = "w="
BIGRAM = "b="
CUE = "cue="
PAIR = "pair="
_LENGTH_STEPS = (1, 3, 8)
# A text longer than the excerpts the model was trained on (most are 3-7 sentences, a few up to 12)
# is read in overlapping windows, and its score is its best window's. Windows of five sentences two
# apart keep an incident paragraph from being diluted by the background around it: dev incidents set
# among background paragraphs were found 0.47-0.51 of the time with windows of eight four apart,
# 0.68-0.74 with these (scripts/embedded_incidents.py; docs/history/analyzer-rounds.md, "Long
# articles").
LONG_TEXT_SENTENCES = 8
WINDOW_SENTENCES = 5
WINDOW_STRIDE = 2


@quick_init
@dataclass(frozen=True, slots=True)
class Observation:
    """One text as the rules saw it: tokens, cues, mentions and the acts found at threshold."""

    tokens: Sequence[Token]
    cues: Sequence[Cue]
    mentions: Sequence[Mention]
    findings: Sequence[RawFinding]
    categories: Sequence[int]  # the Bawaslu category of each finding, in the same order
    offset: int = 0  # index of tokens[0] in the whole text: cues and mentions count from there


def features(observation: Observation) -> Counter[str]:
    """Feature name -> count, for one observed text."""
    counts: Counter[str] = Counter()
    get = counts.get
    previous_form = ""
    previous_sentence = -1
    for token in observation.tokens:  # the hot loop of screening: plain dict work only
        form = token.form
        key = WORD + form
        counts[key] = get(key, 0) + 1
        if token.sentence == previous_sentence:
            key = BIGRAM + previous_form + " " + form
            counts[key] = get(key, 0) + 1
        previous_form = form
        previous_sentence = token.sentence
    for signal in _signals(observation):
        counts[signal] = 1
    return counts


@dataclass(frozen=True, slots=True)
class FeatureIndex:
    """The vocabulary keyed the way scoring meets its features, so the hot loop never builds a
    feature's name to look it up: words by form; bigrams and concept pairs by one integer made
    of their parts' numbers; cues by concept; the few other signals by name.

    A bigram seen in two training texts has both its words seen there too, so every bigram of
    the vocabulary is a pair of vocabulary words and can be keyed by their rows.
    """

    words: Mapping[str, int]
    bigrams: Mapping[int, int]  # first word's row * width + second word's row -> row
    # concept -> (row of "cue=<concept>" or -1, its number in name order among the concepts of
    # pairs or -1): one lookup per cue found
    concepts: Mapping[str, tuple[int, int]]
    pairs: Mapping[int, int]  # first concept's number * width + second's -> row
    partners: Mapping[int, frozenset[int]]  # a concept's number -> the later ones it pairs with
    names: Mapping[str, int]
    width: int
    # A sentence's concept numbers, in their set's order -> the rows of their pairs: sentences
    # recur with the same few concepts, and the pairs of 14 concepts cost 14 set intersections.
    # Each row maps to 1, so a text's counts take them in one `dict.update` (a dense post has
    # some fifty), in the same order as one by one.
    pair_rows: dict[tuple[int, ...], dict[int, int]] = field(default_factory=dict, compare=False)
    # The kinds of the named officials and the text's length -> the rows of `_kind_signals` (in
    # row order), each mapped to 1 as above.
    kind_rows: dict[tuple[object, ...], dict[int, int]] = field(default_factory=dict, compare=False)

    @classmethod
    def of(cls, index: Mapping[str, int]) -> FeatureIndex:
        width = len(index) + 1
        words = {name[len(WORD) :]: row for name, row in index.items() if name.startswith(WORD)}
        bigrams: dict[int, int] = {}
        cues: dict[str, int] = {}
        paired: dict[tuple[str, str], int] = {}
        for name, row in index.items():
            if name.startswith(BIGRAM):
                first, second = name[len(BIGRAM) :].split(" ", 1)
                if first not in words or second not in words:
                    raise ValueError(f"bigram {name!r} of words outside the vocabulary")
                bigrams[words[first] * width + words[second]] = row
            elif name.startswith(CUE):
                cues[name[len(CUE) :]] = row
            elif name.startswith(PAIR):
                first, second = name[len(PAIR) :].split("+", 1)
                paired[first, second] = row
        numbers = {
            concept: number
            for number, concept in enumerate(sorted({c for pair in paired for c in pair}))
        }
        pairs = {numbers[a] * width + numbers[b]: row for (a, b), row in paired.items()}
        later: dict[int, set[int]] = {}
        for a, b in paired:
            later.setdefault(numbers[a], set()).add(numbers[b])
        partners = {number: frozenset(found) for number, found in later.items()}
        concepts = {
            concept: (cues.get(concept, -1), numbers.get(concept, -1))
            for concept in cues.keys() | numbers.keys()
        }
        return cls(words, bigrams, concepts, pairs, partners, index, width)


def feature_rows(observation: Observation, index: FeatureIndex) -> dict[int, int]:
    """Vocabulary row -> count: `features()` restricted to the vocabulary, without the names.

    Must count exactly what `features()` counts (a test compares the two on real texts).
    """
    counts: dict[int, int] = {}
    get = counts.get
    words, bigrams = index.words.get, index.bigrams.get
    width = index.width
    previous_row = -1
    previous_sentence = -1
    for token in observation.tokens:
        row = words(token.form)
        if row is None:
            previous_row = -1
            continue
        counts[row] = get(row, 0) + 1
        sentence = token.sentence
        if previous_row >= 0 and sentence == previous_sentence:
            pair_row = bigrams(previous_row * width + row)
            if pair_row is not None:
                counts[pair_row] = get(pair_row, 0) + 1
        previous_row = row
        previous_sentence = sentence
    _cue_rows(observation, index, counts)
    tokens = observation.tokens
    key = (
        tuple(map(_KIND_FLAGS, observation.mentions)),
        tokens[-1].sentence - tokens[0].sentence if tokens else -1,
    )
    rows = index.kind_rows.get(key)
    if rows is None:
        names = index.names.get
        found = (names(signal) for signal in _kind_signals(observation))
        # In row order, not the set's: the set of names iterates in an order that changes with
        # each process's string hashing, and the order of the float32 sums follows it, so the
        # same text could score 0.845 in one run and 0.844 in the next.
        rows = dict.fromkeys(sorted(row for row in found if row is not None), 1)
        if len(index.kind_rows) < _MAX_MEMOISED:
            index.kind_rows[key] = rows
    counts.update(rows)  # each row to 1, new rows in the order given
    return counts


# What `_kind_signals` reads of a mention: the memo of kind rows is keyed by these per mention.
_KIND_FLAGS = attrgetter("type", "is_actor", "is_specific", "is_former", "is_object")


def _cue_rows(observation: Observation, index: FeatureIndex, counts: dict[int, int]) -> None:
    """The rows of `_cue_signals`, with concepts as numbers."""
    known = index.concepts.get
    tokens, offset = observation.tokens, observation.offset
    by_sentence: dict[int, set[int]] = {}
    for concept, first, _ in observation.cues:
        found = known(concept)  # subject concepts have no cue row: features() skips them
        if found is None:
            continue
        row, number = found
        if row >= 0:
            counts[row] = 1
        if number >= 0:
            sentence = tokens[first - offset].sentence
            if sentence in by_sentence:
                by_sentence[sentence].add(number)
            else:
                by_sentence[sentence] = {number}
    pair_rows = index.pair_rows
    for numbers in by_sentence.values():
        if len(numbers) < 2:
            continue
        # Keyed by the set's own order: `_pair_rows` gives the rows in an order that follows it.
        key = tuple(numbers)
        rows = pair_rows.get(key)
        if rows is None:
            rows = dict.fromkeys(_pair_rows(numbers, index), 1)
            if len(pair_rows) < _MAX_MEMOISED:
                pair_rows[key] = rows
        counts.update(rows)  # each row to 1, new rows in the order given


_MAX_MEMOISED = 100_000  # keys remembered per memo of an index; memory stays flat on any input


def _pair_rows(numbers: set[int], index: FeatureIndex) -> tuple[int, ...]:
    """The rows of the concept pairs within one sentence's concept numbers."""
    pairs, partners, width = index.pairs, index.partners.get, index.width
    rows: list[int] = []
    for first in numbers:
        known_partners = partners(first)
        if known_partners:
            rows.extend(
                pairs[first * width + second] for second in known_partners.intersection(numbers)
            )
    return tuple(rows)


def is_one_window(observation: Observation) -> bool:
    """True when `windows` reads the text whole, as one window at offset 0."""
    tokens = observation.tokens
    return not tokens or tokens[-1].sentence - tokens[0].sentence < LONG_TEXT_SENTENCES


def windows(observation: Observation) -> Iterator[tuple[int, Observation]]:
    """Overlapping windows of WINDOW_SENTENCES sentences that name an official; a text of up to
    LONG_TEXT_SENTENCES sentences is one window, read whole as the excerpts of training were."""
    tokens = observation.tokens
    if is_one_window(observation):
        yield 0, observation
        return
    starts = [i for i, t in enumerate(tokens) if i == 0 or t.sentence != tokens[i - 1].sentence]
    cues = sorted(observation.cues, key=lambda cue: cue.first)
    cue_starts = [cue.first for cue in cues]
    mention_sentences = [m.sentence for m in observation.mentions]
    for first in range(0, len(starts), WINDOW_STRIDE):
        last = min(first + WINDOW_SENTENCES, len(starts))
        low, high = starts[first], starts[last] if last < len(starts) else len(tokens)
        sentence_low, sentence_high = tokens[low].sentence, tokens[high - 1].sentence
        mentions = observation.mentions[
            bisect_left(mention_sentences, sentence_low) : bisect_right(
                mention_sentences, sentence_high
            )
        ]
        if mentions:
            kept = [
                (finding, category)
                for finding, category in zip(
                    observation.findings, observation.categories, strict=True
                )
                if sentence_low <= finding.sentence <= sentence_high
            ]
            yield (
                low,
                Observation(
                    tokens[low:high],
                    cues[bisect_left(cue_starts, low) : bisect_left(cue_starts, high)],
                    mentions,
                    [finding for finding, _ in kept],
                    [category for _, category in kept],
                    low,
                ),
            )
        if last == len(starts):
            return


def _signals(observation: Observation) -> set[str]:
    return _cue_signals(observation) | _kind_signals(observation)


def _cue_signals(observation: Observation) -> set[str]:
    signals = {f"{CUE}{cue.concept}" for cue in observation.cues if not _is_subject(cue)}
    signals.update(_pairs(observation))
    return signals


def _kind_signals(observation: Observation) -> set[str]:
    """Which kinds of official are named, whether they act, and the text's length."""
    signals: set[str] = set()
    for mention in observation.mentions:
        signals.add(f"mention={mention.type}")
        if mention.is_actor:
            signals.add(f"actor={mention.type}")
            if mention.is_specific:
                signals.add("actor=specific")
        if mention.is_former:
            signals.add("mention=former")
        if mention.is_object:
            signals.add("mention=object")
    actors = [m for m in observation.mentions if m.is_actor]
    if actors:
        signals.add(f"first_actor={actors[0].type}")
    else:
        signals.add("actor=none")
    tokens = observation.tokens
    sentences = tokens[-1].sentence - tokens[0].sentence + 1 if tokens else 0
    signals.add(f"sentences>={_step(sentences, _LENGTH_STEPS)}")
    return signals


def _pairs(observation: Observation) -> set[str]:
    """Concepts told in one sentence together ("subject.pns" with "attend_verb", "cleared"
    with "allegation"): what the rules look for, given to the model as evidence to weigh."""
    by_sentence: dict[int, set[str]] = {}
    tokens = observation.tokens
    for cue in observation.cues:
        sentence = tokens[cue.first - observation.offset].sentence
        by_sentence.setdefault(sentence, set()).add(cue.concept)
    found: set[str] = set()
    for concepts in by_sentence.values():
        ordered = sorted(concepts)
        found.update(f"{PAIR}{a}+{b}" for i, a in enumerate(ordered) for b in ordered[i + 1 :])
    return found


def _is_subject(cue: Cue) -> bool:
    return cue.concept.startswith(SUBJECT_PREFIX)


def _step(value: float, steps: Sequence[float]) -> float:
    """The highest step at or below `value` (0 below the first): a coarse, stable bucket."""
    reached: float = 0
    for step in steps:
        if value >= step:
            reached = step
    return reached
