"""The ingest's faster grouping steps (monitoring-12) against the plain forms they replace: the
batch normalisation, the word 4-gram hashes, the band-key-only path of `Grouper.assign` with its
inlined containment, and a whole ingest through the database, which must group every line as the
plain steps do."""

from __future__ import annotations

import json
import random
import zlib
from collections import Counter
from collections.abc import Collection, Iterable
from pathlib import Path

import pytest

from netra.monitoring import services
from netra.monitoring.core.evaluate import load_labelled_set
from netra.monitoring.core.grouping import (
    CANDIDATE_JACCARD,
    NUM_PERM,
    WORD_KEY_GROUPS,
    WORD_SKETCH,
    Assignment,
    Entry,
    Grouper,
    MemoryIndex,
    Signature,
    normalise,
    normalise_many,
    signatures_of,
    word_grams,
)
from netra.monitoring.core.records import content_sha256
from netra.monitoring.models import Group, GroupingKey, Item, Sighting

DATA = Path(__file__).parent / "data"
REPOSTS = [json.loads(line) for line in (DATA / "reposts.jsonl").read_text("utf-8").splitlines()]

TRICKY = [
    "",
    "   ",
    "RT @warga: Camat Cibinong IKUT kampanye!!! https://t.co/xyz?utm_source=a www.Example.com/x",
    "Fwd: mantaaaap pak lurah... 1111 22 333 _under_score_ tab\there\nnewline \x00 \x1f end",
    "WWW.BERITA.CO.ID/a/b hebaaat @budi_01 @ email@x.id",
    "Lurah ñame café über Bupati Bogor, ｆｕｌｌｗｉｄｔｈ ＡＢＣ, ﬁ ligature, ſtraße",
    "aaa",
    "aaaa bbb   ccc",
    "😡😡😡 tolong viralkan!!! 😡",
    "diteruskan: pesan berantai kepala desa ikut kampanye sssss",
    "a\n\nb",
]


def _random_texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    alphabet = "aAbBzZ09_ -.,!?@#:/\\\t\nwWhHtTpPsS" + "éß😡"
    return [
        "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 60))) for _ in range(count)
    ]


@pytest.mark.parametrize("ascii_only", [True, False], ids=["ASCII batch", "mixed batch"])
def test_a_batch_is_normalised_as_each_text_alone(ascii_only):
    texts = TRICKY + [item["text"] for item in REPOSTS] + _random_texts(3000, seed=12)
    if ascii_only:
        texts = [text for text in texts if text.isascii()]
    assert any(normalise(text) != text.lower() for text in texts)  # the steps do something
    assert normalise_many(texts) == [normalise(text) for text in texts]


def _fmix32(value: int) -> int:
    value ^= value >> 16
    value = (value * 0x85EBCA6B) & 0xFFFFFFFF
    value ^= value >> 13
    value = (value * 0xC2B2AE35) & 0xFFFFFFFF
    return value ^ (value >> 16)


def test_word_sketches_are_the_smallest_hashes_of_the_joined_word_grams():
    texts = TRICKY + [item["text"] for item in REPOSTS[:200]]
    texts.append(" ".join(f"kata{number}" for number in range(150)))  # more than the sketch
    compared = 0
    for text, signature in zip(texts, signatures_of(texts), strict=True):
        if signature is None:
            continue
        hashes = sorted(
            {_fmix32(zlib.crc32(gram.encode())) for gram in word_grams(normalise(text))}
        )
        assert signature.word_count == len(hashes), text
        assert signature.words == b"".join(h.to_bytes(4, "little") for h in hashes[:WORD_SKETCH])
        compared += 1
    assert compared > 150


class _Listed:
    """An index that is not a MemoryIndex (so `assign` takes its general loop) over one."""

    def __init__(self) -> None:
        self.inner = MemoryIndex()

    def lookup(
        self, keys: Collection[int], capped: Collection[int] = ()
    ) -> Iterable[tuple[int, Entry]]:
        return self.inner.lookup(keys, capped)

    def add(self, entry: Entry, keys: Iterable[int], capped: Collection[int] = ()) -> None:
        self.inner.add(entry, keys, capped)

    @property
    def refused(self) -> list[tuple[int, str]]:
        return self.inner.refused

    def named(self, key: int) -> Collection[str]:
        return self.inner.named(key)


class PlainGrouper(Grouper):
    """The grouping as it was before monitoring-12: the general loop over every key's entries,
    and each candidate compared by `text_similarity` (the containment by its method)."""

    def __init__(self, **kwargs: float) -> None:
        super().__init__(_Listed(), **kwargs)  # type: ignore[arg-type]

    def _best_by_text(
        self, signature: Signature, entries: list[Entry], best: Assignment | None
    ) -> Assignment | None:
        import numpy as np

        others = np.stack([entry.signature.array for entry in entries])  # type: ignore[union-attr]
        agree = np.count_nonzero(others == signature.array, axis=1) / NUM_PERM
        order = np.argsort(-agree, kind="stable")
        for index in order[agree[order] >= CANDIDATE_JACCARD].tolist():
            entry = entries[index]
            similarity = self.text_similarity(signature, entry.signature, float(agree[index]))  # type: ignore[arg-type]
            if similarity is not None and (best is None or similarity > (best.similarity or 0.0)):
                best = Assignment(entry.group, False, entry.item, similarity, "text")
                if similarity >= 1.0:
                    break
        return best


