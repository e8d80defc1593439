"""The fifteenth analyzer round: stemmed features in story-grouped cross-validation.

Every variant is trained on the folds `netra train` uses (`learned/build.py` `fold_of`, five
folds over train and dev, our rule cases added to every training fold; test is never read) with
the shipped training settings, and each text is read by the fold model that did not learn from
it, windows and all, as `LearnedScorer.read` reads it. Its category and subject are chosen as
`hybrid.decide` chooses them. Prints, per variant, the round table's columns: AUC, best F1 with
precision and recall there, false alarms there, category and subject among all incidents at the
best-F1 threshold and whatever the threshold, then the `balanced` point (the highest threshold
within 0.005 of the best F1). Run from the repository root (some 5-30 minutes a variant):

    .venv/bin/python scripts/morphology_round.py base replace add actsent
    # base:add is P(incident) from the first run, the category and subject from the second
    .venv/bin/python scripts/morphology_round.py --show base replace add actsent base:add
    .venv/bin/python scripts/morphology_round.py --second-stage
    .venv/bin/python scripts/morphology_round.py --fold-prefix L2 base add_uni   # second layout
"""

from __future__ import annotations

import argparse
import math
import pickle
from collections import Counter
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

from netra.analysis import Analyzer
from netra.analysis.corpus import in_split, read_corpus
from netra.analysis.hybrid import VILLAGE, _act, _agreeing_first, _subject
from netra.analysis.learned.build import F1_TOLERANCE, fold_of, scorer_of
from netra.analysis.learned.features import Observation, features, is_one_window, windows
from netra.analysis.learned.training import CATEGORY_C, SEED, Example, _matrix, train
from netra.analysis.normalize import tokenize
from netra.analysis.stemmer import stem
from netra.cli.train import DEFAULT_EXTRA, _extra_texts, _training_text

CORPUS = Path("corpus/real/corpus.jsonl")
WORK = Path("var/morphology-round")
RULES = Analyzer.rules_only()
# Cue concepts that name what was done (not who, nor what kind of sentence).
ACT_CONCEPTS = frozenset(
    """
    post_verb engage_verb photo partisan_symbol attend_verb event team team_role approach
    membership_role membership declare promo props props_verb mobilize_verb mobilize_target
    vote_verb gift ktp independent_path decision decision_partisan facility rotation
    rotation_context support partiality social_media
    """.split()
)
CONFUSABLE = frozenset({2, 4, 9, 10})


def observed() -> dict[str, Any]:
    """The train and dev texts and our rule cases as the rules see them, made once."""
    cache = WORK / "observations.pkl"
    if cache.exists():
        return pickle.loads(cache.read_bytes())  # noqa: S301 - our own file
    items = read_corpus(CORPUS, RULES.rulebook)
    pool = in_split(items, "train") + in_split(items, "dev")
    extra = [text for path in DEFAULT_EXTRA for text in _extra_texts(path, RULES)]

    def observe(text: str) -> Observation:
        return RULES.observe(text, tokenize(text))

    data = {
        "pool": [(_training_text(i), i.story, observe(i.text)) for i in pool],
        "extra": [(t, observe(t.text)) for t in extra],
    }
    WORK.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(pickle.dumps(data))
    return data


def stemmed(o: Observation) -> Observation:
    tokens = [t._replace(form=stem(t.form)) for t in o.tokens]
    return Observation(tokens, o.cues, o.mentions, o.findings, o.categories, o.offset)


def act_sentences(o: Observation) -> set[int]:
    return {o.tokens[c.first - o.offset].sentence for c in o.cues if c.concept in ACT_CONCEPTS}


def f_base(o: Observation) -> Counter[str]:
    return features(o)


def f_replace(o: Observation) -> Counter[str]:
    """Stems instead of the words: unigrams and bigrams of stems."""
    return features(stemmed(o))


def f_add(o: Observation) -> Counter[str]:
    """The words, and beside them the stems' unigrams and bigrams as features of their own."""
    counts = features(o)
    previous, previous_sentence = "", -1
    for token in o.tokens:
        root = stem(token.form)
        counts["s=" + root] += 1
        if token.sentence == previous_sentence:
            counts["t=" + previous + " " + root] += 1
        previous, previous_sentence = root, token.sentence
    return counts


def f_add_unigrams(o: Observation) -> Counter[str]:
    """The words, and beside them the stems alone (no stem bigrams)."""
    counts = features(o)
    for token in o.tokens:
        counts["s=" + stem(token.form)] += 1
    return counts


