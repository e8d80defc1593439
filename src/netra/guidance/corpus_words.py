"""Words the real corpus puts beside each act's cue words: a vocabulary the checks did not write.

Round 30 sorted the first-run misses of the held-out checks by why they failed; a word the reader
had never seen and an act outside its vocabulary were two of the three kinds that kept coming back,
because every word the reader learned came from the question that missed. This table is built
from a source written independently of every check: the labelled real corpus
(`corpus/real/corpus.jsonl`, news texts each labelled with the acts it reports). For every sentence
of a text labelled with an act that holds one of that act's cue words (the analyzer's own trigger
concepts, `RULE_TRIGGERS`), each other word of the sentence is counted for the act. A word is the
act's when it is seen with that act in enough stories (`MIN_COUNT`) and mostly with it
(`MIN_SHARE`): "pelantikan" beside the rotation words, "jempol" beside the photo words, "pkh"
beside the words of mobilisation. The table is data (`data/act_words.json`, rebuilt byte for byte
by `netra ask-act-words`); reading it needs no corpus.

Two uses were built and measured (docs/consultation.md, round 31), and neither is on: as the
reader's last resort (`consult.CORPUS_WORDS`: only when the rules read no act and the learned
fallback is not sure, for a permission question about an election by someone the rulebook knows,
from the words after who acts that the reader has never seen) it reached no question of checks
1-30 that the rules or the FAQ did not already answer, and loosened to every word that makes no act
it answered five questions, all wrongly; as features of the learned fallback
(`fallback.CORPUS_FEATURES`) it changed no cross-validation fold. The corpus's words are news words
("ikut", "warga", "pilih"), mostly mobilisation's, not the words the checks' unseen questions use.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from netra.analysis.acts import RULE_TRIGGERS
from netra.analysis.lexicon import Lexicon
from netra.analysis.normalize import tokenize
from netra.errors import NetraError

ACT_WORDS_FILE = "act_words.json"
FORMAT = 1
# A word belongs to an act when it stands beside the act's cue words in at least this many
# stories labelled with the act, and at least this share of its stories beside any act's cue
# words are that act's. Chosen before any measurement as round numbers; the
# measurement is in docs/consultation.md (round 31).
MIN_COUNT = 5
MIN_SHARE = 0.6
# A question is read as an act only when its corpus words give that act at least this much
# (the sum of their shares: two words, or one nearly always seen with it) and no other act as much.
MIN_EVIDENCE = 1.2
# Words shorter than this are function words or abbreviations the counts cannot tell apart.
MIN_LENGTH = 3
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+")
_WORD = re.compile(r"^[a-z][a-z-]*$")


class ActWordsError(NetraError):
    """The act-words table is malformed; the message names the field."""

    code = "act_words_invalid"


@dataclass(frozen=True, slots=True)
class ActWords:
    """Per word, in how many corpus stories a sentence puts it beside each act's cue words."""

    counts: Mapping[str, Mapping[str, int]]
    sentences: int  # sentences of act-labelled texts holding a cue of one of their acts
    texts: int  # act-labelled texts read

    def act_of(self, word: str) -> tuple[str, float] | None:
        """The act `word` belongs to and its share, or None (too rare or shared by acts)."""
        per_act = self.counts.get(word)
        if not per_act:
            return None
        total = sum(per_act.values())
        act, count = max(per_act.items(), key=lambda pair: (pair[1], pair[0]))
        share = count / total
        if count < MIN_COUNT or share < MIN_SHARE:
            return None
        return act, share

    def read(self, words: Sequence[str]) -> tuple[str, tuple[str, ...]] | None:
        """The act the question's words point to, with the words that point to it, or None when
        they are too few or point to two acts."""
        evidence: dict[str, float] = defaultdict(float)
        witnesses: dict[str, list[str]] = defaultdict(list)
        for word in dict.fromkeys(words):
            found = self.act_of(word)
            if found is None:
                continue
            act, share = found
            evidence[act] += share
            witnesses[act].append(word)
        if not evidence:
            return None
        ranked = sorted(evidence.items(), key=lambda pair: (-pair[1], pair[0]))
        best, weight = ranked[0]
        runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
        if weight < MIN_EVIDENCE or runner_up >= weight:
            return None
        return best, tuple(witnesses[best])

    def to_json(self) -> str:
        data = {
            "format": FORMAT,
            "min_count": MIN_COUNT,
            "min_share": MIN_SHARE,
            "texts": self.texts,
            "sentences": self.sentences,
            "counts": {
                word: dict(sorted(per_act.items())) for word, per_act in sorted(self.counts.items())
            },
        }
        return json.dumps(data, ensure_ascii=False, sort_keys=False, indent=0) + "\n"


