"""Screening millions of posts: a cheap prefilter, then the full classifier on what passes.

No act is found without a serving official named in the text, so one Aho-Corasick pass over
the lower-cased raw text, looking for any subject phrase (and its informal spellings), decides
most posts in microseconds. What passes goes through the
same classifier as `analyze`, without the act rules, entity and law lookups whose evidence a
screening line does not print.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache

import ahocorasick

from netra.analysis.analyzer import MAX_TEXT_CHARS, NO_SUBJECT, Analyzer
from netra.analysis.frozen import quick_init
from netra.analysis.lexicon import Lexicon
from netra.analysis.normalize import tokenize
from netra.analysis.subjects import SUBJECT_PREFIX
from netra.analysis.vocabulary import SLANG

# Punctuation and runs of spaces become one space, so "Kepala  Desa" and "kepala-desa" match.
_NON_WORD = re.compile(r"[\W_]+")
# The tokenizer collapses letter runs ("camaaat" -> "camat") before matching; so must the prefilter.
_ELONGATION = re.compile(r"(\w)\1{2,}")
# Trigger words are ASCII, so only an ASCII letter run can hide one (half the cost of \w).
_LETTER_RUN = re.compile(r"([a-z])\1\1")


@quick_init
@dataclass(frozen=True, slots=True)
class Verdict:
    """What one screening line reports."""

    is_violation: bool
    bawaslu_category: int | None
    subject_type: str
    acts: tuple[str, ...]
    score: float


NOT_A_VIOLATION = Verdict(False, None, NO_SUBJECT, (), 0.0)

# Texts whose verdicts a screener remembers. A stream repeats itself (reposts, forwarded
# broadcast messages, copied complaints), and a verdict depends on the text alone, so a repeat
# that names an official costs one dictionary look-up instead of the classifier. When the memo
# is full it is emptied and fills again, so it follows what the stream repeats now and memory
# stays flat (some 20 MB at ~250 characters a text) on any input.
MAX_REMEMBERED_VERDICTS = 65_536


class Screener:
    """Screens texts fast; holds the prefilter automaton and the classifier's data."""

    def __init__(self, analyzer: Analyzer) -> None:
        self.analyzer = analyzer
        self.prefilter = build_prefilter(analyzer.lexicon)
        # Text (as screened, cut to MAX_TEXT_CHARS) -> its verdict, for the texts that pass the
        # prefilter: the others cost less than the look-up would.
        self.remembered: dict[str, Verdict] = {}
        self.max_remembered = MAX_REMEMBERED_VERDICTS

    def passes_prefilter(self, text: str) -> bool:
        """True when the text names any serving official (a superset of what can be flagged)."""
        lowered = text.lower()
        # A trigger is words of ASCII letters and digits joined by single spaces, so one found
        # in the text as written is found after the runs of non-word characters become single
        # spaces too: most texts that name an official pass without that normalising.
        if self._matches(lowered):
            return True
        lowered = " ".join(_NON_WORD.split(lowered))  # each run one space, as sub() would
        if self._matches(lowered):
            return True
        return _LETTER_RUN.search(lowered) is not None and self._matches(
            _ELONGATION.sub(r"\1", lowered)
        )

    def _matches(self, lowered: str) -> bool:
        for _ in self.prefilter.iter(lowered):
            return True
        return False

    def screen(self, text: str) -> Verdict:
        """The verdict on one text: the verdict, category and subject `analyze` gives.

        With the learned scorer, `acts` is the act the model reads in that category; `analyze`
        also runs the act rules, which add their acts with evidence and law.
        """
        text = text[:MAX_TEXT_CHARS]  # as analyze() does: the verdicts stay equal
        if not self.passes_prefilter(text):
            return NOT_A_VIOLATION
        remembered = self.remembered
        verdict = remembered.get(text)
        if verdict is None:
            verdict = self.classify(text)
            if len(remembered) >= self.max_remembered:
                remembered.clear()
                if not self.max_remembered:  # 0: remember nothing
                    return verdict
            remembered[text] = verdict
        return verdict

    def classify(self, text: str) -> Verdict:
        """The classifier's verdict on a text that passed the prefilter, without the memo."""
        analyzer = self.analyzer
        observation = analyzer.observe(text, tokenize(text), acts=analyzer.scorer is None)
        decision = analyzer.decide(observation, explain=False)
        if not decision.is_violation:
            return NOT_A_VIOLATION
        if decision.probability is not None:
            score = decision.probability
        else:
            score = decision.findings[0].score
        return Verdict(
            True,
            decision.category,
            decision.subject,
            decision.acts,
            round(score, 3),
        )


