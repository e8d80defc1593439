"""Near-duplicate grouping: MinHash LSH over normalised text shingles, plus same link or media.

A repost, a forward with a comment added or an edited copy has most of its character 5-grams in
common with the original, so their MinHash signatures agree in most positions. LSH cuts each
signature into `bands` of `rows` (chosen by datasketch for the threshold) and any shared band
makes two items candidates; a candidate joins when the estimated Jaccard similarity of the two
signatures reaches the threshold. A shared link (normalised) or media file (SHA-256) joins
directly.

The index is a protocol, so the same logic runs in memory (`MemoryIndex`, the measurement in
docs/monitoring.md) and over the database (netra.monitoring.services keeps the band keys in a
table, so grouping survives restarts and runs in batches without holding every signature).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Protocol
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SEED = 1
SHINGLE_CHARS = 5
# Measured on tests/monitoring/data/reposts.jsonl (docs/monitoring.md): the best F1 with
# precision >= 0.95 (precision 0.984, recall 0.994).
DEFAULT_THRESHOLD = 0.6
# Below this many shingles a text is too short to tell a repost from a reply ("setuju!", "mantap
# pak"): such items group only when identical (same SHA-256), by link or by media.
MIN_SHINGLES = 12

_RETWEET = re.compile(r"^\s*(?:rt|fwd?|diteruskan)\s*:?\s*@?\w*\s*:?", re.IGNORECASE)
_LINK = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
_HANDLE = re.compile(r"@\w+")
_NON_WORD = re.compile(r"[\W_]+")
_ELONGATION = re.compile(r"(\w)\1{2,}")
# Query parameters that say who shared a link, not what it points to.
_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|igshid|igsh|si|s|t|ref|ref_src|mibextid)$")


def normalise(text: str) -> str:
    """The text as grouping compares it: no retweet prefix, links or handles; folded case, no
    punctuation or emoji, elongations collapsed, single spaces."""
    text = unicodedata.normalize("NFKC", text)
    text = _RETWEET.sub(" ", text)
    text = _HANDLE.sub(" ", _LINK.sub(" ", text))
    text = _NON_WORD.sub(" ", text.casefold())
    return _ELONGATION.sub(r"\1\1", text).strip()


def shingles(text: str) -> set[bytes]:
    """The character 5-grams of the normalised text."""
    norm = normalise(text)
    return {norm[i : i + SHINGLE_CHARS].encode() for i in range(len(norm) - SHINGLE_CHARS + 1)}


def normalise_url(url: str) -> str | None:
    """One spelling per page: lower-case host without www./m., no fragment or tracking
    parameters, no trailing slash. None for a bare domain (a site, not a post or article)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower().removeprefix("www.").removeprefix("m.")
    query = urlencode(
        sorted((k, v) for k, v in parse_qsl(parts.query) if not _TRACKING.match(k.lower()))
    )
    path = parts.path.rstrip("/")
    if not path and not query:
        return None
    return urlunsplit(("https", host, path, query, ""))


@dataclass(frozen=True, slots=True)
class Signature:
    """A MinHash signature as 32-bit values (what the database stores, 512 bytes)."""

    values: bytes

    def array(self) -> np.ndarray:
        return np.frombuffer(self.values, dtype=np.uint32)

    def similarity(self, other: Signature) -> float:
        """The estimated Jaccard similarity of the two texts' shingle sets."""
        return float(np.count_nonzero(self.array() == other.array())) / NUM_PERM


@cache
def _template() -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=SEED)


def signature_of(text: str) -> Signature | None:
    """The text's signature, or None when it is too short to compare."""
    grams = shingles(text)
    if len(grams) < MIN_SHINGLES:
        return None
    template = _template()
    # CRC-32 of each shingle instead of datasketch's default SHA-1: three times faster, stable
    # across processes (signatures are stored), and the permutations do the mixing.
    minhash = MinHash(
        num_perm=NUM_PERM,
        permutations=template.permutations,
        scheme=template.scheme,
        hashfunc=zlib.crc32,
    )
    minhash.update_batch(sorted(grams))
    return Signature(minhash.hashvalues.astype(np.uint32).tobytes())


