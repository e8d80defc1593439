"""Sister texts: one incident told under two story keys in two splits."""

from __future__ import annotations

import re

import pytest

from netra.analysis.corpus import CorpusItem
from netra.analysis.sisters import SisterSearchError, sister_candidates


def _item(item_id: str, split: str, story: str, text: str) -> CorpusItem:
    return CorpusItem(
        id=item_id,
        text=text,
        url=f"https://example.test/{item_id}",
        outlet="example.test",
        published=None,
        register="news",
        story=story,
        is_violation=False,
        category=None,
        subject=None,
        acts=(),
        split=split,
    )


TEST_TEXT = (
    "Kepala Desa Langko Mawardi divonis tiga bulan penjara oleh Pengadilan Negeri Mataram "
    "karena mengampanyekan istrinya, caleg DPRD Lombok Barat."
)
SISTER = (
    "Majelis hakim PN Mataram menjatuhkan vonis tiga bulan kepada Mawardi, Kepala Desa Langko, "
    "yang terbukti berkampanye untuk istrinya di Lombok Barat."
)
OTHER = "Bawaslu Sleman mengimbau seluruh ASN menjaga netralitas selama masa kampanye Pilkada."
ITEMS = [
    _item("t1", "test", "2024-langko-wa", TEST_TEXT),
    _item("r1", "train", "2024-langko-vonis", SISTER),
    _item("r2", "dev", "2024-sleman-imbauan", OTHER),
]


def test_a_sister_under_another_story_key_is_listed_and_an_unrelated_text_is_not() -> None:
    pairs = sister_candidates(ITEMS, "test", ["train", "dev"], 0.10)
    assert [(pair.checked.id, pair.other.id) for pair in pairs] == [("t1", "r1")]
    assert pairs[0].to_dict()["other_story"] == "2024-langko-vonis"


def test_texts_sharing_a_story_key_are_not_listed() -> None:
    same_key = [ITEMS[0], _item("r1", "train", "2024-langko-wa", SISTER)]
    assert sister_candidates(same_key, "test", ["train"], 0.10) == []


def test_only_the_splits_asked_for_are_compared() -> None:
    assert sister_candidates(ITEMS, "test", ["dev"], 0.10) == []


@pytest.mark.parametrize(
    ("checked", "against", "min_cosine", "message"),
    [
        ("test", ["train"], 0.0, "min_cosine must be in (0, 1]"),
        ("test", ["train"], 1.5, "min_cosine must be in (0, 1]"),
        ("test", ["test"], 0.1, "both checked and checked against"),
    ],
)
def test_a_question_it_cannot_answer_is_refused(
    checked: str, against: list[str], min_cosine: float, message: str
) -> None:
    with pytest.raises(SisterSearchError, match=re.escape(message)):
        sister_candidates(ITEMS, checked, against, min_cosine)
