"""Research (monitoring-35): can word-level pair features, or a small model trained here on them,
join edited, spun and retold copies that the grouping rules leave apart, without wrong joins?

Not part of the ingest path: nothing in `src/` calls it. It measures, for each labelled set it
can read as text, the pairs that main's grouping leaves apart and a signal would reach:

- "gained": pairs of one labelled group (true copies) that the grouping left apart and the
  signal reaches;
- "wrong": pairs of two labelled groups (for the real corpus: two story labels) that the
  grouping left apart and the signal reaches.

The signals are computed from each text's content words (normalised as grouping normalises,
three letters or more, outside a short list of function words, not numbers), stemmed by
`netra.analysis.stemmer.stem` so "menegaskan" and "ditegaskan" meet:

- `c2`: containment of content-word bigrams (the share of the smaller text's bigrams of
  consecutive content words found in the other): word order survives an edit, function words
  and affixes may not;
- `c3`: the same for trigrams;
- `cos`: tf-idf cosine of the stems (idf from the corpus's train and dev texts);
- `c1`: containment of the sets of stems;
- `names`: Jaccard of the capitalised words and numbers of the raw texts (who, where, how many);
- `model`: a logistic regression over those five, trained on the corpus's candidate pairs with
  "same story label" as the target, scored on the corpus by story-grouped cross-validation (each
  story's pairs predicted by a model that saw none of its pairs) and on the other sets by a model
  trained on all corpus pairs. The held-out sets' pairs are never trained on.

Corpus pairs are candidates only: pairs sharing at least two content bigrams that at most 30
texts hold (the other pairs score near zero on every signal). The corpus is read from its train
and dev splits only (the test split stays frozen for the analyzer).

    .venv/bin/python bench/monitoring_paraphrase.py --passages /tmp/mon35/h15/passages.jsonl
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import re
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from netra.analysis.stemmer import stem
from netra.monitoring.core.evaluate import LabelledItem, group_labelled, load_labelled_set
from netra.monitoring.core.grouping import normalise

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus" / "real" / "corpus.jsonl"
GENERATED = ROOT / "tests" / "monitoring" / "data" / "reposts.jsonl"
FEATURES = ("c2", "c3", "cos", "c1", "names")
FUNCTION_WORDS = frozenset(
    """yang dan di ke dari untuk dengan pada dalam ini itu juga tidak akan atau oleh karena
    sebagai ada adalah bahwa agar bagi para saat secara telah sudah harus dapat bisa serta lebih
    tersebut kata ujar ucap ungkap jelas tegas katanya ia dia kami kita saya mereka nya pun hal
    hingga antara maupun namun jika kalau sebelum setelah masih belum lagi menurut kepada sangat
    hanya atas tak tetap sejak sampai tentang begitu apa siapa mana""".split()
)
RARE_BIGRAM_TEXTS = 30  # a candidate bigram is held by at most this many corpus texts
CANDIDATE_SHARED = 2
FOLDS = 5
_NAME = re.compile(r"\b(?:[A-Z][a-zA-Z]{2,}|\d[\d.,]*\d|\d)\b")


@dataclass(frozen=True, slots=True)
class Text:
    id: str
    label: str  # the labelled group (a set) or story (the corpus)
    words: tuple[str, ...]  # stemmed content words, in order
    names: frozenset[str]


def content_words(text: str) -> tuple[str, ...]:
    """The stemmed content words of a text, in order (module docstring)."""
    return tuple(
        stem(word)
        for word in normalise(text).split()
        if len(word) >= 3 and word not in FUNCTION_WORDS and not word.isdigit()
    )


def make_text(id_: str, label: str, text: str) -> Text:
    return Text(id_, label, content_words(text), frozenset(_NAME.findall(text)))


def ngrams(words: Sequence[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def containment(a: set[tuple[str, ...]], b: set[tuple[str, ...]]) -> float:
    smaller = min(len(a), len(b))
    return len(a & b) / smaller if smaller else 0.0


def features(a: Text, b: Text, idf: dict[str, float]) -> list[float]:
    ta, tb = Counter(a.words), Counter(b.words)
    default = max(idf.values())
    dot = sum(ta[w] * tb[w] * idf.get(w, default) ** 2 for w in ta.keys() & tb.keys())
    na = math.sqrt(sum((n * idf.get(w, default)) ** 2 for w, n in ta.items()))
    nb = math.sqrt(sum((n * idf.get(w, default)) ** 2 for w, n in tb.items()))
    sa, sb = set(a.words), set(b.words)
    union = a.names | b.names
    return [
        containment(ngrams(a.words, 2), ngrams(b.words, 2)),
        containment(ngrams(a.words, 3), ngrams(b.words, 3)),
        dot / (na * nb) if na and nb else 0.0,
        len(sa & sb) / min(len(sa), len(sb)) if sa and sb else 0.0,
        len(a.names & b.names) / len(union) if union else 0.0,
    ]


def corpus_texts() -> list[Text]:
    out = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["split"] != "test":
            out.append(make_text(record["id"], record["story"], record["text"]))
    return out


def corpus_candidates(texts: Sequence[Text]) -> list[tuple[int, int]]:
    bigram_sets = [ngrams(t.words, 2) for t in texts]
    held = Counter(gram for grams in bigram_sets for gram in grams)
    holders: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for index, grams in enumerate(bigram_sets):
        for gram in grams:
            if held[gram] <= RARE_BIGRAM_TEXTS:
                holders[gram].append(index)
    shared: Counter[tuple[int, int]] = Counter()
    for indices in holders.values():
        shared.update(itertools.combinations(indices, 2))
    return sorted(pair for pair, n in shared.items() if n >= CANDIDATE_SHARED)


def joined_by_main(items: Sequence[LabelledItem]) -> dict[str, str]:
    """Item -> group as this tree's grouping puts the items in order, merging on (as the ingest
    runs): the joins the signals are measured beyond."""
    return group_labelled(items)


@dataclass(frozen=True, slots=True)
class PairSet:
    name: str
    x: np.ndarray  # features of the pairs main's grouping left apart
    same: np.ndarray  # the pair is of one label
    true_pairs: int  # all true pairs of the set (joined or not)
    joined_true: int  # true pairs main's grouping joined


def pair_set(
    name: str,
    texts: Sequence[Text],
    pairs: Iterable[tuple[int, int]],
    grouped: dict[str, str],
    idf: dict[str, float],
) -> PairSet:
    rows, same = [], []
    for i, j in pairs:
        a, b = texts[i], texts[j]
        if grouped[a.id] == grouped[b.id]:
            continue
        rows.append(features(a, b, idf))
        same.append(a.label == b.label)
    sizes = Counter(t.label for t in texts)
    true_pairs = sum(n * (n - 1) // 2 for n in sizes.values())
    joined = Counter((t.label, grouped[t.id]) for t in texts)
    joined_true = sum(n * (n - 1) // 2 for n in joined.values())
    return PairSet(
        name,
        np.array(rows, dtype=float).reshape(-1, len(FEATURES)),
        np.array(same, dtype=bool),
        true_pairs,
        joined_true,
    )


def report(sets: Sequence[PairSet], scores: dict[str, np.ndarray]) -> None:
    columns = [(f, i) for i, f in enumerate(FEATURES)] + [("model", -1)]
    for feature, index in columns:
        print(f"\n{feature}: gained / wrong (pairs main's grouping left apart)")
        for threshold in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
            cells = []
            for s in sets:
                value = scores[s.name] if index < 0 else s.x[:, index]
                hit = value >= threshold
                cells.append(f"{s.name} +{int((hit & s.same).sum())}/-{int((hit & ~s.same).sum())}")
            print(f"  >= {threshold:.1f}: " + "  ".join(cells))


def grid(sets: Sequence[PairSet]) -> None:
    """Every conjunction of two signals at thresholds 0.3-0.9: the settings that reach a true
    pair left apart on some set and no cross-label pair on any, then the five with most gains."""
    thresholds = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
    results = []
    for (i, f), (j, g) in itertools.combinations(enumerate(FEATURES), 2):
        for ti, tj in itertools.product(thresholds, thresholds):
            gained = wrong = 0
            cells = []
            for s in sets:
                hit = (s.x[:, i] >= ti) & (s.x[:, j] >= tj)
                plus, minus = int((hit & s.same).sum()), int((hit & ~s.same).sum())
                gained, wrong = gained + plus, wrong + minus
                cells.append(f"{s.name} +{plus}/-{minus}")
            results.append((wrong, -gained, f"{f}>={ti} & {g}>={tj}: " + "  ".join(cells)))
    clean = [r for r in results if r[0] == 0 and r[1] < 0]
    print(f"\nconjunctions of two signals: {len(clean)} of {len(results)} gain with no wrong pair")
    for _, _, line in sorted(clean)[:10]:
        print("  " + line)
    print("most gains whatever the wrong pairs:")
    for _, _, line in sorted(results, key=lambda r: (r[1], r[0]))[:5]:
        print("  " + line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--passages",
        type=Path,
        action="append",
        default=[],
        help="a labelled set's passages with their text (id, group, text)",
    )
    args = parser.parse_args()
    started = time.process_time()
    corpus = corpus_texts()
    held = Counter(w for t in corpus for w in set(t.words))
    idf = {w: math.log(len(corpus) / n) for w, n in held.items()}
    candidates = corpus_candidates(corpus)
    records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    grouped = joined_by_main(
        [LabelledItem(r["id"], r["story"], text=r["text"]) for r in records if r["split"] != "test"]
    )
    sets = [pair_set("corpus", corpus, candidates, grouped, idf)]
    story_of_pair = np.array(
        [
            min(corpus[i].label, corpus[j].label)
            for i, j in candidates
            if grouped[corpus[i].id] != grouped[corpus[j].id]
        ]
    )
    for path in [GENERATED, *args.passages]:
        lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
        texts = [make_text(r["id"], r["group"], r["text"]) for r in lines]
        grouped_set = joined_by_main(load_labelled_set(path))
        pairs = itertools.combinations(range(len(texts)), 2)
        sets.append(pair_set(path.stem, texts, pairs, grouped_set, idf))
    corpus_set = sets[0]
    scores: dict[str, np.ndarray] = {}
    # Story-grouped cross-validation on the corpus: a pair's fold is its (first) story's.
    stories = sorted(set(story_of_pair))
    fold_of = {story: k % FOLDS for k, story in enumerate(stories)}
    folds = np.array([fold_of[s] for s in story_of_pair])
    predicted = np.zeros(len(corpus_set.same))
    for k in range(FOLDS):
        model = LogisticRegression(max_iter=1000, class_weight="balanced")
        model.fit(corpus_set.x[folds != k], corpus_set.same[folds != k])
        predicted[folds == k] = model.predict_proba(corpus_set.x[folds == k])[:, 1]
    scores["corpus"] = predicted
    model = LogisticRegression(max_iter=1000, class_weight="balanced")
    model.fit(corpus_set.x, corpus_set.same)
    print("model coefficients:", dict(zip(FEATURES, np.round(model.coef_[0], 2), strict=True)))
    for s in sets[1:]:
        scores[s.name] = model.predict_proba(s.x)[:, 1] if len(s.x) else np.zeros(0)
    for s in sets:
        print(
            f"{s.name}: {s.true_pairs} true pairs, {s.joined_true} joined by main; "
            f"{int(s.same.sum())} left apart, {int((~s.same).sum())} cross-label pairs left apart "
            "(corpus: candidates only)"
        )
    report(sets, scores)
    grid(sets)
    print(f"\nCPU {time.process_time() - started:.1f} s")


if __name__ == "__main__":
    main()
