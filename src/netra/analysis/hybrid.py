"""Rules and the learned scorer together: who decides what.

The model decides whether the text tells of an incident: it reads the words and the rules'
signals, and was trained on real published texts where the rules alone miss half the incidents.
When it says yes, the rules name the act, category and subject if they found one (they are right
about three times in four when they fire); where they are silent, the model's heads do, and the
sentence and words that carried its score stand as evidence. With no model, the rules decide
alone, as they did before.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter

import numpy as np

from netra.analysis.classify import RawFinding
from netra.analysis.frozen import quick_init
from netra.analysis.learned.features import BIGRAM, VILLAGE, WORD, Observation
from netra.analysis.learned.scorer import LearnedScorer, Vector
from netra.analysis.subjects import Mention

CIVIL_SERVANTS = ("pns", "asn")  # in this order: a named PNS office settles an "ASN"
VILLAGE_CATEGORY = 5
NO_SUBJECT = "none"
# An official whose office the text does not give ("oknum pejabat", a state car's user): the
# subject only when the text names no office (docs/labelling.md, "Pejabat alone is enough").
UNNAMED = "unknown"
EVIDENCE_WORDS = 3  # words of the carrying sentence shown as evidence beside it
CARRIERS = 8  # features listed as what carried a model-only verdict
FIRST_ACTOR_SHARE = 0.25
_PROBABILITY = itemgetter(1)  # of a (class, probability) pair


@quick_init
@dataclass(frozen=True, slots=True)
class ModelFinding:
    """An act the model reads where no rule fired: its evidence is what carried the score."""

    act: str
    category: int
    subject: str
    actor: Mention | None
    evidence: tuple[tuple[int, int], ...]  # token ranges: the sentence, then its key words
    carriers: tuple[tuple[str, float], ...]


@quick_init
@dataclass(frozen=True, slots=True)
class Decision:
    """The combined verdict on one text."""

    is_violation: bool
    probability: float | None  # P(incident) from the model; None when the rules decided alone
    category: int | None
    subject: str
    findings: tuple[RawFinding, ...]  # the rules' findings, those in `category` first
    model_finding: ModelFinding | None = None  # the main act when no rule finding is in `category`

    @property
    def acts(self) -> tuple[str, ...]:
        rules = tuple(finding.act for finding in self.findings)
        if self.model_finding is None:
            return rules
        main = self.model_finding.act
        if not rules:  # screening reads no act rules: the model's act alone
            return (main,)
        return (main, *(act for act in rules if act != main))


def decide(
    observation: Observation,
    scorer: LearnedScorer | None,
    threshold: float,
    category_for: Callable[[str], int],
    *,
    explain: bool = True,
    bound_by: Callable[[str], str | None] = lambda act: None,
) -> Decision:
    """The verdict: the model's P(incident) against `threshold`, acts and subject as above.

    `explain` False skips the evidence of a model-only finding (screening prints none).
    `bound_by` names the one kind of official an act can be done by, if the law binds only one:
    replacing officials in the Pasal 71(2) window is a regional head's act even where the text
    names the officials replaced and not the head (the labelling guide's "subject the law
    implies"); the words then point at the PNS acted on.
    """
    found = tuple(observation.findings)
    if scorer is None:
        return _by_rules(observation, found)
    reading = scorer.read(observation)
    if reading is None:  # no official is named: nothing to score (as the prefilter)
        return Decision(False, None, None, NO_SUBJECT, ())
    probability, offset, window, vector = reading
    if probability < threshold:
        return Decision(False, probability, None, NO_SUBJECT, ())
    ranking = None if explain else scorer.ranking(vector)
    carriers: tuple[tuple[str, float], ...] = ()
    if ranking is not None:  # screening: the heads' order without most of their softmax
        subject = _subject(observation.mentions, ranking.subject)
        act, category = _act_in_order(ranking.category, ranking.acts, subject, category_for)
    else:
        scores = scorer.score(vector, explain=CARRIERS if explain else 0)
        subject = _subject(observation.mentions, scores.subject)
        act, category = _act(scores.category, scores.act, subject, category_for)
        carriers = scores.carriers
    agreeing = _agreeing_first(observation, category)
    ruled = bool(agreeing) and agreeing[0][1] == category
    implied = bound_by(agreeing[0][0].act if ruled else act)
    if implied is not None and subject not in VILLAGE:
        subject = implied
    if ruled:
        return Decision(True, probability, category, subject, tuple(f for f, _ in agreeing))
    actor = _actor(window.mentions, subject)
    evidence = (
        tuple((offset + a, offset + b) for a, b in _evidence(window, scorer, vector))
        if explain
        else ()
    )
    finding = ModelFinding(act, category, subject, actor, evidence, carriers)
    return Decision(True, probability, category, subject, tuple(f for f, _ in agreeing), finding)


def _agreeing_first(observation: Observation, category: int) -> list[tuple[RawFinding, int]]:
    """The rules' findings with their categories, those in the model's category first."""
    if not observation.findings and not observation.categories:
        return []  # screening runs no act rules
    paired = list(zip(observation.findings, observation.categories, strict=True))
    return sorted(paired, key=lambda pair: pair[1] != category)


def _by_rules(observation: Observation, found: tuple[RawFinding, ...]) -> Decision:
    if not found:
        return Decision(False, None, None, NO_SUBJECT, ())
    return Decision(True, None, observation.categories[0], found[0].actor.type, found)


def _subject(mentions: Sequence[Mention], distribution: Mapping[str, float]) -> str:
    """The head's best subject among the kinds the text names; any kind if it names none.

    Where officials of several kinds act, the labelling guide takes the first one the text
    accuses: the first kind named as acting wins when the head gives it at least
    FIRST_ACTOR_SHARE of the best kind's probability (0.15-0.4 did equally well in
    cross-validation, better than the head alone). Between PNS and ASN the text decides, as
    Bawaslu reads it: a PNS-only office (camat, kepala dinas) named as one who acts makes a PNS;
    "ASN" alone stays ASN, since a PPPK is ASN too. An office named only as the one summoned or
    told to act settles nothing. An official whose office is not told (UNNAMED: a state car's
    user, "oknum pejabat") yields to any office the text names: "mobil dinas ... oknum ASN" is
    about the ASN (round 16: 6 subjects right, 1 wrong, of 3,399 incidents).
    """
    named = {m.type for m in mentions if not m.is_former}
    if UNNAMED in named and len(named) > 1:
        named.discard(UNNAMED)
    chosen: str | None
    if len(named) == 1:  # most texts name one kind: it is the best of those named, if a class
        (chosen,) = named
        if chosen not in distribution:
            chosen = None
    else:
        ranked = sorted(distribution.items(), key=_PROBABILITY, reverse=True)  # stable
        chosen = next((subject for subject, _ in ranked if subject in named), None)
    if chosen is None:
        # The most probable kind, the first of equals (as the stable sort would rank it).
        return max(distribution, key=distribution.__getitem__) if distribution else "unknown"
    acting = [m.type for m in mentions if m.is_actor and not m.is_former and not m.is_object]
    if UNNAMED in acting:
        acting = [kind for kind in acting if kind != UNNAMED] or acting
    if chosen in CIVIL_SERVANTS:
        chosen = next((kind for kind in CIVIL_SERVANTS if kind in acting), chosen)
    if not acting or acting[0] == chosen:
        return chosen
    first = acting[0]
    if first in CIVIL_SERVANTS and chosen in CIVIL_SERVANTS:
        return chosen
    if distribution.get(first, 0.0) >= FIRST_ACTOR_SHARE * distribution.get(chosen, 0.0):
        return first
    return chosen


def _act(
    categories: Mapping[str, float],
    acts: Mapping[str, float],
    subject: str,
    category_for: Callable[[str], int],
) -> tuple[str, int]:
    """The best category (5 for village officials), then the best act counted in it."""
    ranked_acts = [act for act, _ in sorted(acts.items(), key=_PROBABILITY, reverse=True)]
    best_category = max(categories.items(), key=_PROBABILITY)[0]
    return _act_in_order(best_category, ranked_acts, subject, category_for)


def _act_in_order(
    best_category: str,
    ranked_acts: Sequence[str],
    subject: str,
    category_for: Callable[[str], int],
) -> tuple[str, int]:
    """As `_act`, from the most probable category and the acts from most to least probable."""
    if subject in VILLAGE:
        return ranked_acts[0], VILLAGE_CATEGORY
    category = int(best_category)
    for act in ranked_acts:
        if category_for(act) == category:
            return act, category
    return ranked_acts[0], category


def _actor(mentions: Sequence[Mention], subject: str) -> Mention | None:
    of_kind = [m for m in mentions if m.type == subject and not m.is_former]
    acting = [m for m in of_kind if m.is_actor]
    chosen = acting or of_kind
    return chosen[0] if chosen else None


def _evidence(
    observation: Observation, scorer: LearnedScorer, vector: Vector
) -> tuple[tuple[int, int], ...]:
    """The sentence whose words carried P(incident) most, and its strongest words."""
    tokens = observation.tokens
    if not tokens:
        return ()
    weights = scorer.contributions(vector)
    carried = {name: float(w) for name, w in zip(vector.names, weights, strict=True)}
    per_token = np.zeros(len(tokens), dtype=np.float32)
    for position, token in enumerate(tokens):
        per_token[position] += carried.get(WORD + token.form, 0.0)
        if position and tokens[position - 1].sentence == token.sentence:
            pair = carried.get(f"{BIGRAM}{tokens[position - 1].form} {token.form}", 0.0)
            per_token[position] += pair / 2
            per_token[position - 1] += pair / 2
    by_sentence: dict[int, float] = {}
    for position, token in enumerate(tokens):
        by_sentence[token.sentence] = by_sentence.get(token.sentence, 0.0) + float(
            per_token[position]
        )
    best = max(by_sentence, key=lambda sentence: by_sentence[sentence])
    inside = [i for i, token in enumerate(tokens) if token.sentence == best]
    words = sorted(inside, key=lambda i: -per_token[i])[:EVIDENCE_WORDS]
    return ((inside[0], inside[-1]), *sorted((i, i) for i in words if per_token[i] > 0))