_configured: Screener | None = None


def default_screener() -> Screener:
    """The screener of this process: the configured one, else the bundled analyzer's."""
    return _configured or _bundled_screener()


@cache
def _bundled_screener() -> Screener:
    return Screener(Analyzer.default())


@contextmanager
def screening_with(analyzer: Analyzer) -> Iterator[Screener]:
    """Screen with this analyzer (engine, operating point) inside the block; forked workers
    inherit it, and the bundled default comes back after."""
    global _configured
    previous, _configured = _configured, Screener(analyzer)
    try:
        yield _configured
    finally:
        _configured = previous


def build_prefilter(lexicon: Lexicon) -> ahocorasick.Automaton:
    """Every subject phrase as written, with its informal and hashtag spellings.

    A phrase is found only where its words stand side by side, so "kepala kampung" is looked
    for whole (not "kampung", which everyday chatter is full of), "pj bupati" stands for
    "penjabat bupati", and "kepaladesa" catches "#KepalaDesa". Substrings, not whole words:
    "camatnya" and "#CamatNetral" pass too.
    """
    phrases: set[str] = set()
    for concept, found in lexicon.phrases.items():
        if concept.startswith(SUBJECT_PREFIX):
            phrases.update(found)
    triggers: set[str] = set()
    for phrase in phrases:
        for variant in _informal_variants(phrase):
            triggers.add(variant)
            triggers.add(variant.replace(" ", ""))
    automaton = ahocorasick.Automaton()
    for trigger in triggers:
        automaton.add_word(trigger, trigger)
    automaton.make_automaton()
    return automaton


def _informal_variants(phrase: str) -> set[str]:
    """The phrase, and the phrase with one run of its words in an informal spelling."""
    variants = {phrase}
    padded = f" {phrase} "
    # A canonical form stands between two spaces of the padded phrase exactly when it is a run
    # of the phrase's space-separated pieces, so only the runs are looked up (a phrase has a
    # few words, the slang table a few thousand entries).
    spellings = _informal_spellings()
    pieces = phrase.split(" ")
    for first in range(len(pieces)):
        for last in range(first + 1, len(pieces) + 1):
            canonical = " ".join(pieces[first:last])
            for informal in spellings.get(canonical, ()):
                variants.add(padded.replace(f" {canonical} ", f" {informal} ", 1).strip())
    return variants


@cache
def _informal_spellings() -> dict[str, tuple[str, ...]]:
    """Canonical form -> the informal spellings the slang table maps to it."""
    spellings: dict[str, list[str]] = {}
    for informal, canonical in SLANG.items():
        spellings.setdefault(canonical, []).append(informal)
    return {canonical: tuple(found) for canonical, found in spellings.items()}


# json.dumps(..., ensure_ascii=False) builds an encoder per call; one encoder writes the same.
_to_json = json.JSONEncoder(ensure_ascii=False).encode


@quick_init
@dataclass(frozen=True, slots=True)
class ScreenedLine:
    """One input line's outcome: an output record, or an error naming the line."""

    line: int
    record: dict[str, object] | None
    error: str | None
    is_violation: bool = False
    rendered: str | None = None  # the record as one JSON line, made where it was screened

    def as_json(self) -> str:
        """The output line: rendered by the worker, or rendered now."""
        if self.rendered is not None:
            return self.rendered
        return _to_json(self.record)

    def rendered_for_transfer(self) -> ScreenedLine:
        """A copy that carries the JSON line instead of the dict (cheaper between processes)."""
        if self.record is None:
            return self
        return ScreenedLine(self.line, None, None, self.is_violation, self.as_json())


def screen_record(
    line: int, record: object, screener: Screener, *, rendered: bool = False
) -> ScreenedLine:
    """Validate one parsed input record and screen its text; `rendered` gives the outcome as
    its JSON line (what a worker sends back) rather than the record."""
    if type(record) is not dict and not isinstance(record, Mapping):  # dict: the common case
        return ScreenedLine(line, None, f"line {line}: expected a JSON object with id and text")
    if "id" not in record:
        return ScreenedLine(line, None, f"line {line}: missing field 'id'")
    text = record.get("text")
    if not isinstance(text, str):
        problem = "missing field 'text'" if text is None else "field 'text' must be a string"
        return ScreenedLine(line, None, f"line {line}: {problem}")
    try:
        verdict = screener.screen(text)
    except Exception as error:  # one post must not end a run of millions
        return ScreenedLine(line, None, f"line {line}: the analyzer failed on this text: {error!r}")
    if rendered and type(record) is dict:
        json_line = _rendered_line(record, verdict)
        if json_line is not None:
            return ScreenedLine(line, None, None, verdict.is_violation, json_line)
    output: dict[str, object] = {
        "id": record["id"],
        **_verdict_fields(verdict),
        **{key: value for key, value in record.items() if key not in _OUTPUT_KEYS},
    }
    if rendered:
        return ScreenedLine(line, None, None, verdict.is_violation, _to_json(output))
    return ScreenedLine(line, output, None, verdict.is_violation)


