"""Candidates: nomor urut mentions in text, and a registry of known paslon read from CSV.

A paslon is named by its ballot number far more often than by name: "nomor urut 2", "no urut 02",
"paslon 01", "#Coblos02". Numbers without such a word ("nomor 3", "no. 1", a bare "02") count only
near a word for a candidate (paslon, cabup, cagub, calon, coblos...), because "No. 1" is also a
house number. With a registry, names, jargon and hashtags of the region's paslon are found too.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from netra.analysis.entities._text import KeywordMatcher, digit_runs, fold
from netra.analysis.entities.regions import regions_by_code
from netra.analysis.spans import Span
from netra.errors import NetraError

REQUIRED_COLUMNS = ("region_code", "nomor_urut", "names", "parties", "jargon")
_REGION_CODE = re.compile(r"\d{2}(?:\.\d{2})?")
_CONTEXT = 40  # characters either side in which a candidate word makes a bare number a nomor urut

_NUMBER_WORDS = {
    "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5,
    "enam": 6, "tujuh": 7, "delapan": 8, "sembilan": 9, "sepuluh": 10,
}  # fmt: skip
_MAX_NUMBER_LENGTH = 3  # "2", "02", "002"
_MAX_NUMBER = 99
_PADDED_LENGTH = 2  # a bare "02" counts near a candidate word, a bare "2" never does
_LOOKBACK = 32  # characters before a number searched for the words that introduce it
_NO = r"(?:nomor|nmr|no)\.?"
_CANDIDATE_WORD = (
    r"paslon|pasangan calon|pasangan|calon|cagub|cawagub|cabup|cawabup|cawalkot|cawawalkot"
    r"|kandidat|coblos|nyoblos"
)
# Cheap filter before any regex: a number is introduced by a word ending like one of these.
_INTRODUCING_ENDINGS = (
    "urut", "no", "nomor", "nmr", "paslon", "pasangan", "calon", "cagub", "cawagub", "cabup",
    "cawabup", "cawalkot", "cawawalkot", "kandidat", "coblos",
)  # fmt: skip
# These run on the folded (lower-case) text just before a number and must end where it starts.
# "nomor urut 2", "no. urut 02", "nourut 3".
_URUT_BEFORE = re.compile(rf"(?<![^\W\d_])(?:{_NO}\s*urut|nourut)\s*[:.]?\s*$")
# "paslon 01", "cabup nomor 2", "coblos02", "#coblosno2", "pasangan calon no. 3".
_TRIGGER_BEFORE = re.compile(rf"(?<![^\W\d_])(?:{_CANDIDATE_WORD})\s*(?:{_NO}\s*)?[:#]?\s*$")
# Weak: "nomor 3", "no. 1"; kept only with a candidate word nearby.
_NO_BEFORE = re.compile(rf"(?<![^\W\d_]){_NO}\s*$")
_LAW_YEAR_AFTER = re.compile(r"\s*(?:tahun|thn\.?|th\.)(?![^\W\d_])")
_NEARBY_CANDIDATE_WORD = re.compile(rf"(?<![^\W\d_])(?:{_CANDIDATE_WORD})")
# "nomor urut dua": ballot numbers spelled out, only after "urut".
_URUT_WORD = re.compile(
    rf"(?<![^\W\d_])(?:{_NO}\s*urut|nourut)\s*[:.]?\s*({'|'.join(_NUMBER_WORDS)})(?![^\W\d_])"
)


class CandidateFileError(NetraError):
    """A candidate CSV that cannot be read; the message names the file, line and field."""

    code = "candidate_file_invalid"


@dataclass(frozen=True, slots=True)
class Candidate:
    """One paslon of one election: head and deputy names, backing parties, campaign jargon."""

    region_code: str
    nomor_urut: int
    names: tuple[str, ...]
    parties: tuple[str, ...] = ()
    jargon: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CandidateMention:
    """A candidate in text: by ballot number (``number``), or by name or jargon (``candidate``)."""

    span: Span
    number: int | None = None
    candidate: Candidate | None = None
    matched_by: str = "number"  # "number", "name" or "jargon"


@dataclass(frozen=True, slots=True)
class _RegistryKey:
    candidate: Candidate
    matched_by: str


@dataclass(frozen=True)
class CandidateRegistry:
    """The paslon known for the elections being watched; matching is built once, on first use."""

    candidates: tuple[Candidate, ...]
    _matcher: KeywordMatcher[_RegistryKey] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        matcher: KeywordMatcher[_RegistryKey] = KeywordMatcher()
        for candidate in self.candidates:
            for name in candidate.names:
                matcher.add(name, _RegistryKey(candidate, "name"))
            for phrase in candidate.jargon:
                matcher.add(phrase.lstrip("#"), _RegistryKey(candidate, "jargon"))
        object.__setattr__(self, "_matcher", matcher.finish())

    def by_number(self, nomor_urut: int, region_codes: Iterable[str]) -> Candidate | None:
        """The one paslon with this number among the given regions, or None if none or several."""
        wanted = set(region_codes)
        found = [
            c for c in self.candidates if c.nomor_urut == nomor_urut and c.region_code in wanted
        ]
        return found[0] if len(found) == 1 else None

    def find(self, text: str, folded: str | None = None) -> list[CandidateMention]:
        folded = fold(text) if folded is None else folded
        mentions = []
        for hit in self._matcher.find(text, folded):
            start = hit.start
            if start > 0 and text[start - 1] == "#":  # the hashtag sign belongs to the mention
                start -= 1
            mentions.append(
                CandidateMention(
                    Span(start, hit.end, text[start : hit.end]),
                    hit.value.candidate.nomor_urut,
                    hit.value.candidate,
                    hit.value.matched_by,
                )
            )
        return mentions


def find_numbers(
    text: str, folded: str | None = None, runs: list[tuple[int, int]] | None = None
) -> list[CandidateMention]:
    """Nomor urut mentions: strong forms anywhere, weak forms near a candidate word.

    ``folded`` is ``fold(text)`` and ``runs`` its digit runs, when the caller already has them.
    """
    folded = fold(text) if folded is None else folded
    found: list[CandidateMention] = []
    if not _may_mention_candidate(folded):
        return found  # every form needs "urut" or a candidate word somewhere in the text
    for start, end in digit_runs(text) if runs is None else runs:
        mention = _number_at(text, folded, start, end)
        if mention is not None:
            found.append(mention)
    if "urut" in folded:
        found.extend(
            CandidateMention(
                Span(m.start(), m.end(), text[m.start() : m.end()]), _NUMBER_WORDS[m.group(1)]
            )
            for m in _URUT_WORD.finditer(folded)
        )
        found.sort(key=lambda mention: mention.span.start)
    return found


def _may_mention_candidate(folded: str) -> bool:
    """Every nomor urut form needs "urut" or a candidate word somewhere in the text."""
    return (
        "ca" in folded  # calon, cagub, cabup, cawalkot...
        or "urut" in folded
        or "paslon" in folded
        or "coblos" in folded
        or "pasangan" in folded
        or "kandidat" in folded
    )


def _number_at(text: str, folded: str, start: int, end: int) -> CandidateMention | None:
    if end - start > _MAX_NUMBER_LENGTH or not 0 < int(text[start:end]) <= _MAX_NUMBER:
        return None
    if end < len(text) and (
        text[end].isalpha()
        or text[end] in "_/-"
        or (text[end] in ".," and text[end + 1 : end + 2].isdigit())
    ):
        return None  # "2a", "2/3", "2.5", "02-10" are not ballot numbers
    before_start = max(0, start - _LOOKBACK)
    before = folded[before_start:start]
    if before.rstrip(" :#.").endswith(_INTRODUCING_ENDINGS):
        strong = _URUT_BEFORE.search(before) or _TRIGGER_BEFORE.search(before)
        if strong is not None:
            begin = before_start + strong.start()
            return CandidateMention(Span(begin, end, text[begin:end]), int(text[start:end]))
        weak = None if start > 0 and text[start - 1].isalpha() else _NO_BEFORE.search(before)
    else:
        weak = None
    if weak is None and not (end - start == _PADDED_LENGTH and text[start] == "0"):
        return None  # neither "nomor 3" nor a zero-padded "02"
    if start > 0 and text[start - 1].isalpha():
        return None
    if weak is None and start > 0 and text[start - 1] in ".,/-":
        return None
    if _LAW_YEAR_AFTER.match(folded, end):
        return None  # "UU Nomor 10 Tahun 2016": a regulation's number, not a ballot number
    window = folded[max(0, start - _CONTEXT) : end + _CONTEXT]
    if _NEARBY_CANDIDATE_WORD.search(window) is None:
        return None
    begin = start if weak is None else before_start + weak.start()
    return CandidateMention(Span(begin, end, text[begin:end]), int(text[start:end]))


def load_candidates(path: str | Path) -> CandidateRegistry:
    """Read a candidate CSV (UTF-8, header row with ``REQUIRED_COLUMNS``)."""
    path = Path(path)
    try:
        content = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CandidateFileError(f"{path}: file not found", path=str(path)) from None
    except UnicodeDecodeError as error:
        raise CandidateFileError(
            f"{path}: not UTF-8 text (byte {error.start})", path=str(path)
        ) from None
    except OSError as error:
        raise CandidateFileError(f"{path}: cannot read: {error.strerror}", path=str(path)) from None
    return parse_candidates(content, source=str(path))


def parse_candidates(content: str, *, source: str = "<candidates>") -> CandidateRegistry:
    """Parse candidate CSV text; ``source`` names it in error messages."""
    reader = csv.DictReader(io.StringIO(content, newline=""), strict=True)
    try:
        header = reader.fieldnames
    except csv.Error as error:
        raise CandidateFileError(f"{source}:1: unreadable header: {error}", line=1) from None
    if not header:
        raise CandidateFileError(f"{source}:1: empty file, expected a header row", line=1)
    missing = [c for c in REQUIRED_COLUMNS if c not in [h.strip() for h in header]]
    if missing:
        raise CandidateFileError(
            f"{source}:1: missing column(s) {', '.join(missing)} "
            f"(expected {', '.join(REQUIRED_COLUMNS)})",
            line=1,
            field=missing[0],
        )
    candidates: list[Candidate] = []
    seen: dict[tuple[str, int], int] = {}
    try:
        for row in reader:
            line = reader.line_num
            if all(not (value or "").strip() for value in row.values() if isinstance(value, str)):
                continue
            if None in row:
                raise CandidateFileError(
                    f"{source}:{line}: more values than the {len(header)} columns of the header",
                    line=line,
                    field=None,
                )
            candidate = _parse_row({k.strip(): v for k, v in row.items() if k}, source, line)
            key = (candidate.region_code, candidate.nomor_urut)
            if key in seen:
                raise CandidateFileError(
                    f"{source}:{line}: field nomor_urut: {candidate.nomor_urut} already given for "
                    f"region {candidate.region_code} on line {seen[key]}",
                    line=line,
                    field="nomor_urut",
                )
            seen[key] = line
            candidates.append(candidate)
    except csv.Error as error:
        line = reader.line_num + 1  # the record that failed starts after the last one read
        raise CandidateFileError(f"{source}:{line}: malformed CSV: {error}", line=line) from None
    return CandidateRegistry(tuple(candidates))


def _parse_row(row: dict[str, object], source: str, line: int) -> Candidate:
    def fail(field_name: str, problem: str) -> CandidateFileError:
        return CandidateFileError(
            f"{source}:{line}: field {field_name}: {problem}", line=line, field=field_name
        )

    def value(name: str) -> str:
        raw = row.get(name)
        return raw.strip() if isinstance(raw, str) else ""

    region_code = value("region_code")
    if not _REGION_CODE.fullmatch(region_code):
        raise fail(
            "region_code", f"expected a Kemendagri code like 32 or 32.04, got {region_code!r}"
        )
    if region_code not in regions_by_code():
        raise fail("region_code", f"no province, regency or city has code {region_code}")

    number = value("nomor_urut")
    if not (number.isascii() and number.isdigit()) or int(number) == 0:
        raise fail("nomor_urut", f"expected a positive whole number, got {number!r}")

    names = _split(value("names"))
    if not names:
        raise fail("names", "at least one candidate name is required")
    return Candidate(
        region_code=region_code,
        nomor_urut=int(number),
        names=names,
        parties=_split(value("parties")),
        jargon=_split(value("jargon")),
    )


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(";") if part.strip())
