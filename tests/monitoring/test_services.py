"""Ingest (stored once, screened, grouped across batches) and triage (accept, dismiss, fold)."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from netra.analysis import Analyzer
from netra.cases.models import AnalyzerSuggestion, Origin
from netra.monitoring.models import (
    Group,
    GroupingKey,
    GroupStatus,
    Item,
    Sighting,
    TriageDecision,
)
from netra.monitoring.scope import GroupNotFoundError
from netra.monitoring.selectors import group_detail_for, queue_for
from netra.monitoring.services import (
    MonitoringError,
    TriageNotAllowedError,
    accept_group,
    analyze_pending,
    dismiss_group,
    mark_duplicate,
)
from netra.monitoring.training import training_records
from tests.monitoring.conftest import BOGOR_POST, NOW, SURABAYA_POST

pytestmark = pytest.mark.django_db


def test_the_same_content_is_stored_once_with_a_sighting_per_arrival(ingest):
    result = ingest(
        [
            {"id": "1", "text": BOGOR_POST, "platform": "x", "author": "@a"},
            {"id": "2", "text": BOGOR_POST + "  ", "platform": "facebook", "author": "b"},
        ]
    )
    again = ingest([{"id": "3", "text": BOGOR_POST}], source="lain")
    assert (result.new_items, result.repeated_items, again.repeated_items) == (1, 1, 1)
    item = Item.objects.get()
    assert Sighting.objects.filter(item=item).count() == 3
    group = item.group
    assert (group.item_count, group.sighting_count) == (1, 3)
    assert len(item.sha256) == 64


def test_a_flagged_post_is_screened_with_its_region_read_from_the_text(ingest, regions):
    ingest([{"id": "1", "text": BOGOR_POST}, {"id": "2", "text": "Cuaca cerah di Bogor hari ini"}])
    flagged = Item.objects.get(external_id="1")
    assert flagged.is_violation
    assert flagged.score > 0.5
    assert flagged.acts
    assert flagged.region == regions["bogor"]
    assert flagged.region_source == "text"
    assert flagged.is_analysis_pending  # the full reading comes after the ingest
    assert analyze_pending() == 1
    flagged.refresh_from_db()
    assert flagged.analysis["findings"]  # the full suggestion, with evidence spans
    assert not flagged.is_analysis_pending
    quiet = Item.objects.get(external_id="2")
    assert not quiet.is_violation
    assert (quiet.analysis, quiet.is_analysis_pending) == ({}, False)
    assert analyze_pending() == 0


# Posted at 06:30 WIB on 12 September (23:30 UTC on the 11th): the date the analyzer reads is the
# source's own, before and after the item is stored.
DEFERRED_POSTS = [
    {"id": "1", "text": BOGOR_POST, "posted_at": "2024-09-12T06:30:00"},
    {"id": "2", "text": SURABAYA_POST, "posted_at": "2024-09-11T23:30:00Z"},
    {"id": "3", "text": "Kepala Desa Sukamaju di Kabupaten Garut membagikan stiker calon bupati"},
    {"id": "4", "text": "Cuaca cerah di Bogor hari ini"},
]


def _readings() -> dict[str, tuple[object, ...]]:
    return {
        item.external_id: (
            item.region_id,
            item.region_source,
            item.analysis,
            item.analyzer_version,
            item.score,
        )
        for item in Item.objects.all()
    }


def test_the_deferred_full_reading_is_the_one_made_at_ingest(ingest):
    eager = Analyzer.default().configured()  # the same analyzer, not the default object
    assert eager is not Analyzer.default()
    ingest(DEFERRED_POSTS, analyzer=eager)
    assert not Item.objects.filter(is_analysis_pending=True).exists()
    at_once = _readings()
    Sighting.objects.all().delete()
    GroupingKey.objects.all().delete()
    Item.objects.all().delete()
    Group.objects.all().delete()
    ingest(DEFERRED_POSTS)
    assert Item.objects.filter(is_analysis_pending=True).count() == 3
    assert analyze_pending() == 3
    assert _readings() == at_once
    assert at_once["1"][2]["findings"]
    assert at_once["1"][2]["date"] == "2024-09-12"  # the WIB date, not the stored UTC one


def test_opening_the_group_page_makes_its_items_full_reading(ingest, client, cast):
    ingest([{"id": "1", "text": BOGOR_POST}])
    group = Group.objects.get()
    client.force_login(cast["panwas_bogor"])
    assert client.get(f"/desk/pantauan/kelompok/{group.pk}/").status_code == 200
    item = Item.objects.get()
    assert not item.is_analysis_pending
    assert item.analysis == Analyzer.default().analyze(BOGOR_POST).to_dict()


def test_reposts_join_one_group_across_batches(ingest):
    result = ingest(
        [
            {"id": "1", "text": BOGOR_POST},
            {"id": "2", "text": "Cuaca cerah hari ini, cocok untuk jalan-jalan sore di taman kota"},
            {"id": "3", "text": f"RT @warga: {BOGOR_POST} #NetralitasASN"},
            {"id": "4", "text": f"Tolong diusut! {BOGOR_POST}"},
        ],
        batch_size=1,
    )
    groups = [outcome.group for outcome in result.outcomes]
    assert groups[0] == groups[2] == groups[3] != groups[1]
    group = Group.objects.get(key=groups[0])
    assert group.item_count == 3
    assert group.earliest_item is not None
    assert group.earliest_item.external_id == "1"


def test_bad_rows_are_outcomes_with_their_line_and_the_rest_go_in(ingest):
    result = ingest([{"id": "1", "text": BOGOR_POST}, {"id": "2"}])
    assert [o.error for o in result.outcomes] == [None, "missing field 'text'"]
    assert result.outcomes[1].line == 2
    assert Item.objects.count() == 1


def test_the_queue_is_scoped_to_the_viewers_region(ingest, cast):
    ingest([{"id": "1", "text": BOGOR_POST}, {"id": "2", "text": SURABAYA_POST}])
    bogor = set(queue_for(cast["panwas_bogor"]).values_list("region__code", flat=True))
    assert bogor == {"32.01"}
    assert queue_for(cast["bawaslu_ri"]).count() == 2
    assert not queue_for(cast["outsider_surabaya"]).filter(region__code="32.01").exists()


def test_authors_are_shown_to_supervisors_only(ingest, cast):
    ingest([{"id": "1", "text": BOGOR_POST, "author": "@pelapor_rahasia"}])
    group = Group.objects.get()
    assert group_detail_for(cast["panwas_bogor"], group.pk).items[0].author == "@pelapor_rahasia"
    assert group_detail_for(cast["viewer_bogor"], group.pk).items[0].author is None
    for outside in ("outsider_surabaya", "ppk_bogor", "bkn_analyst"):  # no queue for BKN/PPK
        with pytest.raises(GroupNotFoundError):
            group_detail_for(cast[outside], group.pk)


def test_the_case_quotes_capture_times_as_a_reader_writes_them_and_keeps_the_exact_instant(
    ingest, cast, elections
):
    from datetime import UTC, datetime

    from netra.monitoring.models import Item

    ingest([{"id": "1", "text": BOGOR_POST, "url": "https://x.com/a/status/1"}])
    seen = datetime(2024, 9, 30, 23, 5, 7, 123456, tzinfo=UTC)  # 1 October 06.05 in Bogor (WIB)
    Item.objects.update(first_seen_at=seen)
    group = Group.objects.get()
    item = group.items.get()
    case = accept_group(
        group,
        actor=cast["panwas_bogor"],
        election=elections["bogor"],
        now=NOW,
        today=date(2024, 10, 1),
    )
    assert (
        "https://x.com/a/status/1: pertama terlihat 1 Oktober 2024 06.05 WIB "
        f"(2024-09-30T23:05:07.123456+00:00), SHA-256 {item.sha256}"
    ) in case.description


def test_a_time_is_written_in_the_region_s_own_zone():
    from datetime import UTC, datetime

    from netra.regions.models import Region
    from netra.regions.zones import local_time_id

    moment = datetime(2024, 12, 1, 7, 5, tzinfo=UTC)
    assert local_time_id(moment, Region(code="32.01")) == "1 Desember 2024 14.05 WIB"
    assert local_time_id(moment, Region(code="73.71")) == "1 Desember 2024 15.05 WITA"
    assert local_time_id(moment, Region(code="91.71")) == "1 Desember 2024 16.05 WIT"


def test_accept_opens_a_temuan_case_with_the_analyzers_suggestion(ingest, cast, elections):
    ingest(
        [
            {"id": "1", "text": BOGOR_POST, "url": "https://x.com/a/status/1"},
            {"id": "2", "text": f"RT @a: {BOGOR_POST}", "url": "https://x.com/b/status/2"},
        ]
    )
    group = Group.objects.get()
    case = accept_group(
        group,
        actor=cast["panwas_bogor"],
        election=elections["bogor"],
        now=NOW,
        today=date(2024, 10, 1),
    )
    assert case.origin == Origin.FINDING
    assert case.region.code == "32.01"
    suggestion = AnalyzerSuggestion.objects.get(case=case)
    assert suggestion.is_violation
    assert suggestion.acts
    assert group.items.first().sha256 in case.description  # type: ignore[union-attr]
    assert set(case.evidence.values_list("url", flat=True)) == {
        "https://x.com/a/status/1",
        "https://x.com/b/status/2",
    }
    group.refresh_from_db()
    assert (group.status, group.case) == (GroupStatus.ACCEPTED, case)
    decision = TriageDecision.objects.get(group=group)
    assert decision.verdict == "accepted"
    assert decision.suggested_is_violation
    with pytest.raises(MonitoringError, match="already accepted"):
        dismiss_group(group, actor=cast["panwas_bogor"], reason="x", now=NOW)


def test_dismiss_needs_a_reason_and_becomes_a_redacted_training_label(ingest, cast):
    ingest(
        [{"id": "1", "text": BOGOR_POST + " kata @pelapor_rahasia", "author": "pelapor_rahasia"}]
    )
    group = Group.objects.get()
    with pytest.raises(MonitoringError, match="reason"):
        dismiss_group(group, actor=cast["panwas_bogor"], reason="  ", now=NOW)
    dismiss_group(group, actor=cast["panwas_bogor"], reason="video lama, 2019", now=NOW)
    [record] = training_records(TriageDecision.objects.all())
    assert record["is_violation"] is False
    assert "pelapor_rahasia" not in str(record["text"])
    assert "video lama, 2019" in str(record["note"])


def test_only_supervisors_in_scope_triage(ingest, cast):
    ingest([{"id": "1", "text": BOGOR_POST}])
    group = Group.objects.get()
    with pytest.raises(TriageNotAllowedError):
        dismiss_group(group, actor=cast["ppk_bogor"], reason="x", now=NOW)
    with pytest.raises(GroupNotFoundError):
        dismiss_group(group, actor=cast["outsider_surabaya"], reason="x", now=NOW)


def test_mark_duplicate_folds_items_into_the_other_group(ingest, cast):
    other = "Video camat ikut kampanye paslon dua itu sudah dilaporkan ke Bawaslu Kabupaten Bogor"
    ingest([{"id": "1", "text": BOGOR_POST}, {"id": "2", "text": other}])
    first, second = Group.objects.order_by("id")
    mark_duplicate(second, of=first, actor=cast["bawaslu_ri"], now=NOW)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.item_count == 2
    assert (second.status, second.duplicate_of) == (GroupStatus.DUPLICATE, first)
    with pytest.raises(MonitoringError, match="itself"):
        mark_duplicate(first, of=first, actor=cast["bawaslu_ri"], now=NOW)


def test_a_groups_key_points_at_its_latest_item_once_per_key(ingest):
    ingest([{"id": "1", "text": BOGOR_POST}])
    ingest([{"id": "2", "text": f"RT @warga: {BOGOR_POST}"}])
    group = Group.objects.get()
    original, repost = Item.objects.order_by("id")
    keys = list(GroupingKey.objects.values_list("key", "group_id", "item_id"))
    assert len(keys) == len({(key, group_id) for key, group_id, _ in keys})
    assert {group_id for _, group_id, _ in keys} == {group.pk}
    assert {item for _, _, item in keys} == {repost.pk}  # a retweet has the original's bands
    assert original.group_id == repost.group_id


def test_folding_groups_that_share_keys_keeps_one_key_each_with_the_later_item(ingest, cast):
    # 5-gram similarity 0.87 (shares a band), word 4-gram containment 0.89
    edited = BOGOR_POST.replace("Cibinong", "Citeureup")
    ingest([{"id": "1", "text": BOGOR_POST}], threshold=0.95)
    ingest([{"id": "2", "text": edited}], threshold=0.95)
    first, second = Group.objects.order_by("id")
    later = Item.objects.get(external_id="2")
    shared = set(GroupingKey.objects.filter(group=first).values_list("key", flat=True)) & set(
        GroupingKey.objects.filter(group=second).values_list("key", flat=True)
    )
    assert shared  # near copies held apart by the strict threshold
    mark_duplicate(second, of=first, actor=cast["bawaslu_ri"], now=NOW)
    keys = list(GroupingKey.objects.values_list("key", "group_id", "item_id"))
    assert len(keys) == len({key for key, _, _ in keys})
    assert {group_id for _, group_id, _ in keys} == {first.pk}
    assert all(item == later.pk for key, _, item in keys if key in shared)
    result = ingest([{"id": "3", "text": f"RT @warga: {edited}"}], threshold=0.95)
    assert result.outcomes[0].group == first.key


def test_group_figures_folded_batch_by_batch_equal_a_full_recount(ingest, regions):
    import random
    from datetime import timedelta

    from netra.monitoring.services import _refresh_groups
    from tests.monitoring.conftest import SURABAYA_POST

    rng = random.Random(5)
    stories = [BOGOR_POST, SURABAYA_POST, "Cuaca cerah hari ini, cocok untuk jalan-jalan sore"]
    for batch in range(6):
        posts = []
        for n in range(8):
            story = rng.choice(stories)
            posts.append(
                {
                    "id": f"{batch}-{n}",
                    "text": rng.choice([story, f"RT @w{n}: {story}", f"{story} #viral{batch}"]),
                    "platform": rng.choice(["x", "facebook", "tiktok"]),
                    "region": rng.choice(["", "32.73", "35.78"]),
                    "reach": rng.randrange(100),
                    "posted_at": f"2024-09-{20 + rng.randrange(10)}T10:00:00+07:00",
                }
            )
        ingest(posts, now=NOW + timedelta(minutes=batch), batch_size=3)
    fields = (
        "item_count", "sighting_count", "reach", "score", "is_violation", "category",
        "subject_type", "region_id", "platforms", "regions", "earliest_item_id", "last_seen_at",
    )  # fmt: skip
    folded = list(Group.objects.order_by("id").values_list(*fields))
    _refresh_groups(set(Group.objects.values_list("id", flat=True)))
    assert list(Group.objects.order_by("id").values_list(*fields)) == folded
    assert sum(row[0] for row in folded) == Item.objects.count()


def test_an_items_grouping_keys_go_with_it_though_the_database_does_not_check_them(ingest):
    # The keys' references are unchecked by the database (migration 0011): Django cascades.
    ingest([{"id": "1", "text": BOGOR_POST}, {"id": "2", "text": SURABAYA_POST}])
    kept = Item.objects.get(external_id="2")
    assert GroupingKey.objects.filter(item=kept).exists()
    Item.objects.filter(external_id="1").delete()
    assert set(GroupingKey.objects.values_list("item_id", flat=True)) == {kept.pk}
    assert set(GroupingKey.objects.values_list("group_id", flat=True)) == {kept.group_id}


def test_content_hashes_and_group_keys_stay_unique(ingest):
    ingest([{"id": "1", "text": BOGOR_POST}])
    item = Item.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Group.objects.create(key=item.group.key, first_seen_at=NOW, last_seen_at=NOW)
    item.pk = None
    with pytest.raises(IntegrityError), transaction.atomic():
        item.save()