def f_actsent(o: Observation) -> Counter[str]:
    """The words, and the stems of the sentences where the cue lexicon finds an act."""
    counts = features(o)
    sentences = act_sentences(o)
    for token in o.tokens:
        if token.sentence in sentences:
            counts["k=" + stem(token.form)] += 1
    return counts


def f_actsent_only(o: Observation) -> Counter[str]:
    """The rules' signals and the stems of the act sentences, without the whole text's words."""
    counts = Counter({k: v for k, v in features(o).items() if not k.startswith(("w=", "b="))})
    sentences = act_sentences(o)
    for token in o.tokens:
        if token.sentence in sentences:
            counts["k=" + stem(token.form)] += 1
    return counts


FEATURES: dict[str, Callable[[Observation], Counter[str]]] = {
    "base": f_base,
    "replace": f_replace,
    "add": f_add,
    "add_uni": f_add_unigrams,
    "actsent": f_actsent,
    "actsent_only": f_actsent_only,
}


def read(scorer: Any, o: Observation, f: Callable[[Observation], Counter[str]]) -> Any:
    """As `LearnedScorer.read`, with the features named by `f`."""
    if not o.mentions:
        return None
    best = None
    for _, window in [(0, o)] if is_one_window(o) else windows(o):
        vector = scorer.vectorize(f(window))
        probability = scorer.incident(vector)
        if best is None or probability > best[0]:
            best = (probability, vector)
    return best


def heads(scorer: Any, o: Observation, vector: Any) -> tuple[int, str]:
    """Category and subject as `hybrid.decide` chooses them for a positive verdict."""
    scores = scorer.score(vector)
    subject = _subject(o.mentions, scores.subject)
    act, category = _act(scores.category, scores.act, subject, RULES._act_category)
    agreeing = _agreeing_first(o, category)
    ruled = bool(agreeing) and agreeing[0][1] == category
    implied = RULES._bound_kind(agreeing[0][0].act if ruled else act)
    if implied is not None and subject not in VILLAGE:
        subject = implied
    return category, subject


def cross_validate(name: str, prefix: str = "") -> None:
    """`prefix` before each story key gives another fold layout ("L2" was the round's second)."""
    data = observed()
    pool, extra, f = data["pool"], data["extra"], FEATURES[name]
    folds = [fold_of(prefix + story) for _, story, _ in pool]
    examples = [Example(f(o), t.is_violation, t.category, t.subject, t.act) for t, _, o in pool]
    extras = [Example(f(o), t.is_violation, t.category, t.subject, t.act) for t, o in extra]
    out: list[tuple[float, int | None, str | None]] = [(0.0, None, None)] * len(pool)
    for k in range(5):
        kept = [e for e, fold in zip(examples, folds, strict=True) if fold != k]
        scorer = scorer_of(train(kept + extras), {"name": "fold", "thresholds": {}})
        for i, fold in enumerate(folds):
            if fold == k:
                reading = read(scorer, pool[i][2], f)
                if reading is not None:
                    out[i] = (reading[0], *heads(scorer, pool[i][2], reading[1]))
        print(name, "fold", k, "done", flush=True)
    (WORK / f"oof_{name}{prefix}.pkl").write_bytes(pickle.dumps(out))


def figures(probabilities: list[float], categories: list[Any], subjects: list[Any]) -> str:
    pool = observed()["pool"]
    gold = np.array([t.is_violation for t, _, _ in pool])
    gold_category = [t.category for t, _, _ in pool]
    gold_subject = [t.subject for t, _, _ in pool]
    scores = np.array(probabilities)
    ranked = sorted(set(probabilities))
    cuts = [0.0] + [(a + b) / 2 for a, b in pairwise(ranked)] + [1.0]
    rows = []
    for cut in cuts:
        flagged = scores >= cut
        tp = int((flagged & gold).sum())
        precision = tp / int(flagged.sum()) if flagged.any() else 1.0
        recall = tp / int(gold.sum())
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        rows.append((cut, precision, recall, f1))
    best = max(rows, key=lambda row: row[3])
    balanced = max((r for r in rows if r[3] >= best[3] - F1_TOLERANCE), key=lambda r: r[0])
    incidents = np.where(gold)[0]
    negatives = np.where(~gold)[0]

    def at(cut: float) -> tuple[float, float, float]:
        flagged = scores >= cut
        category = np.mean([flagged[i] and categories[i] == gold_category[i] for i in incidents])
        subject = np.mean([flagged[i] and subjects[i] == gold_subject[i] for i in incidents])
        return float(category), float(subject), float(flagged[negatives].mean())

    category_any = np.mean([categories[i] == gold_category[i] for i in incidents])
    subject_any = np.mean([subjects[i] == gold_subject[i] for i in incidents])
    c, s, fa = at(best[0])
    bc, bs, bfa = at(balanced[0])
    return (
        f"AUC {roc_auc_score(gold, scores):.4f} | best F1 {best[3]:.4f} (P {best[1]:.3f} / "
        f"R {best[2]:.3f}) | false alarms {fa:.1%} | category {c:.3f} / {category_any:.3f} | "
        f"subject {s:.3f} / {subject_any:.3f} || balanced {balanced[0]:.3f}: P {balanced[1]:.3f} "
        f"R {balanced[2]:.3f} F1 {balanced[3]:.3f} category {bc:.3f} subject {bs:.3f} "
        f"false alarms {bfa:.1%}"
    )