# The fields a screening line writes before the input's own, and the input's text, which it
# leaves out: an input field of one of these names is not copied.
_OUTPUT_KEYS = frozenset(
    ("id", "is_violation", "bawaslu_category", "subject", "acts", "score", "text")
)
# A verdict's fields as they follow the id in an output line, for the verdicts seen: a stream
# has a few thousand distinct verdicts, and each line's JSON costs a few microseconds.
_VERDICT_JSON: dict[Verdict, str] = {}
_MAX_VERDICT_JSON = 65_536


def _verdict_fields(verdict: Verdict) -> dict[str, object]:
    """A verdict's fields, in the order an output line writes them after the id."""
    return {
        "is_violation": verdict.is_violation,
        "bawaslu_category": verdict.bawaslu_category,
        "subject": {"type": verdict.subject_type},
        "acts": list(verdict.acts),
        "score": verdict.score,
    }


def _rendered_line(record: dict[str, object], verdict: Verdict) -> str | None:
    """The output line of `screen_record`, byte for byte as the encoder writes the output dict,
    joined from the JSON of the id, the verdict's fields (made once per distinct verdict) and
    the input's other fields; None when a key of the input is not a string (the encoder writes
    such keys its own way), which leaves the line to the encoder."""
    tail = _VERDICT_JSON.get(verdict)
    if tail is None:
        tail = ", " + _to_json(_verdict_fields(verdict))[1:-1]  # the members without braces
        if len(_VERDICT_JSON) >= _MAX_VERDICT_JSON:
            _VERDICT_JSON.clear()
        _VERDICT_JSON[verdict] = tail
    pieces = ['{"id": ', _to_json(record["id"]), tail]
    for key, value in record.items():
        if key in _OUTPUT_KEYS:
            continue
        if type(key) is not str:
            return None
        pieces += (", ", _to_json(key), ": ", _to_json(value))
    pieces.append("}")
    return "".join(pieces)


# The scanner `json.loads` reads with (its decoder's), without the wrapping around it.
_scan: Callable[[str, int], tuple[object, int]] = json.JSONDecoder().scan_once  # type: ignore[attr-defined]
_JSON_SPACE = " \t\n\r"  # what JSON allows around a value


def _parsed(line: str) -> object:
    """`json.loads(line)`: an object line that starts with its brace is scanned directly (a
    microsecond less a post); anything else, or a line it cannot read, goes to `json.loads`,
    which raises the same errors as before."""
    if line[:1] == "{":
        try:
            found, end = _scan(line, 0)
        except (StopIteration, ValueError):
            return json.loads(line)
        if end == len(line) or not line[end:].strip(_JSON_SPACE):
            return found
    return json.loads(line)


def screen_json_lines(
    lines: Iterable[tuple[int, bytes]], screener: Screener | None = None, *, rendered: bool = False
) -> Iterator[ScreenedLine]:
    """Screen numbered raw JSONL lines; a bad line yields an error and the rest go on."""
    screener = screener or default_screener()
    for number, raw in lines:
        try:
            decoded = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            yield ScreenedLine(
                number, None, f"line {number}: not valid UTF-8 at byte {error.start}"
            )
            continue
        if not decoded.strip():
            continue
        try:
            record = _parsed(decoded)
        except json.JSONDecodeError as error:
            yield ScreenedLine(number, None, f"line {number}: invalid JSON: {error.msg}")
            continue
        yield screen_record(number, record, screener, rendered=rendered)


def screen_chunk(chunk: list[tuple[int, bytes]]) -> list[ScreenedLine]:
    """A worker's unit of work: a chunk of numbered raw lines (picklable, module level)."""
    return list(screen_json_lines(chunk, rendered=True))


def screen_record_chunk(chunk: list[tuple[int, object]]) -> list[ScreenedLine]:
    """A worker's unit of work for already-parsed records (CSV rows)."""
    screener = default_screener()
    return [screen_record(number, record, screener, rendered=True) for number, record in chunk]
