"""Pairwise precision and recall of a grouping against labelled groups (docs/monitoring.md)."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from netra.monitoring.core.grouping import (
    DEFAULT_THRESHOLD,
    JACCARD_THRESHOLD,
    SIGNATURE_BYTES,
    Grouper,
    MemoryIndex,
    Signature,
)

_HEX = re.compile(r"(?:[0-9a-f]{2})+")


class LabelledSetError(ValueError):
    """A labelled repost set that cannot be read (the message names the file and line)."""


@dataclass(frozen=True, slots=True)
class LabelledItem:
    """One item of a labelled set: its text, or (for passages not redistributed) the MinHash
    signature of its text, which is all text-only grouping looks at (None: too short)."""

    id: str
    group: str
    text: str | None = None
    signature: Signature | None = None
    published: date | None = None  # its publication date, when the line gives one


def load_labelled_set(path: Path) -> list[LabelledItem]:
    """Read a JSONL labelled set: every line has `id`, `group` and either `text` or `signature`
    (hex of the stored form, `Signature.to_bytes`, or null for a text too short to compare),
    with the text's run keys as `runs` and quote keys as `quotes` (a signature's stored form
    keeps neither), and optionally its publication date as `published` (ISO, YYYY-MM-DD)."""
    items: list[LabelledItem] = []
    seen: set[str] = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path.name} line {number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise LabelledSetError(f"{where}: not JSON ({error.msg})") from None
        if not isinstance(record, dict):
            raise LabelledSetError(f"{where}: expected an object, got {type(record).__name__}")
        item, group = record.get("id"), record.get("group")
        if not isinstance(item, str) or not item or not isinstance(group, str) or not group:
            raise LabelledSetError(f"{where}: `id` and `group` must be non-empty strings")
        if item in seen:
            raise LabelledSetError(f"{where}: id {item!r} appears twice")
        seen.add(item)
        published = _published(record.get("published"), where)
        if "text" in record and "signature" in record:
            raise LabelledSetError(f"{where}: give `text` or `signature`, not both")
        if "text" in record:
            if not isinstance(record["text"], str):
                raise LabelledSetError(f"{where}: `text` must be a string")
            items.append(LabelledItem(item, group, text=record["text"], published=published))
        elif "signature" in record:
            signature = _signature(record["signature"], where)
            if signature is not None and "runs" in record:
                signature.__dict__["run_keys"] = _runs(record["runs"], where)
            if signature is not None and "quotes" in record:
                signature.__dict__["quote_keys"] = _runs(record["quotes"], where, "quotes")
            if signature is not None and "salient" in record:
                signature.__dict__["salient_keys"] = _runs(record["salient"], where, "salient")
            items.append(LabelledItem(item, group, signature=signature, published=published))
        else:
            raise LabelledSetError(f"{where}: no `text` and no `signature`")
    return items


def _published(value: object, where: str) -> date | None:
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise LabelledSetError(f"{where}: `published` must be a date, YYYY-MM-DD, or null")


def _signature(value: object, where: str) -> Signature | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _HEX.fullmatch(value):
        raise LabelledSetError(
            f"{where}: `signature` must be lowercase hex digits (at least {SIGNATURE_BYTES * 2}) "
            "or null"
        )
    try:
        return Signature.from_bytes(bytes.fromhex(value))
    except ValueError as error:
        raise LabelledSetError(f"{where}: `signature`: {error}") from None


def _runs(value: object, where: str, field: str = "runs") -> tuple[int, ...]:
    """The run keys (or quote keys) of a passage given by signature (`Signature.run_keys`,
    `Signature.quote_keys`: the stored form keeps none), as signed 64-bit integers."""
    if not isinstance(value, list) or not all(
        isinstance(key, int) and not isinstance(key, bool) and -(2**63) <= key < 2**63
        for key in value
    ):
        raise LabelledSetError(f"{where}: `{field}` must be a list of signed 64-bit integers")
    return tuple(value)


def group_labelled(
    items: Sequence[LabelledItem],
    threshold: float = DEFAULT_THRESHOLD,
    jaccard: float = JACCARD_THRESHOLD,
    *,
    merge: bool = True,
) -> dict[str, str]:
    """Group the items in file order with the in-memory index: item id -> group (after the
    merges the grouping made: `Grouper.resolve`)."""
    grouper = Grouper(MemoryIndex(), threshold=threshold, jaccard=jaccard, merge=merge)
    predicted: dict[str, str] = {}
    for item in items:
        if item.text is not None:
            keys = grouper.keys_of(item.text, published=item.published)
        else:
            keys = grouper.keys_with(item.signature, published=item.published)
        predicted[item.id] = grouper.assign(item.id, keys).group
    return {item: grouper.resolve(group) for item, group in predicted.items()}


@dataclass(frozen=True, slots=True)
class PairScores:
    """Over all pairs of items: how many the grouping put together, and how many truly belong."""

    true_pairs: int
    predicted_pairs: int
    correct_pairs: int

    @property
    def precision(self) -> float:
        return self.correct_pairs / self.predicted_pairs if self.predicted_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.correct_pairs / self.true_pairs if self.true_pairs else 1.0


def _pairs(sizes: Iterable[int]) -> int:
    return sum(n * (n - 1) // 2 for n in sizes)


def pair_scores(truth: Mapping[str, str], predicted: Mapping[str, str]) -> PairScores:
    """Compare two item -> group maps over the items of `truth` (counting pairs, not items, so a
    viral group of fifty weighs what it costs a reviewer)."""
    items = list(truth)
    missing = [item for item in items if item not in predicted]
    if missing:
        raise ValueError(f"no predicted group for {len(missing)} item(s), e.g. {missing[0]!r}")
    true_sizes = Counter(truth[item] for item in items)
    predicted_sizes = Counter(predicted[item] for item in items)
    both = Counter((truth[item], predicted[item]) for item in items)
    return PairScores(
        _pairs(true_sizes.values()), _pairs(predicted_sizes.values()), _pairs(both.values())
    )
