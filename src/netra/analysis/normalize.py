"""Turn Indonesian text of any register into canonical tokens that keep their original offsets.

Reports, news and posts write the same word many ways: "yg"/"yang", "bangeeet", "Mengunggah",
"#CoblosNo2", "kades". Matching runs on one canonical form per token, and every token remembers
the slice of the original text it came from, so evidence spans always point into the input.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate
from typing import NamedTuple

from netra.analysis.vocabulary import ABBREVIATIONS, ROOTS, SLANG

# Sentence ends: a full stop, "!" or "?" (and runs of them), or a line break.
_SENTENCE_END = re.compile(r"[.!?]+|\n+")
_ENDS_ANY = re.compile(r"[.!?\n]")  # a gap that holds none of these ends no sentence
# A word is a run of letters/digits; hashtags and mentions are split into words too. Splitting
# on words (the captured group) keeps them with the gaps between: [gap, word, gap, ..., gap].
_WORD_SPLIT = re.compile(r"([^\W_]+)", re.UNICODE)
# "CoblosNo2" -> "Coblos", "No", "2": hashtags glue words together in camel case.
_CAMEL = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_QUOTED = re.compile(r'"[^"\n]{3,400}"|“[^”\n]{3,400}”|(?<!\w)\'[^\'\n]{3,400}\'(?!\w)')
_ELONGATION = re.compile(r"(\w)\1{2,}")

_VERB_PREFIXES: tuple[tuple[str, str], ...] = (
    # (prefix, letter restored when the prefix swallowed the root's first consonant)
    ("meng", "k"),
    ("meny", "s"),
    ("mem", "p"),
    ("men", "t"),
    ("me", ""),
    ("di", ""),
    ("ter", ""),
    ("te", ""),
    ("ber", ""),
    ("be", ""),
    # Informal nasal forms of chat: "masang", "nempel", "ngajak", "nyebar", "ngedukung".
    ("nge", ""),
    ("ng", ""),
    ("ng", "k"),
    ("ny", "s"),
    ("m", "p"),
    ("n", "t"),
)
_SUFFIXES: tuple[str, ...] = ("kannya", "nya", "kan", "lah", "kah", "i", "in")
# "bagi2", "bagi2in": reduplication written with the digit 2, maybe with a suffix.
_REDUPLICATED = re.compile(r"^([a-z]{3,})2(?:in|an|kan|nya|i)?$")
_MIN_ROOT = 3
_DINAS_HEAD = "kadis"
_MIN_POSSESSIVE = 6
_MAX_NUMBER_WITH_ZERO = 3  # "01", "002": nomor urut written with leading zeros


class Token(NamedTuple):
    """One canonical word and the slice of the original text it stands for.

    A named tuple rather than a frozen dataclass: screening builds millions of them, and a
    tuple is made several times faster while reading the same (immutable, hashable).
    """

    form: str
    start: int
    end: int
    sentence: int
    is_capitalized: bool
    is_passive: bool = False  # written with the passive prefix di- ("disuruh", "diunggah")


# One written word as tokens: (offset in the word, length, canonical form, capital, passive).
WordParts = tuple[tuple[int, int, str, bool, bool], ...]


@lru_cache(maxsize=65536)
def canonical(word: str) -> str:
    """One lower-cased word in canonical form: slang expanded, affixes of known verbs removed."""
    if word in SLANG:
        return SLANG[word]
    if word.isdecimal():
        return _strip_zeros(word)
    word = _ELONGATION.sub(r"\1", word)
    if word in SLANG:
        return SLANG[word]
    if word in ROOTS:
        return word
    if word.startswith(_DINAS_HEAD) and len(word) > len(_DINAS_HEAD) + 1:
        # "Kadisdik", "Kadisperindag": the head of a dinas, whichever the dinas.
        return SLANG[_DINAS_HEAD]
    reduplicated = _REDUPLICATED.match(word)
    if reduplicated:
        return canonical(reduplicated.group(1))
    stem = _stem(word)
    if stem is not None:
        return stem
    if word.endswith("nya") and len(word) >= _MIN_POSSESSIVE:
        # "warganya", "fotonya": the possessive clitic does not change what is meant.
        return canonical(word[:-3])
    return word


def _strip_zeros(number: str) -> str:
    if (
        len(number) <= _MAX_NUMBER_WITH_ZERO
        and number.startswith("0")
        and number != "0" * len(number)
    ):
        return number.lstrip("0")
    return number


def _stem(word: str) -> str | None:
    """Strip Indonesian verb affixes, but only when what remains is a root we know."""
    bases = [word]
    bases.extend(
        word[: -len(suffix)]
        for suffix in _SUFFIXES
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_ROOT
    )
    for base in bases:
        if base in ROOTS:
            return base
        for prefix, restored in _VERB_PREFIXES:
            if not base.startswith(prefix) or len(base) - len(prefix) < _MIN_ROOT - 1:
                continue
            rest = base[len(prefix) :]
            for candidate in (rest, restored + rest) if restored else (rest,):
                if candidate in ROOTS:
                    return candidate
    return None


def tokenize(text: str) -> list[Token]:
    """Canonical tokens with sentence numbers; one informal word may yield several tokens."""
    # A word starts where the pieces before it end; sentence ends, made of non-word characters,
    # lie inside the gaps, and most gaps are one space.
    pieces = _WORD_SPLIT.split(text)
    offsets = list(accumulate(map(len, pieces)))
    quoted = _quoted_regions(text) if '"' in text or "“" in text or "'" in text else []
    tokens: list[Token] = []
    append = tokens.append
    new = tuple.__new__  # Token(...) without the named tuple's Python-level constructor
    parts_of = _PARTS.get
    sentence = 0
    # The previous word: its last piece decides whether a dot after it ends the sentence.
    word = ""
    parts: WordParts = ()
    gap = pieces[0]
    for index in range(1, len(pieces), 2):
        if gap != " " and _ENDS_ANY.search(gap) is not None:
            gap_start = offsets[index - 2] if index > 1 else 0
            previous = _last_piece(word, parts)
            for end in _SENTENCE_END.finditer(gap):
                position = gap_start + end.start()
                if quoted and _inside(quoted, position):
                    continue
                if not _is_false_boundary(text, position, previous):
                    sentence += 1
        word = pieces[index]
        start = offsets[index - 1]
        parts = parts_of(word) or _word_parts(word)
        for offset, length, form, capital, is_passive in parts:
            piece_start = start + offset
            append(
                new(Token, (form, piece_start, piece_start + length, sentence, capital, is_passive))
            )
        gap = pieces[index + 1]
    return tokens


def _last_piece(word: str, parts: WordParts) -> str:
    if not parts:
        return ""
    offset, length = parts[-1][0], parts[-1][1]
    return word[offset : offset + length].lower()


_PARTS: dict[str, WordParts] = {}
_MAX_CACHED_WORDS = 200_000  # distinct words kept; memory stays flat on any input


def _word_parts(word: str) -> WordParts:
    """What one written word becomes, cached: the same words recur across millions of posts."""
    parts: list[tuple[int, int, str, bool, bool]] = []
    for piece_start, piece in _pieces(word, 0):
        lowered = piece.lower()
        form = canonical(lowered)
        is_passive = lowered.startswith("di") and not form.startswith("di")
        capital = piece[0].isupper()
        parts.extend(
            (piece_start, len(piece), part, capital, is_passive) for part in form.split(" ")
        )
    found = tuple(parts)
    if len(_PARTS) < _MAX_CACHED_WORDS:
        _PARTS[word] = found
    return found


def _quoted_regions(text: str) -> list[tuple[int, int]]:
    """Quoted speech ("... Bapak! ..."): its punctuation does not end the reporting sentence."""
    return [(m.start(), m.end()) for m in _QUOTED.finditer(text)]


def _inside(regions: list[tuple[int, int]], position: int) -> bool:
    return any(start < position < end - 1 for start, end in regions)


def _pieces(word: str, offset: int) -> list[tuple[int, str]]:
    """Split camel-case glued words ("CoblosNo2") into their parts; other words stay whole."""
    if word.islower() or word.isupper() or word.isdecimal() or not word.isascii():
        return [(offset, word)]
    parts = [(offset + m.start(), m.group()) for m in _CAMEL.finditer(word)]
    if len(parts) <= 1 or sum(len(p) for _, p in parts) != len(word):
        return [(offset, word)]
    return parts


def _is_false_boundary(text: str, position: int, previous_word: str) -> bool:
    """A dot in "1.200" or "KOMPAS.com", or after an abbreviation ("Kab."), ends no sentence."""
    if text[position] != ".":
        return False
    after = text[position + 1] if position + 1 < len(text) else ""
    if after.isalnum() or after in ",;:":
        # "1.200", "S.Pd", "KOMPAS.com": no space after the dot, so no sentence ends here.
        return True
    return len(previous_word) == 1 or previous_word in ABBREVIATIONS
