"""Sentences and what kind of statement each is: an account of facts, a rule, an appeal, a
question, a recap or a clearance.

Whether a sentence can tell of an act at all is decided here, before any act rule runs; the act
rules (`acts.py`) and the choice of actor and score (`classify.py`) build on it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from netra.analysis.lexicon import Cue
from netra.analysis.normalize import Token

RULE_REACH_AFTER = 8  # "ASN yang ikut kampanye akan dikenai sanksi": a rule may follow the act


CLEARANCE_NEGATION_REACH = 3  # "tidak dalam status CLTN" denies the leave


DENIAL_REACH = 12  # "membantah ... menyebutnya hasil suntingan": the denial governs the claim


@dataclass(frozen=True, slots=True)
class Sentence:
    """The cues of one sentence, grouped by concept."""

    index: int
    cues: dict[str, list[Cue]]
    has_question_mark: bool
    tokens: Sequence[Token]
    is_aside: bool = False  # a "Baca juga:" link to another story, not part of this one
    is_bulleted: bool = False  # a line that starts with a bullet ("❌ Pasang APK paslon")

    def has(self, *concepts: str) -> bool:
        return not self.cues.keys().isdisjoint(concepts)

    def get(self, *concepts: str) -> list[Cue]:
        found: list[Cue] = []
        for concept in concepts:
            found.extend(self.cues.get(concept, ()))
        return found


def group_sentences(tokens: Sequence[Token], cues: Sequence[Cue], text: str) -> list[Sentence]:
    """Cues grouped by the sentence of their first token."""
    by_sentence: dict[int, dict[str, list[Cue]]] = defaultdict(lambda: defaultdict(list))
    for cue in cues:
        by_sentence[tokens[cue.first].sentence][cue.concept].append(cue)
    bounds: dict[int, tuple[int, int]] = {}
    for index, token in enumerate(tokens):
        first, _ = bounds.get(token.sentence, (index, index))
        bounds[token.sentence] = (first, index)
    sentences = []
    for number in sorted(bounds):
        first, last = bounds[number]
        next_start = tokens[last + 1].start if last + 1 < len(tokens) else len(text)
        segment = text[tokens[first].start : next_start]
        is_aside = segment[:ASIDE_PREFIX_CHARS].lower().startswith(ASIDE_PREFIXES)
        cues_here = dict(by_sentence.get(number, {}))
        line_start = text.rfind("\n", 0, tokens[first].start) + 1
        lead = text[line_start : tokens[first].start].strip()
        is_bulleted = 0 < len(lead) <= MAX_BULLET_CHARS and not any(
            char.isalnum() or char in "\"'“”‘’([" for char in lead
        )
        sentences.append(Sentence(number, cues_here, "?" in segment, tokens, is_aside, is_bulleted))
    return sentences


# Scraped news carries links to other stories; their headlines tell of other people's acts.
ASIDE_PREFIXES = (
    "baca juga",
    "simak juga",
    "lihat juga",
    "baca:",
    "artikel terkait",
    "berita terkait",
    "tonton juga",
    "baca selengkapnya",
)


ASIDE_PREFIX_CHARS = 24


def describes_no_act(sentence: Sentence, tokens: Sequence[Token]) -> bool:
    """A question, a clearance, a recap count or talk about the rules: no breach is told."""
    if sentence.is_aside or (sentence.has_question_mark and sentence.has("question")):
        return True
    if is_statistical(sentence, tokens) or live_clearances(
        sentence.get("cleared", "excused"), tokens
    ):
        return True
    return sentence.has("rule_talk") and not sentence.has("allegation")


MIN_COUNT = 2


def is_statistical(sentence: Sentence, tokens: Sequence[Token]) -> bool:
    """'sebanyak 103 kasus', '433 temuan dan laporan': a recap counts cases, it tells none."""
    for cue in sentence.get("count_noun"):
        previous = tokens[cue.first - 1].form if cue.first > 0 else ""
        if previous.isdecimal() and int(previous) >= MIN_COUNT:
            return True
    return False


def is_neutrality_event(sentence: Sentence, anchor: int, *, alleged: bool) -> bool:
    """An ikrar, apel or seminar told in the same breath as the act, with nothing alleged."""
    if alleged:
        return False
    return any(
        cue.first < anchor or cue.first - anchor <= RULE_REACH_AFTER
        for cue in sentence.get("neutrality_activity")
    )


_WEAK_NORMATIVE = frozenset(
    {
        "agar",
        "supaya",
        "imbau",
        "himbau",
        "ingat",
        "seperti",
        "mengingatkan",
        "jangan",
        "kalau",
        "sepanjang",
    }
)


_NEUTRALITY_WORDS = frozenset({"netral", "netralitas", "jangan", "tidak", "larang", "profesional"})


def is_ruled(sentence: Sentence, anchor: int, tokens: Sequence[Token]) -> bool:
    """The act at token `anchor` sits under a rule or appeal: before it, or shortly after it."""
    governing = [
        cue
        for cue in sentence.get("normative")
        if cue.first < anchor or cue.first - anchor <= RULE_REACH_AFTER
    ]
    return bool(governing) and _is_strong_normative(governing, sentence, tokens)


def _is_strong_normative(cues: Sequence[Cue], sentence: Sentence, tokens: Sequence[Token]) -> bool:
    for cue in cues:
        words = {tokens[i].form for i in range(cue.first, cue.last + 1)}
        if not words <= _WEAK_NORMATIVE:
            return True
    # An appeal ("mengimbau agar ...") counts only when it appeals for neutrality.
    forms = {token.form for token in tokens if token.sentence == sentence.index}
    return bool(forms & _NEUTRALITY_WORDS) and "lupa" not in forms


_NEGATIONS = frozenset({"tidak", "bukan", "belum", "enggan", "menolak", "tolak", "tanpa"})


def live_clearances(cues: Sequence[Cue], tokens: Sequence[Token]) -> list[Cue]:
    """Clearances not denied: "tidak sedang menjalani CLTN" denies the leave, and the
    abbreviation that follows it ("cuti di luar tanggungan negara (CLTN)") with it."""
    denied_until = -2  # no denial seen yet
    live: list[Cue] = []
    for cue in sorted(cues, key=lambda c: c.first):
        if (
            cue.first <= denied_until + 1
            or is_negated(cue, tokens, reach=CLEARANCE_NEGATION_REACH)
            or _is_conditional(cue, tokens)
            or _is_denied_by_accused(cue, tokens)
        ):
            denied_until = max(denied_until, cue.last)
            continue
        live.append(cue)
    return live


_CONDITIONALS = frozenset("asalkan asal jika apabila bila kalau harus wajib seharusnya".split())


def _is_conditional(cue: Cue, tokens: Sequence[Token]) -> bool:
    """'boleh mendampingi asalkan sudah CLTN': a condition, not a fact."""
    sentence = tokens[cue.first].sentence
    return any(
        tokens[i].form in _CONDITIONALS and tokens[i].sentence == sentence
        for i in range(max(0, cue.first - CLEARANCE_NEGATION_REACH), cue.first)
    )


_DENIALS = frozenset(
    "bantah berdalih dalih klaim mengklaim tepis menepis sangkal menyangkal".split()
)


def _is_denied_by_accused(cue: Cue, tokens: Sequence[Token]) -> bool:
    """'membantah ... menyebutnya hasil suntingan': the accused's claim clears nothing."""
    sentence = tokens[cue.first].sentence
    return any(
        token.form in _DENIALS or token.form.startswith(("membantah", "dibantah"))
        for token in tokens[max(0, cue.first - DENIAL_REACH) : cue.first]
        if token.sentence == sentence
    )


