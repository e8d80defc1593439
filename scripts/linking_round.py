"""The sixteenth analyzer round: the category and subject errors, and reading across sentences.

Builds on round 15's harness (`morphology_round.py`: the folds of `netra train`, our rule cases in
every training fold, the shipped settings, long texts read in windows). Each text's fold model
gives its P(incident) and its category, subject and act distributions; they are kept, so the
decision levers (which category, which subject) are scored without training again:

    .venv/bin/python scripts/linking_round.py cv base          # the distributions (5-10 min)
    .venv/bin/python scripts/linking_round.py cv linked        # the links as features
    .venv/bin/python scripts/linking_round.py levers base      # the decision levers' figures
    .venv/bin/python scripts/linking_round.py errors base cat 0 40    # read errors at `balanced`
    .venv/bin/python scripts/linking_round.py errors base subject 0 40

The observations are cached by the code that made them: run `cv` again after changing the rules.
The errors read in the round were drawn (seed 16) before the `unknown` rule of `hybrid._subject`
was in the code; with it, the subject sample differs by a few texts.
"""

from __future__ import annotations

import argparse
import pickle
import random
import sys
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import morphology_round as harness

from netra.analysis.hybrid import (
    CIVIL_SERVANTS,
    FIRST_ACTOR_SHARE,
    UNNAMED,
    VILLAGE,
    _act,
    _agreeing_first,
    _subject,
)
from netra.analysis.learned.build import fold_of, scorer_of
from netra.analysis.learned.features import Observation, features
from netra.analysis.learned.training import Example, train
from netra.analysis.linking import act_actors, speakers

harness.WORK = Path("var/linking-round")
BALANCED = 0.527  # model.a0f3cf03's `balanced` point, where the errors were read
SAMPLE_SEED = 16


def f_linked(o: Observation) -> Counter[str]:
    """The shipped features, and the officials each act's sentence is about, and the speakers."""
    counts = features(o)
    linked = act_actors(o.tokens, o.cues, o.mentions, o.offset)
    for mention in linked:
        counts[f"linked={mention.type}"] = 1
    if linked:
        counts[f"first_linked={linked[0].type}"] = 1
    for mention, speaking in zip(o.mentions, speakers(o.tokens, o.mentions, o.offset), strict=True):
        if speaking:
            counts[f"speaker={mention.type}"] = 1
    return counts


FEATURES: dict[str, Callable[[Observation], Counter[str]]] = {
    "base": features,
    "linked": f_linked,
}


def cross_validate(name: str) -> None:
    data = harness.observed()
    pool, extra, f = data["pool"], data["extra"], FEATURES[name]
    folds = [fold_of(story) for _, story, _ in pool]
    examples = [Example(f(o), t.is_violation, t.category, t.subject, t.act) for t, _, o in pool]
    extras = [Example(f(o), t.is_violation, t.category, t.subject, t.act) for t, o in extra]
    out: list[Any] = [None] * len(pool)
    for k in range(5):
        kept = [e for e, fold in zip(examples, folds, strict=True) if fold != k]
        scorer = scorer_of(train(kept + extras), {"name": "fold", "thresholds": {}})
        for i, fold in enumerate(folds):
            if fold == k:
                reading = harness.read(scorer, pool[i][2], f)
                if reading is not None:
                    s = scorer.score(reading[1])
                    out[i] = (reading[0], dict(s.category), dict(s.subject), dict(s.act))
        print(name, "fold", k, "done", flush=True)
    (harness.WORK / f"dist_{name}.pkl").write_bytes(pickle.dumps(out))


def choose_subject(o: Observation, dist: Mapping[str, float], lever: str) -> str:
    """`hybrid._subject` (as shipped) or one of the round's variants of it."""
    if lever in ("shipped", "rules_first"):
        return _subject(o.mentions, dist)
    mentions = list(o.mentions)
    spoken = (
        speakers(o.tokens, mentions, o.offset) if lever == "speakers" else [False] * len(mentions)
    )
    named = {m.type for m, s in zip(mentions, spoken, strict=True) if not m.is_former and not s}
    named = named or {m.type for m in mentions if not m.is_former}
    if lever == "objects" and any(m.is_actor for m in mentions):
        named = {m.type for m in mentions if not m.is_former and not m.is_object} or named
    if len(named) > 1:
        named.discard(UNNAMED)
    if len(named) == 1:
        chosen: str | None = next(iter(named))
        if chosen not in dist:
            chosen = None
    else:
        ranked = sorted(dist.items(), key=lambda pair: pair[1], reverse=True)
        chosen = next((kind for kind, _ in ranked if kind in named), None)
    if chosen is None:
        return max(dist, key=dist.__getitem__) if dist else "unknown"
    acting = [
        m.type
        for m, s in zip(mentions, spoken, strict=True)
        if m.is_actor and not m.is_former and not m.is_object and not s
    ]
    acting = [kind for kind in acting if kind != UNNAMED] or acting
    if lever == "linked":
        links = [m.type for m in act_actors(o.tokens, o.cues, mentions, o.offset)]
        links = [kind for kind in links if kind != UNNAMED] or links
        acting = links + [kind for kind in acting if kind not in links]
    if chosen in CIVIL_SERVANTS:
        if lever == "first_civil_servant":
            chosen = next((kind for kind in acting if kind in CIVIL_SERVANTS), chosen)
        else:
            chosen = next((kind for kind in CIVIL_SERVANTS if kind in acting), chosen)
    if lever == "pppk" and chosen == "asn" and "pppk" in acting:
        chosen = "pppk"
    if not acting or acting[0] == chosen:
        return chosen
    first = acting[0]
    if first in CIVIL_SERVANTS and chosen in CIVIL_SERVANTS:
        return chosen
    if dist.get(first, 0.0) >= FIRST_ACTOR_SHARE * dist.get(chosen, 0.0):
        return first
    return chosen


