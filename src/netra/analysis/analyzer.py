"""The analyzer: one Indonesian text in, a verdict with evidence, subject, law and entities out."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

from netra import __version__
from netra.analysis.classify import THRESHOLD, RawFinding, find_acts
from netra.analysis.entities import CandidateRegistry, Entities, extract_entities
from netra.analysis.lexicon import CUES_FILE, Cue, Lexicon, load_lexicon
from netra.analysis.model import Analysis, Finding, Subject
from netra.analysis.normalize import Token, tokenize
from netra.analysis.spans import Span
from netra.analysis.subjects import Mention, find_mentions
from netra.rulebook import Rulebook, load_rulebook

PILKADA = "pilkada-2024"
PEMILU = "pemilu-2024"
NO_SUBJECT = "none"  # the subject type of a text that tells of no act
MAX_TEXT_CHARS = 2_000_000  # beyond this only the head is read; the rest is noted, not parsed

# Dates outside these years are not election incidents (birth dates, founding years).
FIRST_YEAR = 2019
LAST_YEAR = 2030
# Words that make a text about the 2024 general election rather than the Pilkada.
_PEMILU_WORDS = frozenset(
    """
    pemilu pileg pilpres capres cawapres caleg dpr dprd dpd presiden legislatif
    """.split()
)
_PILKADA_WORDS = frozenset(["pilkada", "bupati", "gubernur", "kota", "pemilihan"])

_NAME_AFTER = re.compile(
    r"(?:atas nama|a\.n\.|saudara|saudari|sdr\.?|sdri\.?|bernama|berinisial|inisial)\s+"
    r"((?:(?:Dr|Drs|Dra|Ir|H|Hj|Prof)\.\s*)*[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,3})"
)
_AGENCY = re.compile(
    r"\b(?:Dinas|Badan|Kantor|Biro|Bagian|Sekretariat|Inspektorat|Puskesmas|RSUD|Kecamatan|"
    r"Kelurahan|Desa|Pemerintah|Pemkab|Pemkot|Pemprov|Satpol|Polres|Polsek|Polda|Kodim|Koramil|"
    r"Universitas|SDN?|SMPN?|SMAN?|SMKN?|MTsN?|MAN)"
    r"(?:\s+(?:dan\s+)?[A-Z0-9][\w./-]*){0,5}"
)
# "Kepala Dinas Pariwisata": capitalised words after the office, up to where an agency begins.
_POSITION_TAIL = re.compile(
    r"(?:\s+(?:dan\s+)?(?!(?:Kabupaten|Kota|Provinsi|SDN?|SMPN?|SMAN?|SMKN?|RSUD|Puskesmas)\b)"
    r"[A-Z][\w.-]*){0,4}"
)


@dataclass(frozen=True, slots=True)
class Analyzer:
    """The lexicon and rulebook an analysis reads, loaded once and shared."""

    lexicon: Lexicon
    rulebook: Rulebook
    version: str

    @classmethod
    def default(cls) -> Analyzer:
        return _default_analyzer()

    def analyze(
        self,
        text: str,
        *,
        date: date | None = None,
        candidates: CandidateRegistry | None = None,
        election: str | None = None,
    ) -> Analysis:
        """Decide whether `text` tells of a neutrality violation and explain the decision."""
        notes: list[str] = []
        if len(text) > MAX_TEXT_CHARS:
            notes.append(f"text longer than {MAX_TEXT_CHARS} characters: only the head was read")
            text = text[:MAX_TEXT_CHARS]
        tokens = tokenize(text)
        entities = extract_entities(text, candidates=candidates)
        raw = self.findings(text, tokens, extra_cues=_candidate_cues(tokens, entities))

        election_id = election or _election_of(tokens)
        incident_on, date_source = _incident_date(raw, tokens, entities, date)
        findings = tuple(
            self._finding(text, tokens, item, incident_on, election_id) for item in raw
        )
        if findings:
            subject = _subject(text, tokens, raw[0].actor, entities)
            category: int | None = findings[0].bawaslu_category
        else:
            subject = Subject(type=NO_SUBJECT)
            category = None
        if incident_on is None and findings:
            notes.append("incident date unknown: sanctions of both SKB 2022 parts are shown")
        return Analysis(
            is_violation=bool(findings),
            bawaslu_category=category,
            subject=subject,
            findings=findings,
            entities=entities,
            date=incident_on,
            date_source=date_source,
            election=election_id,
            analyzer_version=self.version,
            notes=tuple(notes),
        )

    def findings(
        self, text: str, tokens: Sequence[Token], *, extra_cues: Sequence[Cue] = ()
    ) -> list[RawFinding]:
        """The acts at or above the threshold, best first: what `analyze` and `screen` share."""
        cues = self.lexicon.find(tokens) + list(extra_cues)
        mentions = find_mentions(text, tokens, cues)
        return [f for f in find_acts(tokens, cues, mentions, text) if f.score >= THRESHOLD]

    def _finding(
        self,
        text: str,
        tokens: Sequence[Token],
        raw: RawFinding,
        on: date | None,
        election: str,
    ) -> Finding:
        subject_type = raw.actor.type
        evidence = tuple(_span(text, tokens, first, last) for first, last in raw.evidence)
        return Finding(
            act=raw.act,
            bawaslu_category=self.rulebook.category_for(raw.act, subject_type),
            score=raw.score,
            evidence=evidence,
            subject_type=subject_type,
            applicability=self.rulebook.applicability(raw.act, subject_type, on, election),
        )


@cache
def _default_analyzer() -> Analyzer:
    cues = resources.files("netra.analysis").joinpath("data", CUES_FILE).read_bytes()
    digest = hashlib.sha256(cues).hexdigest()[:8]
    return Analyzer(load_lexicon(), load_rulebook(), f"{__version__}+cues.{digest}")


def analyze(
    text: str,
    *,
    date: date | None = None,
    candidates: CandidateRegistry | None = None,
    election: str | None = None,
) -> Analysis:
    """Analyze one text with the bundled lexicon and rulebook (see `Analyzer.analyze`)."""
    return _default_analyzer().analyze(text, date=date, candidates=candidates, election=election)


def _span(text: str, tokens: Sequence[Token], first: int, last: int) -> Span:
    start, end = tokens[first].start, tokens[last].end
    return Span(start, end, text[start:end])


def _candidate_cues(tokens: Sequence[Token], entities: Entities) -> list[Cue]:
    """Candidates the registry found by name or jargon count as the object of support."""
    cues: list[Cue] = []
    for mention in entities.candidates:
        if mention.candidate is None:
            continue
        covered = [
            index
            for index, token in enumerate(tokens)
            if token.start >= mention.span.start and token.end <= mention.span.end
        ]
        if covered:
            cues.append(Cue("candidate", covered[0], covered[-1]))
    return cues


def _election_of(tokens: Sequence[Token]) -> str:
    forms = {token.form for token in tokens}
    if forms & _PEMILU_WORDS and not forms & _PILKADA_WORDS:
        return PEMILU
    return PILKADA


def _incident_date(
    findings: Sequence[RawFinding],
    tokens: Sequence[Token],
    entities: Entities,
    given: date | None,
) -> tuple[date | None, str | None]:
    """The date stated for the act (its sentence first), else the caller's, else unknown."""
    dates = [d for d in entities.dates if FIRST_YEAR <= d.date.year <= LAST_YEAR]
    if findings and dates:
        sentence = findings[0].sentence
        for mention in dates:
            if _sentence_at(tokens, mention.span.start) == sentence:
                return mention.date, "text"
        return dates[0].date, "text"
    if given is not None:
        return given, "argument"
    return None, None


def _sentence_at(tokens: Sequence[Token], offset: int) -> int | None:
    for token in tokens:
        if token.end > offset:
            return token.sentence
    return None


def _subject(text: str, tokens: Sequence[Token], actor: Mention, entities: Entities) -> Subject:
    """The actor's type with the name, NIP, position and agency the text states near them."""
    start, end = tokens[actor.first].start, tokens[actor.last].end
    tail = _POSITION_TAIL.match(text, end)
    position = text[start:end] + (tail.group() if tail else "")
    window_start = max(0, start - 200)
    window_end = min(len(text), end + 200)
    window = text[window_start:window_end]
    name_match = _NAME_AFTER.search(window)
    agency_match = _AGENCY.search(text, start, window_end) or _AGENCY.search(window)
    nip = min(
        entities.nips,
        key=lambda mention: abs(mention.span.start - start),
        default=None,
    )
    return Subject(
        type=actor.type,
        name=name_match.group(1).strip() if name_match else None,
        nip=nip.nip.value if nip and abs(nip.span.start - start) < len(window) else None,
        position=position.strip(),
        agency=agency_match.group().strip() if agency_match else None,
        span=Span(start, end, text[start:end]),
    )