def is_negated(cue: Cue, tokens: Sequence[Token], reach: int = 2) -> bool:
    """'tidak hadir', 'bukan memasang': the act is denied."""
    for offset in range(1, reach + 1):
        index = cue.first - offset
        if index < 0 or tokens[index].sentence != tokens[cue.first].sentence:
            break
        if tokens[index].form in _NEGATIONS:
            return True
    return False


def merge_sentences(sentences: Sequence[Sentence], index: int) -> Sentence:
    merged: dict[str, list[Cue]] = defaultdict(list)
    for sentence in sentences:
        for concept, found in sentence.cues.items():
            merged[concept].extend(found)
    tokens = sentences[0].tokens if sentences else ()
    return Sentence(index, dict(merged), any(s.has_question_mark for s in sentences), tokens)


MAX_LIST_NUMBER = 30


MAX_BULLET_CHARS = 3


def is_list_item(sentence: Sentence) -> bool:
    """A numbered or bulleted item ("1. Memasang spanduk", "❌ Pasang APK"): its actor is
    named, if at all, inside it."""
    first = next((t for t in sentence.tokens if t.sentence == sentence.index), None)
    numbered = first is not None and first.form.isdecimal() and int(first.form) <= MAX_LIST_NUMBER
    return numbered or sentence.is_bulleted


_ANAPHORS = frozenset("ia dia beliau bersangkutan terlapor terdakwa tersangka pelaku".split())


def refers_back(sentence: Sentence) -> bool:
    return any(
        token.form in _ANAPHORS for token in sentence.tokens if token.sentence == sentence.index
    )
