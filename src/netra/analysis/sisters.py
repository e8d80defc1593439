"""Texts of one split that may tell a story of another split under a different story key.

A story keeps all its texts in one split, but the key is chosen by whoever gathered the text:
two outlets telling one incident in their own words can end up under two keys, one in train and
one in test, and the model then learns the answer to a test text from its sister. Word overlap
finds the candidates; only a reader can say whether two texts tell the same incident, so this
lists pairs to read, most similar first, and decides nothing (`corpus/real/DATASHEET.md`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from netra.analysis.corpus import CorpusItem
from netra.errors import NetraError

WORDS_OF_TWO_LETTERS_OR_MORE = r"\b\w\w+\b"


class SisterSearchError(NetraError):
    """The search for sister texts was asked something it cannot do."""

    code = "sisters_invalid"


@dataclass(frozen=True, slots=True)
class SisterCandidate:
    """A pair to read: a text of the checked split and a text of another split."""

    cosine: float
    checked: CorpusItem
    other: CorpusItem

    def to_dict(self) -> dict[str, object]:
        return {
            "cosine": round(self.cosine, 3),
            "checked_id": self.checked.id,
            "checked_split": self.checked.split,
            "checked_story": self.checked.story,
            "checked_text": self.checked.text,
            "other_id": self.other.id,
            "other_split": self.other.split,
            "other_story": self.other.story,
            "other_text": self.other.text,
        }


def sister_candidates(
    items: Sequence[CorpusItem],
    checked: str,
    against: Sequence[str],
    min_cosine: float,
) -> list[SisterCandidate]:
    """Pairs across `checked` and `against` splits whose TF-IDF cosine reaches `min_cosine`.

    Words and word pairs, sublinear counts, IDF over the texts compared: rare names, places and
    numbers weigh most, which is what two reports of one incident share. Pairs that already
    share a story key cannot straddle splits and are not listed.
    """
    if not 0.0 < min_cosine <= 1.0:
        raise SisterSearchError(f"min_cosine must be in (0, 1], got {min_cosine}")
    if checked in against:
        raise SisterSearchError(f"split {checked!r} is both checked and checked against")
    left = [item for item in items if item.split == checked]
    right = [item for item in items if item.split in against]
    if not left or not right:
        return []
    # Imported here: only this maintenance check and training need scikit-learn, not screening.
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(
        ngram_range=(1, 2),
        sublinear_tf=True,
        token_pattern=WORDS_OF_TWO_LETTERS_OR_MORE,
        lowercase=True,
    )
    matrix = vectorizer.fit_transform([item.text for item in (*left, *right)])
    similarity = (matrix[: len(left)] @ matrix[len(left) :].T).tocoo()
    found = [
        SisterCandidate(float(value), left[row], right[column])
        for row, column, value in zip(similarity.row, similarity.col, similarity.data, strict=True)
        if value >= min_cosine and left[row].story != right[column].story
    ]
    return sorted(found, key=lambda pair: (-pair.cosine, pair.checked.id, pair.other.id))