def show(spec: str) -> None:
    """`name`, or `incident:heads` for P(incident) of one run and the heads of another."""
    first, _, second = spec.partition(":")
    a = pickle.loads((WORK / f"oof_{first}.pkl").read_bytes())  # noqa: S301 - our own file
    b = pickle.loads((WORK / f"oof_{second or first}.pkl").read_bytes())  # noqa: S301
    print(spec, figures([x[0] for x in a], [x[1] for x in b], [x[2] for x in b]))


def second_stage(feature: str, c: float, margin: float | None) -> None:
    """Over the base run's folds: where the category head says 2, 4, 9 or 10, a classifier
    trained on the training folds' incidents of those four categories only decides among them
    (with `margin`, only when it prefers another by that much probability)."""
    data = observed()
    pool, extra, f = data["pool"], data["extra"], FEATURES[feature]
    base = pickle.loads((WORK / "oof_base.pkl").read_bytes())  # noqa: S301 - our own file
    folds = [fold_of(story) for _, story, _ in pool]
    counts = [f(o) for _, _, o in pool]
    extra_counts = [f(o) for _, o in extra]
    categories = [x[1] for x in base]
    chosen = list(categories)

    def eligible(t: Any) -> bool:
        return bool(t.is_violation and t.category in CONFUSABLE and t.subject not in VILLAGE)

    for k in range(5):
        rows = [i for i in range(len(pool)) if folds[i] != k and eligible(pool[i][0])]
        extra_rows = [j for j, (t, _) in enumerate(extra) if eligible(t)]
        training = [counts[i] for i in rows] + [extra_counts[j] for j in extra_rows]
        labels = [pool[i][0].category for i in rows] + [extra[j][0].category for j in extra_rows]
        seen: Counter[str] = Counter()
        for row in training:
            seen.update(row.keys())
        vocabulary = sorted(name for name, n in seen.items() if n >= 2)
        index = {name: i for i, name in enumerate(vocabulary)}
        n = len(training)
        idf = np.array([math.log((1 + n) / (1 + seen[v])) + 1 for v in vocabulary], "float32")
        model = LogisticRegression(
            C=c, class_weight="balanced", max_iter=5000, random_state=SEED
        ).fit(_matrix(training, index, idf), labels)
        classes = [int(x) for x in model.classes_]
        scored = [i for i in range(len(pool)) if folds[i] == k and categories[i] in CONFUSABLE]
        if not scored:
            continue
        probabilities = model.predict_proba(_matrix([counts[i] for i in scored], index, idf))
        for i, p in zip(scored, probabilities, strict=True):
            best = int(np.argmax(p))
            if margin is None or p[best] - p[classes.index(categories[i])] >= margin:
                chosen[i] = classes[best]
    print(
        f"base + second stage [{feature}, C {c:g}, margin {margin}]",
        figures([x[0] for x in base], chosen, [x[2] for x in base]),
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("runs", nargs="*", help="variants to cross-validate (or to show)")
    parser.add_argument("--show", action="store_true", help="print the figures of runs made")
    parser.add_argument("--second-stage", action="store_true")
    parser.add_argument(
        "--fold-prefix", default="", help="another fold layout; shown as e.g. baseL2, add_uniL2"
    )
    args = parser.parse_args()
    if args.second_stage:
        for feature in ("actsent_only", "replace"):
            for c in (4.0, CATEGORY_C):
                for margin in (None, 0.2):
                    second_stage(feature, c, margin)
        return
    for run in args.runs:
        show(run) if args.show else cross_validate(run, args.fold_prefix)


if __name__ == "__main__":
    main()