def _key(kind: bytes, value: bytes) -> int:
    """A signed 64-bit key (a database BigIntegerField holds it as is)."""
    digest = hashlib.blake2b(kind + b"\0" + value, digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


@dataclass(frozen=True, slots=True)
class ItemKeys:
    """Everything grouping needs of one item: its signature and its index keys."""

    signature: Signature | None
    band_keys: tuple[int, ...]  # candidates only: verified by signature similarity
    exact_keys: tuple[int, ...]  # same link or same media file: join directly

    @property
    def all(self) -> tuple[int, ...]:
        return self.band_keys + self.exact_keys


@dataclass(frozen=True, slots=True)
class Entry:
    """An item already grouped: its identity, its group and its signature."""

    item: str
    group: str
    signature: Signature | None


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where an item went: an existing group (with the item it matched) or a new one."""

    group: str
    is_new: bool
    matched: str | None = None
    similarity: float | None = None
    reason: str = "new"  # "text", "link", "media" or "new"


class GroupingIndex(Protocol):
    """Where grouped items are found by key."""

    def lookup(self, keys: Collection[int]) -> Iterable[tuple[int, Entry]]: ...

    def add(self, entry: Entry, keys: Iterable[int]) -> None: ...


@dataclass
class MemoryIndex:
    """An index held in a dict: for one batch, a measurement, or a test."""

    entries: dict[int, list[Entry]] = field(default_factory=dict)

    def lookup(self, keys: Collection[int]) -> Iterable[tuple[int, Entry]]:
        for key in keys:
            for entry in self.entries.get(key, ()):
                yield key, entry

    def add(self, entry: Entry, keys: Iterable[int]) -> None:
        for key in keys:
            self.entries.setdefault(key, []).append(entry)


class Grouper:
    """Assigns items to groups of near-duplicates over an index."""

    def __init__(self, index: GroupingIndex, *, threshold: float = DEFAULT_THRESHOLD) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"grouping threshold {threshold} must be in (0, 1]")
        self.index = index
        self.threshold = threshold
        bands, rows = _bands_for(threshold)
        self.ranges = tuple((band * rows, (band + 1) * rows) for band in range(bands))

    def keys_of(
        self, text: str, *, links: Sequence[str] = (), media: Sequence[str] = ()
    ) -> ItemKeys:
        """The signature and index keys of an item's text, links and media SHA-256s."""
        signature = signature_of(text)
        band_keys: tuple[int, ...] = ()
        if signature is not None:
            band_keys = tuple(
                _key(b"band%d" % index, signature.values[start * 4 : end * 4])
                for index, (start, end) in enumerate(self.ranges)
            )
        exact = [_key(b"link", url.encode()) for url in map(normalise_url, links) if url]
        exact += [_key(b"media", sha.encode()) for sha in media if sha]
        return ItemKeys(signature, band_keys, tuple(dict.fromkeys(exact)))

    def assign(self, item: str, keys: ItemKeys) -> Assignment:
        """Join the most similar grouped item's group, or start a group named after the item."""
        exact = set(keys.exact_keys)
        best: Assignment | None = None
        for key, entry in self.index.lookup(keys.all):
            if entry.item == item:
                continue
            if key in exact:
                candidate = Assignment(entry.group, False, entry.item, 1.0, "link or media")
            elif keys.signature is not None and entry.signature is not None:
                similarity = keys.signature.similarity(entry.signature)
                if similarity < self.threshold:
                    continue
                candidate = Assignment(entry.group, False, entry.item, similarity, "text")
            else:
                continue
            if best is None or (candidate.similarity or 0.0) > (best.similarity or 0.0):
                best = candidate
        assignment = best or Assignment(group=item, is_new=True)
        self.index.add(Entry(item, assignment.group, keys.signature), keys.all)
        return assignment


@cache
def _bands_for(threshold: float) -> tuple[int, int]:
    """datasketch's choice of bands and rows for the threshold (equal false +/- weights)."""
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    return int(lsh.b), int(lsh.r)
