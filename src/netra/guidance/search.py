"""Ranked retrieval over FAQ answers and rulebook acts: SQLite FTS5 with the analyzer's words.

Documents and queries are both reduced to the analyzer's canonical forms (slang expanded,
affixed verbs stemmed), so "nge-like" finds "menyukai" entries the way the analyzer reads them.
The index is an in-memory SQLite FTS5 table built from the documents (a few hundred): the same
ranking (BM25) on every deployment, SQLite or PostgreSQL, without a database round trip.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from netra.guidance.reading import canonical_words

# Words too common in questions to rank by.
STOPWORDS = frozenset(
    """
    apa apakah bolehkah boleh tidak bisa dapat yang dan atau di ke dari untuk dengan itu ini
    saya kami kita kalau jika bila sebagai dalam pada oleh akan sudah belum juga ada mau ya
    gimana bagaimana seorang para sih kah dong
    """.split()
)


@dataclass(frozen=True, slots=True)
class Document:
    """One retrievable answer: a FAQ entry (`faq:<id>`), an act (`act:<code>`), a published one."""

    key: str
    title: str
    body: str


@dataclass(frozen=True, slots=True)
class Hit:
    """A document and its rank score (higher is better) and the share of query words it holds."""

    key: str
    title: str
    score: float
    coverage: float


class SearchIndex:
    """An FTS5 index over `documents`, queried with canonical words."""

    def __init__(self, documents: Iterable[Document]) -> None:
        self._connection = sqlite3.connect(":memory:", check_same_thread=False)
        self._connection.execute(
            "CREATE VIRTUAL TABLE docs USING fts5(key UNINDEXED, title UNINDEXED, words)"
        )
        self._words: dict[str, frozenset[str]] = {}
        rows = []
        for document in documents:
            words = canonical_words(f"{document.title} {document.body}")
            self._words[document.key] = frozenset(words)
            rows.append((document.key, document.title, " ".join(words)))
        self._connection.executemany("INSERT INTO docs VALUES (?, ?, ?)", rows)

    def __len__(self) -> int:
        return len(self._words)

    def search(self, text: str, *, limit: int = 5) -> list[Hit]:
        """The best documents for `text`, best first; empty when no content word matches."""
        terms = sorted({w for w in canonical_words(text) if w not in STOPWORDS and w.isalnum()})
        if not terms:
            return []
        query = " OR ".join(f'"{term}"' for term in terms)
        rows = self._connection.execute(
            "SELECT key, title, bm25(docs) FROM docs WHERE docs MATCH ?"
            " ORDER BY bm25(docs) LIMIT ?",
            (query, limit),
        ).fetchall()
        hits = []
        for key, title, rank in rows:
            held = sum(1 for term in terms if term in self._words[key])
            hits.append(Hit(str(key), str(title), round(-float(rank), 4), held / len(terms)))
        return hits