def _stream(seed: int) -> list[tuple[str, str]]:
    """The generated set's texts, then reposts of them with a prefix, in a seeded order."""
    rng = random.Random(seed)
    items = [(item["id"], item["text"]) for item in REPOSTS]
    items += [(f"{item}-rt", f"RT @warga: {text}") for item, text in rng.sample(items, 200)]
    rng.shuffle(items)
    return items


@pytest.mark.parametrize("threshold", [0.3, 0.45, 0.8])
def test_the_band_key_path_assigns_as_the_general_loop_does(threshold):
    stream = _stream(seed=int(threshold * 100))
    # Merging is left out: these compare the two paths' assignments (a merge renames groups).
    fast = Grouper(MemoryIndex(), threshold=threshold, merge=False)
    plain = PlainGrouper(threshold=threshold)
    signatures = signatures_of([text for _, text in stream])
    joined = 0
    for (item, _), signature in zip(stream, signatures, strict=True):
        got = fast.assign(item, fast.keys_with(signature))
        assert got == plain.assign(item, plain.keys_with(signature)), item
        joined += not got.is_new
    assert joined > 300  # most of the stream are copies


def test_signatures_of_copies_observed_in_the_wild_assign_as_the_general_loop_does():
    items = load_labelled_set(DATA / "reposts_observed.jsonl")
    fast, plain = Grouper(MemoryIndex(), merge=False), PlainGrouper()
    joined = 0
    for item in items:
        got = fast.assign(item.id, fast.keys_with(item.signature))
        assert got == plain.assign(item.id, plain.keys_with(item.signature)), item.id
        joined += got.reason == "text"
    assert joined >= 20


def posts_sharing_a_word_key(count: int) -> tuple[int, list[str]]:
    """`count` posts of eleven words (eight word 4-grams) whose first 4-gram is common to all
    and among each one's WORD_KEYS smallest (its word keys), the rest their own; and that key."""
    texts = [
        "bapak camat hadir kampanye " + " ".join(f"kata{n}x{letter}" for letter in "abcdefg")
        for n in range(20 * count)
    ]
    keys = [s.word_keys if s is not None else () for s in signatures_of(texts)]
    (common, _), *_ = Counter(key for text_keys in keys for key in text_keys).most_common(1)
    chosen = [text for text, text_keys in zip(texts, keys, strict=True) if common in text_keys]
    assert len(chosen) >= count, "too few posts have the common 4-gram among their word keys"
    return common, chosen[:count]


@pytest.mark.django_db
def test_a_word_key_common_to_many_posts_is_stored_for_its_first_groups_only(ingest):
    # Posts that share one word key (their first 4-gram), each a group of its own; then, once
    # the key is full (and read no more), reposts of a group it names and of one it does not.
    key, own = posts_sharing_a_word_key(WORD_KEY_GROUPS + 6)
    texts = [*own, f"RT @warga: {own[1]}", f"RT @warga: {own[-1]}"]
    posts = [{"id": str(n), "text": text} for n, text in enumerate(texts)]
    signatures = signatures_of(texts)
    result = ingest(posts, source="common", batch_size=3)
    groups = [outcome.group for outcome in result.outcomes]
    assert len(set(groups)) == len(own)
    assert groups[-2:] == [groups[1], groups[len(own) - 1]]  # the reposts joined
    stored = set(GroupingKey.objects.filter(key=key).values_list("group__key", "item__sha256"))
    # As one index over the stream keeps it: the first WORD_KEY_GROUPS groups, each with its
    # latest item (the repost, for the group it names), no more.
    grouper = Grouper(MemoryIndex())
    for text, signature in zip(texts, signatures, strict=True):
        grouper.assign(content_sha256(text), grouper.keys_with(signature))
    kept = grouper.index.entries[key]  # type: ignore[attr-defined]
    assert len(stored) == WORD_KEY_GROUPS
    assert stored == {(group, entry.item) for group, entry in kept.items()}
    assert (groups[1], content_sha256(texts[-2])) in stored


@pytest.mark.django_db
def test_an_ingest_groups_every_line_as_the_plain_grouping_does(ingest, monkeypatch):
    posts = [{"id": item, "text": text} for item, text in _stream(seed=5)[:400]]
    posts += [{"id": "link", "text": "lihat ini", "url": "https://example.com/berita/1"}]
    posts += [{"id": "link2", "text": REPOSTS[0]["text"], "url": "https://example.com/berita/1"}]
    fast = ingest(posts, source="fast", batch_size=60)
    lines = {outcome.line: outcome.group for outcome in fast.outcomes}
    for model in (Sighting, GroupingKey, Item, Group):
        model.objects.all().delete()
    monkeypatch.setattr(services, "Grouper", lambda index, **kw: PlainGrouper(**kw))
    plain = ingest(posts, source="plain", batch_size=60)
    assert {outcome.line: outcome.group for outcome in plain.outcomes} == lines
    assert len(set(lines.values())) < len(lines) - 150  # copies joined, across batches too
