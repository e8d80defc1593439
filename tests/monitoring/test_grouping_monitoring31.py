"""Monitoring-31: groups one item bridges are merged (by the run, quote, rare-words, quoted-words
or retold rule; not `release`, not `text`), in the
core and in the ingest (the supervisor's fold, an audit entry by the system), the oldest group
kept, a group with a decision or a case never merged away.

The texts are written for these tests: a Panwaslu release on a camat at a declaration, printed
whole by one outlet (RILIS), its first paragraphs by another (AWAL) and its last ones by a third
(AKHIR). The two excerpts share no wording, so each starts a group; the whole release joins
AKHIR's by its text and passes the run rule against AWAL: one release, one group."""

from __future__ import annotations

import pytest

from netra.audit.models import AuditEvent
from netra.monitoring.core.evaluate import LabelledItem, group_labelled
from netra.monitoring.core.grouping import Grouper, MemoryIndex, Merge
from netra.monitoring.models import Group, GroupingKey, GroupStatus, Item
from tests.monitoring.conftest import NOW

AWAL = (
    "Camat Sukamaju terlihat hadir dalam acara deklarasi dukungan calon bupati di lapangan desa "
    "pada Sabtu pagi. Ia mengenakan kaus bergambar pasangan calon dan ikut berfoto bersama para "
    "relawan yang membawa spanduk. Warga yang hadir menyebut camat juga sempat memberi sambutan "
    "singkat di panggung utama sebelum acara ditutup dengan doa bersama. Beberapa perangkat desa "
    "juga tampak membagikan kalender bergambar calon kepada warga yang pulang dari lapangan."
)
AKHIR = (
    "Panwaslu Kecamatan Sukamaju menerima laporan warga beserta rekaman video acara itu dan foto "
    "undangan yang beredar di grup percakapan perangkat desa. Pengawas akan memanggil camat "
    "untuk dimintai klarifikasi pekan depan, bersama dua kepala desa yang ikut naik ke panggung. "
    "Ketua Panwaslu mengingatkan bahwa aparatur sipil negara wajib menjaga netralitas dan "
    "meminta warga terus melapor bila melihat pejabat ikut berkampanye."
)
RILIS = f"{AWAL} {AKHIR}"
STREAM = [("a", AWAL), ("b", AKHIR), ("c", RILIS)]


def _group(**kwargs):
    grouper = Grouper(MemoryIndex(), **kwargs)
    assigned = {item: grouper.assign(item, grouper.keys_of(text)) for item, text in STREAM}
    return grouper, assigned


def test_an_item_that_passes_rules_against_two_groups_merges_them_into_the_oldest():
    grouper, assigned = _group()
    assert grouper.merges == [Merge("a", "b", "c", "a", "run", "b", "text")]
    assert assigned["c"].group == "a"  # it joined b, which went into a
    assert grouper.resolve("b") == "a"
    # The index answers a's name for b's items: a later copy of B joins the merged group.
    later = grouper.assign("d", grouper.keys_of(f"Info: {AKHIR}"))
    assert later.group == "a"
    assert later.matched == "b"


def test_without_merging_the_bridge_joins_one_group_and_the_two_stay_apart():
    grouper, assigned = _group(merge=False)
    assert grouper.merges == []
    assert assigned["c"].group == "b"
    assert grouper.resolve("b") == "b"


@pytest.mark.parametrize(
    ("rule", "merged"), [("release", False), ("text", False), ("run", True), ("quoted words", True)]
)
def test_a_bridge_by_the_release_or_text_rule_merges_nothing(monkeypatch, rule, merged):
    # The bridge to A made to pass `rule` first (as `_passes` tries them), against the same
    # bridge by run or quoted words.
    monkeypatch.setattr(Grouper, "_passes", lambda self, item, signature, entry, kinds: rule)
    grouper, assigned = _group()
    assert bool(grouper.merges) is merged
    assert assigned["c"].group == ("a" if merged else "b")


def test_a_group_with_a_decision_is_merged_into_never_merged_away():
    grouper, assigned = _group(locked=lambda group: group == "b")
    assert grouper.merges == [Merge("b", "a", "c", "b", "text", "a", "run")]
    assert assigned["c"].group == "b"
    assert grouper.resolve("a") == "b"


def test_two_groups_with_decisions_are_kept_apart_and_the_merge_listed_as_such():
    grouper, assigned = _group(locked=lambda group: True)
    assert grouper.merges == [Merge("b", "a", "c", "b", "text", "a", "run", kept_apart=True)]
    assert assigned["c"].group == "b"
    assert grouper.resolve("a") == "a"


def test_group_labelled_scores_the_merged_groups():
    items = [LabelledItem(item, "one", text) for item, text in STREAM]
    assert set(group_labelled(items).values()) == {"a"}
    assert len(set(group_labelled(items, merge=False).values())) == 2


# The database ingest: the same merge, folded in the batch.


def _posts(*texts):
    return [{"id": str(n), "text": text} for n, text in enumerate(texts, 1)]


