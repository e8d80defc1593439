"""The labelled repost set and the grouping measurement of docs/monitoring.md.

`build` takes real texts of the real-text corpus (train and dev splits only: the test split stays
frozen for the analyzer), cuts each to a post-sized lead (its first sentences, up to ~400
characters, as people quote an article when they share it), and writes seeded reposts and edited
copies of it the way they circulate: a retweet prefix, a forward with a comment, hashtags or a
link added, slang spellings, a typo, a word changed or dropped, a sentence dropped, emoji and case.
Every item is labelled with the text it came from. Other texts of the same story (other outlets'
articles on one incident) are included as originals of their own: they are the hard negatives.

`measure` groups a set with the in-memory index at several thresholds and prints pairwise
precision and recall; `--set` picks the set (default the generated one), `--misses T` lists the
pairs grouped wrongly and the pairs missed at threshold T.

The second set, `reposts_observed.jsonl`, holds copies observed in the wild (syndicated and
mirrored articles, spun copies, one quote printed by several outlets) and independent articles
on the same incidents (docs/monitoring.md). Its passages are third-party text: the shipped file
keeps each passage's MinHash signature and run keys, URL, outlet and labels, not the text. `sign`
turns a JSONL of passages (`id, group, story, url, outlet, note, text`) into that form.

    .venv/bin/python bench/monitoring_reposts.py build --corpus ../main/corpus/real/corpus.jsonl
    .venv/bin/python bench/monitoring_reposts.py measure
    .venv/bin/python bench/monitoring_reposts.py measure \\
        --set tests/monitoring/data/reposts_observed.jsonl
    .venv/bin/python bench/monitoring_reposts.py sign PASSAGES.jsonl
    .venv/bin/python bench/monitoring_reposts.py common-words   # salient keys' list of common words
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from netra.monitoring.core.evaluate import group_labelled, load_labelled_set, pair_scores
from netra.monitoring.core.grouping import JACCARD_THRESHOLD, normalise, signature_of

ROOT = Path(__file__).resolve().parent.parent
SET_PATH = ROOT / "tests" / "monitoring" / "data" / "reposts.jsonl"
OBSERVED_PATH = ROOT / "tests" / "monitoring" / "data" / "reposts_observed.jsonl"
PASSAGE_FIELDS = ("id", "group", "story", "url", "outlet", "note", "text")
LEAD_CHARS = 400
SOURCES = 160
SEED = 11

COMMENTS = [
    "Ini gimana Bawaslu??",
    "Tolong diusut!",
    "Viral di grup WA warga:",
    "Katanya netral...",
    "Miris.",
    "Info dari teman, mohon dicek kebenarannya",
    "Sebarkan!",
]
HASHTAGS = ["#NetralitasASN", "#Pilkada2024", "#BawasluBergerak", "#ASNNetral", "#LaporBawaslu"]
SLANG = {
    "yang": "yg",
    "dengan": "dgn",
    "tidak": "gak",
    "untuk": "utk",
    "sudah": "udah",
    "karena": "krn",
    "dari": "dr",
    "akan": "bakal",
    "juga": "jg",
    "saja": "aja",
}
EMOJI = ["😡", "🙏", "‼️", "👇", "🔥"]


def lead(text: str) -> str:
    sentences = re.split(r"(?<=[.!?])\s+|\n+", text.strip())
    out = ""
    for sentence in sentences:
        if out and len(out) + len(sentence) > LEAD_CHARS:
            break
        out = f"{out} {sentence}".strip()
    return out[: LEAD_CHARS * 2]


def variant(text: str, kind: str, rng: random.Random) -> str:
    words = text.split()
    if kind == "retweet":
        return f"RT @{rng.choice(['warga_bogor', 'infopilkada', 'pantau_asn'])}: {text}"
    if kind == "comment":
        return f"{rng.choice(COMMENTS)} {text}"
    if kind == "hashtags":
        return f"{text} {' '.join(rng.sample(HASHTAGS, 2))}"
    if kind == "link":
        return f"{text} https://bit.ly/{rng.randrange(10**6, 10**7)}"
    if kind == "slang":
        return " ".join(SLANG.get(word.lower(), word) for word in words)
    if kind == "typo":
        index = rng.randrange(len(words))
        word = words[index]
        if len(word) > 3:
            i = rng.randrange(len(word) - 1)
            words[index] = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        return " ".join(words)
    if kind == "word_edit":
        for _ in range(2):
            index = rng.randrange(len(words))
            if rng.random() < 0.5:
                del words[index]
            else:
                words[index] = rng.choice(["katanya", "diduga", "sendiri", "itu"])
        return " ".join(words)
    if kind == "drop_sentence":
        sentences = re.split(r"(?<=[.!?])\s+", text)
        if len(sentences) > 2:
            del sentences[-1]
        return " ".join(sentences)
    if kind == "emoji_case":
        body = text.upper() if rng.random() < 0.3 else text
        return f"{rng.choice(EMOJI)} {body} {rng.choice(EMOJI)}"
    raise ValueError(kind)


KINDS = [
    "retweet",
    "comment",
    "hashtags",
    "link",
    "slang",
    "typo",
    "word_edit",
    "drop_sentence",
    "emoji_case",
]


def build(corpus: Path) -> None:
    records = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]
    usable = [r for r in records if r["split"] in ("train", "dev") and len(r["text"]) >= 120]
    by_story: dict[str, list[dict[str, object]]] = defaultdict(list)
    for record in usable:
        by_story[str(record["story"])].append(record)
    rng = random.Random(SEED)
    multi = sorted(story for story, texts in by_story.items() if len(texts) > 1)
    single = sorted(story for story, texts in by_story.items() if len(texts) == 1)
    stories = multi + rng.sample(single, max(0, SOURCES - sum(len(by_story[s]) for s in multi)))
    out = []
    for story in stories:
        for record in by_story[story]:
            original = lead(str(record["text"]))
            group = f"g-{record['id']}"
            out.append(
                {
                    "id": f"{record['id']}-0",
                    "text": original,
                    "group": group,
                    "kind": "original",
                    "story": story,
                    "source": record["id"],
                }
            )
            for n, kind in enumerate(rng.sample(KINDS, rng.randrange(0, 5)), start=1):
                out.append(
                    {
                        "id": f"{record['id']}-{n}",
                        "text": variant(original, kind, rng),
                        "group": group,
                        "kind": kind,
                        "story": story,
                        "source": record["id"],
                    }
                )
    rng.shuffle(out)
    with SET_PATH.open("w", encoding="utf-8") as handle:
        for item in out:
            handle.write(json.dumps(item, ensure_ascii=False) + "\n")
    print(
        f"{len(out)} items, {sum(1 for i in out if i['kind'] == 'original')} originals, "
        f"{len(multi)} stories told by several texts -> {SET_PATH.relative_to(ROOT)}"
    )


def measure(
    path: Path,
    thresholds: list[float],
    misses: float | None = None,
    jaccard: float = JACCARD_THRESHOLD,
) -> None:
    items = load_labelled_set(path)
    truth = {item.id: item.group for item in items}
    copies = sum(1 for group in set(truth.values()) if list(truth.values()).count(group) > 1)
    print(
        f"{len(items)} items in {len(set(truth.values()))} labelled groups ({copies} of 2+ items)"
    )
    print("threshold  precision  recall  true pairs  predicted pairs")
    for threshold in thresholds:
        scores = pair_scores(truth, group_labelled(items, threshold, jaccard))
        print(
            f"{threshold:9.2f}  {scores.precision:9.3f}  {scores.recall:6.3f}  "
            f"{scores.true_pairs:10d}  {scores.predicted_pairs:15d}"
        )
    if misses is not None:
        predicted = group_labelled(items, misses, jaccard)
        print(f"at {misses:.2f}:")
        for a, b in itertools.combinations(truth, 2):
            same_truth, same_predicted = truth[a] == truth[b], predicted[a] == predicted[b]
            if same_truth != same_predicted:
                kind = "missed" if same_truth else "wrongly grouped"
                print(f"  {kind:15s} {a}  {b}")


def sign(passages: Path, out: Path) -> None:
    """Write the passages' labels, URLs and signatures (not their text) to `out`."""
    records = []
    for number, line in enumerate(passages.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        record = json.loads(line)
        missing = [name for name in PASSAGE_FIELDS if not isinstance(record.get(name), str)]
        if missing:
            raise SystemExit(f"{passages.name} line {number}: missing {', '.join(missing)}")
        text = record.pop("text")
        signature = signature_of(text)
        record["chars"] = len(text)
        record["sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
        record["signature"] = signature.to_bytes().hex() if signature else None
        if signature is not None and signature.run_keys:
            record["runs"] = list(signature.run_keys)
        if signature is not None and signature.quote_keys:
            record["quotes"] = list(signature.quote_keys)
        if signature is not None and signature.salient_keys:
            record["salient"] = list(signature.salient_keys)
        records.append(record)
    with out.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    groups = {str(r["group"]) for r in records}
    print(f"{len(records)} passages in {len(groups)} groups -> {out}")


COMMON_WORDS_PATH = ROOT / "src" / "netra" / "monitoring" / "core" / "data" / "common_words.txt"
COMMON_WORDS_MIN_TEXTS = 61


def common_words(corpus: Path, out: Path) -> None:
    """Write the normalised words found in at least COMMON_WORDS_MIN_TEXTS texts of `corpus`
    (JSONL with `text`), one a line, sorted: the words that are never salient (grouping's
    salient keys)."""
    counts: Counter[str] = Counter()
    texts = 0
    for number, line in enumerate(corpus.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        text = json.loads(line).get("text")
        if not isinstance(text, str):
            raise SystemExit(f"{corpus.name} line {number}: no `text`")
        counts.update(set(normalise(text).split()))
        texts += 1
    words = sorted(word for word, count in counts.items() if count >= COMMON_WORDS_MIN_TEXTS)
    header = (
        f"# The words of more than {COMMON_WORDS_MIN_TEXTS - 1} of the {texts:,} texts of "
        f"{corpus.relative_to(ROOT) if corpus.is_relative_to(ROOT) else corpus}, normalised as\n"
        "# grouping normalises them (netra.monitoring.core.grouping.SALIENT_*): written by\n"
        "# `bench/monitoring_reposts.py common-words`; every other word is salient.\n"
    )
    out.write_text(header + "".join(f"{word}\n" for word in words), encoding="utf-8")
    print(f"{len(words)} common words of {texts} texts -> {out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    build_parser = sub.add_parser("build")
    build_parser.add_argument("--corpus", type=Path, default=ROOT / "corpus/real/corpus.jsonl")
    measure_parser = sub.add_parser("measure")
    measure_parser.add_argument("--set", type=Path, default=SET_PATH)
    measure_parser.add_argument(
        "--thresholds", type=float, nargs="+", default=[0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7]
    )
    measure_parser.add_argument(
        "--jaccard", type=float, default=JACCARD_THRESHOLD, help="for short texts (default 0.6)"
    )
    measure_parser.add_argument("--misses", type=float, metavar="THRESHOLD")
    words_parser = sub.add_parser("common-words")
    words_parser.add_argument("--corpus", type=Path, default=ROOT / "corpus/real/corpus.jsonl")
    words_parser.add_argument("--out", type=Path, default=COMMON_WORDS_PATH)
    sign_parser = sub.add_parser("sign")
    sign_parser.add_argument("passages", type=Path)
    sign_parser.add_argument("--out", type=Path, default=OBSERVED_PATH)
    args = parser.parse_args()
    if args.command == "build":
        build(args.corpus)
    elif args.command == "common-words":
        common_words(args.corpus, args.out)
    elif args.command == "sign":
        sign(args.passages, args.out)
    else:
        measure(args.set, args.thresholds, args.misses, args.jaccard)


if __name__ == "__main__":
    sys.exit(main())