def build(texts: Iterable[tuple[str, Sequence[str], str]], lexicon: Lexicon) -> ActWords:
    """Count, over `texts` (a text, the acts it is labelled with, the story it tells), the stories
    in which a sentence holding a cue of one of the text's acts holds each word, per such act.
    Words seen beside every act's cues in fewer than `MIN_COUNT` stories are left out (the table
    keeps what `act_of` can use)."""
    seen: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    sentences = 0
    read = 0
    for text, acts, story in texts:
        labelled = [act for act in acts if act in RULE_TRIGGERS]
        if not labelled:
            continue
        read += 1
        for sentence in _SENTENCE_END.split(text):
            tokens = tokenize(sentence)
            if not tokens:
                continue
            concepts = {cue.concept for cue in lexicon.find(tokens)}
            beside = [act for act in labelled if concepts & set(RULE_TRIGGERS[act])]
            if not beside:
                continue
            sentences += 1
            words = {
                token.form
                for token in tokens
                if len(token.form) >= MIN_LENGTH and _WORD.match(token.form)
            }
            for word in words:
                for act in beside:
                    seen[word][act].add(story)
    kept = {
        word: {act: len(stories) for act, stories in per_act.items()}
        for word, per_act in seen.items()
        if max(map(len, per_act.values())) >= MIN_COUNT
    }
    return ActWords(counts=kept, sentences=sentences, texts=read)


def parse_act_words(data: object, source: str) -> ActWords:
    """Validate a loaded table; errors name the source and the field."""
    if not isinstance(data, dict):
        raise ActWordsError(f"{source}: the table must be a mapping")
    if data.get("format") != FORMAT:
        raise ActWordsError(f"{source}: format must be {FORMAT}")
    raw = data.get("counts")
    if not isinstance(raw, dict):
        raise ActWordsError(f"{source}: counts must be a mapping of word to act counts")
    counts: dict[str, dict[str, int]] = {}
    for word, per_act in raw.items():
        if not isinstance(per_act, dict) or not per_act:
            raise ActWordsError(f"{source}: counts[{word!r}] must map acts to counts")
        for act, count in per_act.items():
            if act not in RULE_TRIGGERS:
                raise ActWordsError(f"{source}: counts[{word!r}] names an unknown act {act!r}")
            if not isinstance(count, int) or isinstance(count, bool) or count < 1:
                raise ActWordsError(f"{source}: counts[{word!r}][{act!r}] must be a count >= 1")
        counts[word] = dict(per_act)
    numbers = {}
    for key in ("texts", "sentences"):
        value = data.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ActWordsError(f"{source}: {key} must be a count")
        numbers[key] = value
    return ActWords(counts=counts, sentences=numbers["sentences"], texts=numbers["texts"])


@cache
def load_act_words() -> ActWords:
    """The packaged table (`data/act_words.json`)."""
    path = resources.files("netra.guidance") / "data" / ACT_WORDS_FILE
    return parse_act_words(json.loads(path.read_text(encoding="utf-8")), ACT_WORDS_FILE)
