"""`netra rekey` (services.resign_items): items stored before the word sketch and the 32-band
layout are signed again and their grouping keys rebuilt, so a later copy finds them."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from netra.monitoring import services
from netra.monitoring.core.grouping import (
    WORD_KEY_GROUPS,
    Grouper,
    MemoryIndex,
    Signature,
    _key,
    signature_of,
)
from netra.monitoring.models import GroupingKey, Item
from tests.monitoring.conftest import BOGOR_POST, SURABAYA_POST
from tests.monitoring.test_grouping import (
    ARTICLE,
    CIRCULAR,
    DILUTED,
    RELEASE,
    RETRANSCRIBED,
    REWRITTEN,
    STORY,
    TRANSCRIBED,
)
from tests.monitoring.test_grouping_equivalence import posts_sharing_a_word_key
from tests.monitoring.test_grouping_monitoring21 import WARNING, WARNING_TRANSCRIBED

POSTS = [
    {"id": "1", "text": ARTICLE, "url": "https://news.example/cianjur/1"},
    {"id": "2", "text": BOGOR_POST},
    {"id": "3", "text": f"RT @warga: {BOGOR_POST}"},
    {"id": "4", "text": SURABAYA_POST, "links": ["https://news.example/surabaya/2"]},
    {"id": "5", "text": "mantap pak"},
]


def _keys() -> set[tuple[int, int, int]]:
    return set(GroupingKey.objects.values_list("key", "group_id", "item_id"))


def _as_a_former_release_left_them() -> None:
    """512-byte signatures, and the band keys of datasketch's 18 bands of 7 rows (threshold 0.6)
    where the current ones were; link and media keys are the same in both."""
    grouper = Grouper(MemoryIndex())
    current_bands = set()
    former: list[GroupingKey] = []
    for item in Item.objects.order_by("id"):
        blob = bytes(item.signature)
        if not blob:
            continue
        signature = Signature.from_bytes(blob)
        keys = grouper.keys_with(signature_of(item.text))  # with its run keys (from the text)
        current_bands.update(keys.band_keys + keys.capped)  # that release had no word/run keys
        former += [
            GroupingKey(key=_key(b"band%d" % band, blob[band * 28 : (band + 1) * 28]),
                        group_id=item.group_id, item_id=item.pk)
            for band in range(18)
        ]  # fmt: skip
        item.signature = signature.values
        item.save(update_fields=["signature"])
    GroupingKey.objects.filter(key__in=current_bands).delete()
    GroupingKey.objects.bulk_create(former, ignore_conflicts=True)


@pytest.mark.django_db
def test_rekey_signs_former_items_again_and_rebuilds_their_keys(ingest):
    ingest(POSTS, source="before")
    signed = dict(Item.objects.values_list("id", "signature"))
    keys = _keys()
    _as_a_former_release_left_them()
    assert {len(bytes(s)) for s in Item.objects.values_list("signature", flat=True)} == {0, 512}
    assert _keys() != keys

    result = services.resign_items(batch_size=2)  # several batches

    assert result.items == Item.objects.count() == 5  # the retweet is an item of its own text
    assert {k: bytes(v) for k, v in Item.objects.values_list("id", "signature")} == {
        k: bytes(v) for k, v in signed.items()
    }
    assert _keys() == keys
    assert result.keys == len(keys)


@pytest.mark.django_db
def test_a_copy_finds_a_former_item_only_once_it_is_rekeyed(ingest):
    ingest(POSTS[:1], source="before")
    _as_a_former_release_left_them()
    article = Item.objects.get()
    missed = ingest([{"id": "9", "text": DILUTED}], source="copy")
    assert missed.outcomes[0].group != article.group.key  # its 32 bands match nothing stored
    Item.objects.exclude(pk=article.pk).delete()
    services.resign_items()
    found = ingest([{"id": "9", "text": DILUTED}], source="copy")
    assert found.outcomes[0].group == article.group.key


@pytest.mark.django_db
def test_netra_rekey_reports_what_it_rewrote(ingest):
    from netra.cli import app

    ingest(POSTS, source="before")
    result = CliRunner().invoke(app, ["rekey"])
    assert result.exit_code == 0, result.output
    assert f"5 item(s) signed again, {GroupingKey.objects.count()} grouping key(s)" in result.output


def test_a_batch_size_below_one_is_refused():
    with pytest.raises(ValueError, match="batch size 0"):
        services.resign_items(batch_size=0)


@pytest.mark.django_db
def test_rekey_keeps_the_first_groups_of_a_common_word_key_as_the_ingest_stored_them(ingest):
    common, texts = posts_sharing_a_word_key(WORD_KEY_GROUPS + 6)
    posts = [{"id": str(n), "text": text} for n, text in enumerate(texts)]
    ingest(posts, source="common", batch_size=3)
    keys = _keys()
    assert sum(1 for key, _, _ in keys if key == common) == WORD_KEY_GROUPS
    services.resign_items(batch_size=4)
    assert _keys() == keys


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("first", "second", "kind"),
    [
        (RELEASE, STORY, "run"),
        (TRANSCRIBED, RETRANSCRIBED, "quote"),
        (CIRCULAR, REWRITTEN, "salient"),
        (WARNING, WARNING_TRANSCRIBED, "quoted"),
    ],
    ids=[
        "run keys a story joined its release by",
        "quote keys a transcription joined by",
        "salient keys a rewrite joined by",
        "quoted-word keys a transcription was found by",
    ],
)
def test_rekey_rebuilds_the_keys_a_pair_joined_by(ingest, first, second, kind):
    result = ingest(
        [{"id": "1", "text": first}, {"id": "2", "text": second}, *POSTS[1:]], source=kind
    )
    # By a shared run, quotation or salient pairs, through the database's key rows.
    assert result.outcomes[1].group == result.outcomes[0].group
    signature = signature_of(first)
    assert signature is not None
    joined_by = getattr(signature, f"{kind}_keys")
    assert joined_by
    keys = _keys()
    assert set(joined_by) <= {key for key, _, _ in keys}
    GroupingKey.objects.filter(key__in=joined_by).delete()  # as a former release left them
    assert _keys() != keys
    services.resign_items(batch_size=2)
    assert _keys() == keys


@pytest.mark.django_db
def test_a_rewrite_ingested_later_finds_its_source_by_the_stored_salient_keys(ingest):
    first = ingest([{"id": "1", "text": CIRCULAR}], source="release")
    later = ingest([{"id": "2", "text": REWRITTEN}], source="rewrite")  # another batch
    assert later.outcomes[0].group == first.outcomes[0].group
    signature = signature_of(CIRCULAR)
    assert signature is not None
    assert set(signature.salient_keys) <= {key for key, _, _ in _keys()}
