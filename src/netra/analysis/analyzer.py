"""The analyzer: one Indonesian text in, a verdict with evidence, subject, law and entities out."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from importlib import resources

from netra import __version__
from netra.analysis.classify import THRESHOLD, RawFinding, find_acts
from netra.analysis.entities import CandidateRegistry, Entities, extract_entities
from netra.analysis.hybrid import Decision, ModelFinding, decide
from netra.analysis.learned import LearnedScorer, Observation, load_scorer
from netra.analysis.lexicon import CUES_FILE, Cue, Lexicon, load_lexicon
from netra.analysis.model import Analysis, Finding, Subject
from netra.analysis.normalize import Token, tokenize
from netra.analysis.spans import Span
from netra.analysis.subjects import Mention, find_mentions
from netra.rulebook import Rulebook, load_rulebook

PILKADA = "pilkada-2024"
PEMILU = "pemilu-2024"
NO_SUBJECT = "none"  # the subject type of a text that tells of no act
# Rulebook subject codes the analyzer reads as another kind: it does not tell a Pj from an elected
# head (the rulebook's acting_regional_head note), so both are `regional_head` here.
ANALYZER_KIND = {"acting_regional_head": "regional_head"}
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
# The supervisors and organisers of the election are named in nearly every report, beside the
# official, but are never the official's employer: they are not read as an agency.
_AGENCY = re.compile(
    r"\b(?!Badan Pengawas|Komisi Pemilihan|Kantor Bawaslu|Kantor KPU)"
    r"(?:Dinas|Badan|Kantor|Biro|Bagian|Sekretariat|Inspektorat|Puskesmas|RSUD|Kecamatan|"
    r"Kelurahan|Desa|Pemerintah|Pemkab|Pemkot|Pemprov|Satpol|Polres|Polsek|Polda|Kodim|Koramil|"
    r"Universitas|SDN?|SMPN?|SMAN?|SMKN?|MTsN?|MAN)"
    r"(?:\s+(?:dan\s+)?[A-Z0-9][\w./-]*){0,5}"
)
# "Kepala Dinas Pariwisata": capitalised words after the office, up to where an agency begins.
_POSITION_TAIL = re.compile(
    r"(?:\s+(?:dan\s+)?(?!(?:Kabupaten|Kota|Provinsi|SDN?|SMPN?|SMAN?|SMKN?|RSUD|Puskesmas)\b)"
    r"[A-Z][\w.-]*){0,4}"
)


ENGINES = ("hybrid", "rules")
DEFAULT_MODE = "balanced"


@dataclass(frozen=True, slots=True)
class Analyzer:
    """The lexicon, rulebook and learned scorer an analysis reads, loaded once and shared.

    `threshold` is the P(incident) at or above which the hybrid calls a text a violation; with
    no scorer (engine "rules") the rules decide alone.
    """

    lexicon: Lexicon
    rulebook: Rulebook
    version: str
    scorer: LearnedScorer | None = None
    threshold: float = 0.5
    # Each act's category and the one kind of official it binds, read from the rulebook once:
    # `decide` asks for them on every flagged text, and the bound kind is a set built from the
    # act's rules (a few microseconds a text). Not fields of `replace`: a copy reads its own.
    _act_categories: dict[str, int] = field(init=False, repr=False, compare=False)
    _bound_kinds: dict[str, str | None] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        acts = self.rulebook.acts
        categories = {code: act.category for code, act in acts.items()}
        object.__setattr__(self, "_act_categories", categories)
        bound = {code: _only_kind(act.rules) for code, act in acts.items()}
        object.__setattr__(self, "_bound_kinds", bound)

    @classmethod
    def default(cls) -> Analyzer:
        return _default_analyzer()

    @classmethod
    def rules_only(cls) -> Analyzer:
        """The bundled rules without the learned scorer (training reads texts through this, so
        it works when the shipped model is stale or missing)."""
        return _rules_analyzer()

    def configured(
        self, *, engine: str = "hybrid", mode: str = DEFAULT_MODE, threshold: float | None = None
    ) -> Analyzer:
        """This analyzer with another engine, operating point (mode) or explicit threshold."""
        if engine not in ENGINES:
            raise ValueError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
        if engine == "rules" or self.scorer is None:
            return replace(self, scorer=None, version=_rules_version(self.version))
        chosen = self.scorer.threshold(mode) if threshold is None else threshold
        return replace(self, threshold=chosen)

    def with_scorer(self, scorer: LearnedScorer) -> Analyzer:
        """These rules with another learned scorer: its version named, its default threshold."""
        version = f"{_rules_version(self.version)}+{scorer.version}"
        return replace(self, scorer=scorer, version=version).configured(mode=DEFAULT_MODE)

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
        observation = self.observe(text, tokens, extra_cues=_candidate_cues(tokens, entities))
        decision = self.decide(observation)
        election_id = election or _election_of(tokens)
        incident_on, date_source = _incident_date(
            _main_sentence(decision, tokens), tokens, entities, date
        )
        findings = self._findings(text, tokens, decision, incident_on, election_id)
        if not decision.is_violation:
            subject = Subject(type=NO_SUBJECT)
            if observation.findings:
                notes.append(
                    f"the rules read {observation.findings[0].act}, but P(incident) "
                    f"{decision.probability:.2f} is below the threshold {self.threshold:.2f}"
                )
        else:
            subject = self._subject_of(text, tokens, decision, observation, entities)
            if decision.model_finding is not None and not decision.findings:
                notes.append(
                    "no rule matched: the learned scorer found an incident; its evidence is the "
                    "sentence and words that carried the score"
                )
        if incident_on is None and findings:
            earlier = sorted({d.date.year for d in entities.dates if d.date.year < FIRST_YEAR})
            if earlier and not date:
                notes.append(
                    f"the text dates from {earlier[-1]}, before the elections the rulebook "
                    "models: today's norms are shown, not those in force then"
                )
            notes.append("incident date unknown: sanctions of both SKB 2022 parts are shown")
        return Analysis(
            is_violation=decision.is_violation,
            bawaslu_category=decision.category,
            subject=subject,
            findings=findings,
            entities=entities,
            date=incident_on,
            date_source=date_source,
            election=election_id,
            analyzer_version=self.version,
            incident_probability=decision.probability,
            rule_acts=tuple(finding.act for finding in observation.findings),
            notes=tuple(notes),
        )

    def observe(
        self,
        text: str,
        tokens: Sequence[Token],
        *,
        extra_cues: Sequence[Cue] = (),
        acts: bool = True,
    ) -> Observation:
        """What the rules see: cues, mentions and the acts at or above their threshold.

        `acts` False skips the act rules: the learned scorer does not read them, so screening,
        which prints no evidence, needs them only when the rules decide alone.
        """
        cues = self.lexicon.find(tokens)
        cues.extend(extra_cues)
        mentions = find_mentions(text, tokens, cues)
        if not acts or not any(mention.is_actor for mention in mentions):
            return Observation(tokens, cues, mentions, [], [])  # no one acts: no act to find
        found = [f for f in find_acts(tokens, cues, mentions, text) if f.score >= THRESHOLD]
        categories = [self.rulebook.category_for(f.act, f.actor.type) for f in found]
        return Observation(tokens, cues, mentions, found, categories)

    def decide(self, observation: Observation, *, explain: bool = True) -> Decision:
        """The verdict of the hybrid (or of the rules alone when there is no scorer)."""
        return decide(
            observation,
            self.scorer,
            self.threshold,
            self._act_category,
            explain=explain,
            bound_by=self._bound_kind,
        )

    def _subject_of(
        self,
        text: str,
        tokens: Sequence[Token],
        decision: Decision,
        observation: Observation,
        entities: Entities,
    ) -> Subject:
        """The decided subject type, with the details the text states near its mention."""
        actors = [f.actor for f in decision.findings if f.actor.type == decision.subject]
        if decision.model_finding is not None and decision.model_finding.actor is not None:
            actors.insert(0, decision.model_finding.actor)
        actors += [m for m in observation.mentions if m.type == decision.subject]
        if not actors:
            return Subject(type=decision.subject)
        return replace(_subject(text, tokens, actors[0], entities), type=decision.subject)

    def _act_category(self, act: str) -> int:
        try:
            return self._act_categories[act]
        except KeyError:
            return self.rulebook.act(act).category  # an unknown code: the error lists the known

    def _bound_kind(self, act: str) -> str | None:
        """The one kind of official the rulebook binds by `act`, as the analyzer names kinds (it
        does not tell an acting head from an elected one); None when it binds several."""
        try:
            return self._bound_kinds[act]
        except KeyError:
            return _only_kind(self.rulebook.act(act).rules)  # an unknown code: the error

    def _findings(
        self,
        text: str,
        tokens: Sequence[Token],
        decision: Decision,
        on: date | None,
        election: str,
    ) -> tuple[Finding, ...]:
        if not decision.is_violation:
            return ()
        rules = tuple(self._finding(text, tokens, item, on, election) for item in decision.findings)
        found, probability = decision.model_finding, decision.probability
        if found is not None and probability is not None:
            model = self._model_finding(text, tokens, found, probability, on, election)
            return (model, *(f for f in rules if f.act != found.act))
        return rules

    def _model_finding(
        self,
        text: str,
        tokens: Sequence[Token],
        found: ModelFinding,
        probability: float,
        on: date | None,
        election: str,
    ) -> Finding:
        return Finding(
            act=found.act,
            bawaslu_category=found.category,
            score=round(probability, 3),
            evidence=tuple(_span(text, tokens, first, last) for first, last in found.evidence),
            subject_type=found.subject,
            applicability=self.rulebook.applicability(found.act, found.subject, on, election),
            source="model",
            carriers=found.carriers,
        )

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
def _rules_analyzer() -> Analyzer:
    cues = resources.files("netra.analysis").joinpath("data", CUES_FILE).read_bytes()
    digest = hashlib.sha256(cues).hexdigest()[:8]
    return Analyzer(load_lexicon(), load_rulebook(), f"{__version__}+cues.{digest}")


@cache
def _default_analyzer() -> Analyzer:
    rules = _rules_analyzer()
    scorer = load_scorer()
    if scorer is None:
        return rules
    return rules.with_scorer(scorer)


def _rules_version(version: str) -> str:
    """The version string without the model part: the rules-only engine names no model."""
    return version.split("+model")[0] if "+model" in version else version


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


def _main_sentence(decision: Decision, tokens: Sequence[Token]) -> int | None:
    """The sentence that tells the main act: the rules' finding, else the model's evidence."""
    if not decision.is_violation:
        return None
    if decision.model_finding is not None:
        evidence = decision.model_finding.evidence
        return tokens[evidence[0][0]].sentence if evidence else None
    return decision.findings[0].sentence


def _incident_date(
    main: int | None,
    tokens: Sequence[Token],
    entities: Entities,
    given: date | None,
) -> tuple[date | None, str | None]:
    """The date stated for the act (its sentence first), else the caller's, else unknown."""
    dates = [d for d in entities.dates if FIRST_YEAR <= d.date.year <= LAST_YEAR]
    if main is not None and dates:
        for mention in dates:
            if _sentence_at(tokens, mention.span.start) == main:
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


def _only_kind(rules: Sequence[tuple[str, object]]) -> str | None:
    """The one kind of official these rules of an act bind, as the analyzer names kinds; None
    when they bind several (or none)."""
    kinds = {ANALYZER_KIND.get(code, code) for code, _ in rules}
    return kinds.pop() if len(kinds) == 1 else None
