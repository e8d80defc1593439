"""The real-text corpus: published texts with their sources, labels and a split by story.

Every item is an excerpt of a text published by someone else (news, releases, quoted posts,
rulings), labelled twice by `docs/labelling.md` and adjudicated. The split is decided by the
story, not the item, so two outlets telling one incident never sit on both sides of it; once
written into the file, an item's split does not change (the test split is frozen).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from netra.errors import NetraError
from netra.rulebook import Rulebook

SPLITS = ("train", "dev", "test")
REGISTERS = ("news", "release", "post", "chat", "ruling", "opinion", "report")
# Shares of stories in each split, by a stable hash of the story key.
SPLIT_SHARES = (("train", 0.64), ("dev", 0.18), ("test", 0.18))


class CorpusError(NetraError):
    """A corpus file cannot be read; the message names the file, line and field."""

    code = "corpus_invalid"


@dataclass(frozen=True, slots=True)
class CorpusItem:
    """One published excerpt, where it came from, and its gold labels."""

    id: str
    text: str
    url: str
    outlet: str
    published: date | None
    register: str
    story: str
    is_violation: bool
    category: int | None
    subject: str | None
    acts: tuple[str, ...]
    note: str = ""
    split: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "text": self.text,
            "url": self.url,
            "outlet": self.outlet,
            "published": self.published.isoformat() if self.published else None,
            "register": self.register,
            "story": self.story,
            "split": self.split,
            "is_violation": self.is_violation,
            "bawaslu_category": self.category,
            "subject": self.subject,
            "acts": list(self.acts),
            "note": self.note,
        }


def read_corpus(path: Path, rulebook: Rulebook) -> list[CorpusItem]:
    """Every item of a corpus file, validated; the first bad line stops the load with its number."""
    items: list[CorpusItem] = []
    seen: set[str] = set()
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                item = parse_item(json.loads(raw), rulebook)
            except (ValueError, TypeError, KeyError) as error:
                raise CorpusError(f"{path.name}: line {number}: {_describe(error)}") from None
            if item.id in seen:
                raise CorpusError(f"{path.name}: line {number}: duplicate id {item.id!r}")
            seen.add(item.id)
            items.append(item)
    return items


def parse_item(data: object, rulebook: Rulebook) -> CorpusItem:
    """One corpus record, checked field by field against the rulebook's acts and subjects."""
    if not isinstance(data, Mapping):
        raise TypeError("expected a JSON object")
    is_violation = data.get("is_violation", data.get("is_incident"))
    if not isinstance(is_violation, bool):
        raise TypeError("field 'is_violation' must be true or false")
    category = data.get("bawaslu_category")
    subject = data.get("subject")
    acts = tuple(data.get("acts") or ())
    if is_violation:
        if not isinstance(category, int) or not 1 <= category <= 10:
            raise ValueError(f"field 'bawaslu_category' must be 1-10, got {category!r}")
        if not isinstance(subject, str) or subject not in rulebook.subjects:
            known = ", ".join(rulebook.subjects)
            raise ValueError(f"field 'subject' must be one of {known}, got {subject!r}")
        counted_in = rulebook.subjects[subject].category_override
        if counted_in is not None and category != counted_in:
            raise ValueError(f"a {subject} is counted in category {counted_in}, not {category}")
        if not acts:
            raise ValueError("a violation needs at least one act in 'acts'")
    elif category is not None or acts:
        raise ValueError("a text that is not a violation has no category and no acts")
    unknown = [act for act in acts if act not in rulebook.acts]
    if unknown:
        raise ValueError(f"unknown act code(s) {', '.join(map(repr, unknown))}")
    register = str(data.get("register", "news"))
    if register not in REGISTERS:
        raise ValueError(f"field 'register' must be one of {', '.join(REGISTERS)}")
    split = data.get("split")
    if split is not None and split not in SPLITS:
        raise ValueError(f"field 'split' must be one of {', '.join(SPLITS)}")
    text = data["text"]
    if not isinstance(text, str) or not text.strip():
        raise ValueError("field 'text' must be a non-empty string")
    published = data.get("published")
    return CorpusItem(
        id=str(data["id"]),
        text=text,
        url=str(data["url"]),
        outlet=str(data.get("outlet") or ""),
        published=date.fromisoformat(published) if published else None,
        register=register,
        story=str(data["story"]),
        is_violation=is_violation,
        category=category if is_violation else None,
        subject=str(subject) if is_violation else None,
        acts=acts,
        note=str(data.get("note") or ""),
        split=split,
    )


def split_of_story(story: str) -> str:
    """The split a new story goes to: a stable hash of its key, so reruns agree."""
    digest = hashlib.sha256(story.encode("utf-8")).digest()
    position = int.from_bytes(digest[:8], "big") / 2**64
    cumulative = 0.0
    for name, share in SPLIT_SHARES:
        cumulative += share
        if position < cumulative:
            return name
    return SPLIT_SHARES[-1][0]


def in_split(items: Iterable[CorpusItem], split: str | None) -> list[CorpusItem]:
    return [item for item in items if split is None or item.split == split]


def cohen_kappa(first: Sequence[object], second: Sequence[object]) -> float:
    """Agreement between two labellers beyond what their label frequencies give by chance."""
    if len(first) != len(second) or not first:
        raise ValueError("kappa needs two label lists of the same, non-zero length")
    total = len(first)
    observed = sum(1 for a, b in zip(first, second, strict=True) if a == b) / total
    left, right = Counter(first), Counter(second)
    expected = sum(left[label] * right[label] for label in left) / (total * total)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def _describe(error: Exception) -> str:
    if isinstance(error, KeyError):
        return f"missing field {error.args[0]!r}"
    return str(error)