@pytest.mark.django_db
@pytest.mark.parametrize("batch_size", [1, 3], ids=["a batch each", "one batch"])
def test_the_ingest_folds_the_bridged_group_into_the_oldest_with_an_audit_entry(ingest, batch_size):
    result = ingest(_posts(AWAL, AKHIR, RILIS), batch_size=batch_size)
    keys = [outcome.group for outcome in result.outcomes]
    # The bridge's line reports the merged group; so do the earlier lines of its batch.
    assert keys[2] == keys[0]
    assert (keys[1] == keys[0]) is (batch_size == 3)
    assert result.merged_groups == 1
    survivor = Group.objects.get(key=keys[0])
    merged = Group.objects.exclude(pk=survivor.pk).get()
    assert survivor.status == GroupStatus.OPEN
    assert survivor.item_count == 3
    assert survivor.sighting_count == 3
    assert merged.status == GroupStatus.DUPLICATE
    assert merged.duplicate_of == survivor
    assert merged.item_count == 0
    assert set(Item.objects.values_list("group", flat=True)) == {survivor.pk}
    assert not GroupingKey.objects.filter(group=merged).exists()
    assert Item.objects.get(text=AWAL).group_id == survivor.pk  # the oldest group kept
    event = AuditEvent.objects.get(action="monitoring.merge_groups")
    assert event.actor_id is None
    assert event.actor_label == "system"
    assert event.object_id == str(merged.pk)
    bridge = Item.objects.get(text=RILIS).sha256
    assert event.after["item"] == bridge
    assert event.after["into"] == survivor.key
    assert {event.after["into_rule"], event.after["merged_rule"]} == {"run", "text"}
    # The grouping in memory makes the same partition.
    by_text = {item.text: item.group_id for item in Item.objects.all()}
    in_memory = group_labelled([LabelledItem(i, "x", t) for i, t in STREAM])
    assert len(set(by_text.values())) == len(set(in_memory.values())) == 1


@pytest.mark.django_db
def test_a_later_copy_of_a_merged_group_joins_the_survivor(ingest):
    first = ingest(_posts(AWAL, AKHIR, RILIS))
    later = ingest([{"id": "9", "text": f"Info: {AKHIR}"}], source="lain")
    assert later.outcomes[0].group == first.outcomes[0].group
    assert Group.objects.get(key=first.outcomes[0].group).item_count == 4


@pytest.mark.django_db
def test_an_accepted_group_with_a_case_is_merged_into_not_away(ingest, cast, elections, regions):
    from netra.monitoring.services import accept_group

    ingest(_posts(AWAL, AKHIR))
    awal = Item.objects.get(text=AWAL).group
    akhir = Item.objects.get(text=AKHIR).group
    case = accept_group(
        akhir,
        actor=cast["bawaslu_ri"],
        election=elections["bogor"],
        now=NOW,
        today=NOW.date(),
        region=regions["bogor"],
    )
    result = ingest([{"id": "3", "text": RILIS}], source="lain")
    assert result.outcomes[0].group == akhir.key
    akhir.refresh_from_db()
    awal.refresh_from_db()
    assert akhir.status == GroupStatus.ACCEPTED
    assert akhir.case == case
    assert akhir.item_count == 3
    assert awal.status == GroupStatus.DUPLICATE
    assert awal.duplicate_of == akhir
    event = AuditEvent.objects.get(action="monitoring.merge_groups")
    assert event.object_id == str(awal.pk)
    assert event.after["into"] == akhir.key


@pytest.mark.django_db
def test_two_decided_groups_are_kept_apart_and_that_is_recorded(ingest, cast):
    from netra.monitoring.services import dismiss_group

    ingest(_posts(AWAL, AKHIR))
    for group in Group.objects.all():
        dismiss_group(group, actor=cast["bawaslu_ri"], reason="bukan pelanggaran", now=NOW)
    ingest([{"id": "3", "text": RILIS}], source="lain")
    assert not Group.objects.filter(status=GroupStatus.DUPLICATE).exists()
    assert Group.objects.get(key=Item.objects.get(text=AWAL).group.key).item_count == 1
    assert not AuditEvent.objects.filter(action="monitoring.merge_groups").exists()
    kept = AuditEvent.objects.get(action="monitoring.merge_kept_apart")
    assert kept.actor_label == "system"


@pytest.mark.django_db
def test_the_desk_shows_the_merged_group_and_links_the_one_merged_away(ingest, client, cast):
    ingest(_posts(AWAL, AKHIR, RILIS))
    survivor = Group.objects.get(status=GroupStatus.OPEN)
    merged = Group.objects.get(status=GroupStatus.DUPLICATE)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.force_login(cast["bawaslu_ri"])
    page = client.get(f"/desk/pantauan/kelompok/{survivor.pk}/").content.decode()
    assert "Panwaslu Kecamatan Sukamaju menerima laporan" in page  # AKHIR's group's text
    assert "Camat Sukamaju terlihat hadir" in page
    folded = client.get(f"/desk/pantauan/kelompok/{merged.pk}/").content.decode()
    assert f'href="/desk/pantauan/kelompok/{survivor.pk}/"' in folded