def decisions(
    name: str, lever: str = "shipped", rule_share: float | None = None
) -> tuple[list[float], list[Any], list[Any]]:
    """P(incident), category and subject of every text, as `hybrid.decide` with `lever`."""
    pool = harness.observed()["pool"]
    dist = pickle.loads((harness.WORK / f"dist_{name}.pkl").read_bytes())  # noqa: S301
    probabilities: list[float] = []
    categories: list[Any] = []
    subjects: list[Any] = []
    for (_, _, o), reading in zip(pool, dist, strict=True):
        if reading is None:
            probabilities.append(0.0)
            categories.append(None)
            subjects.append(None)
            continue
        p, category_dist, subject_dist, act_dist = reading
        subject = choose_subject(o, subject_dist, lever)
        act, category = _act(category_dist, act_dist, subject, harness.RULES._act_category)
        agreeing = _agreeing_first(o, category)
        if rule_share is not None and o.findings and subject not in VILLAGE:
            ruled_category = o.categories[0]
            best = max(category_dist.values())
            if category_dist.get(str(ruled_category), 0.0) >= rule_share * best:
                category = ruled_category
                agreeing = _agreeing_first(o, category)
        ruled = bool(agreeing) and agreeing[0][1] == category
        implied = harness.RULES._bound_kind(agreeing[0][0].act if ruled else act)
        if implied is not None and subject not in VILLAGE:
            subject = implied
        probabilities.append(p)
        categories.append(category)
        subjects.append(subject)
    return probabilities, categories, subjects


def levers(name: str) -> None:
    for lever in ("shipped", "linked", "speakers", "objects", "pppk", "first_civil_servant"):
        print(lever, harness.figures(*decisions(name, lever)), flush=True)
    for share in (0.3, 0.5, 0.7, 0.9):
        print(f"rules' category at {share}", harness.figures(*decisions(name, rule_share=share)))


def errors(name: str, kind: str, low: int, high: int) -> None:
    """A seeded random sample of the category or subject errors among incidents found at
    `balanced`, shown with what the rules saw."""
    pool = harness.observed()["pool"]
    probabilities, categories, subjects = decisions(name)
    found = [
        i
        for i, (t, _, _) in enumerate(pool)
        if t.is_violation and probabilities[i] >= BALANCED and categories[i] is not None
    ]
    wrong = [
        i
        for i in found
        if (categories[i] if kind == "cat" else subjects[i])
        != (pool[i][0].category if kind == "cat" else pool[i][0].subject)
    ]
    print(f"{len(found)} incidents found, {len(wrong)} with the {kind} wrong")
    sample = random.Random(SAMPLE_SEED).sample(wrong, min(130, len(wrong)))  # noqa: S311
    for i in sample[low:high]:
        t, _, o = pool[i]
        print(f"=== #{i} gold c{t.category} {t.subject} {t.act} | c{categories[i]} {subjects[i]}")
        print("  officials:", "; ".join(_mention(o, m) for m in o.mentions)[:300])
        found_acts = zip(o.findings, o.categories, strict=True)
        print("  rules:", "; ".join(f"{f.act}/{c}@s{f.sentence}" for f, c in found_acts))
        print("  text:", t.text.replace("\n", " / ")[:900])


def _mention(o: Observation, m: Any) -> str:
    words = " ".join(token.form for token in o.tokens[m.first : m.last + 1])
    flags = ("A" if m.is_actor else "-") + ("S" if m.is_specific else "-")
    return f"{m.type}@s{m.sentence}:{words}[{flags}{'O' if m.is_object else ''}]"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("command", choices=("cv", "levers", "errors"))
    parser.add_argument("name", choices=sorted(FEATURES))
    parser.add_argument("rest", nargs="*")
    args = parser.parse_args(argv)
    harness.WORK.mkdir(parents=True, exist_ok=True)
    if args.command == "cv":
        cross_validate(args.name)
    elif args.command == "levers":
        levers(args.name)
    else:
        kind, low, high = args.rest
        errors(args.name, kind, int(low), int(high))


if __name__ == "__main__":
    main()
