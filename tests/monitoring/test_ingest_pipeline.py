"""The ingest's batches: prepared ahead in a helper thread, written one transaction each; a batch
the database refuses stops the ingest with its lines; the PostgreSQL array literals; and the
grouping keys' composite primary key (migration 0013) keeping the rows it finds."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from django.db import DatabaseError, IntegrityError, connection

from netra.monitoring import services
from netra.monitoring.bulk import Int8Array, array_literal, array_param, bound_cursor
from netra.monitoring.core.formats import FormatError
from netra.monitoring.core.records import Post
from netra.monitoring.models import Group, GroupingKey, Item, Sighting, SourceKind
from tests.monitoring.conftest import BOGOR_POST, NOW, SURABAYA_POST

POSTS = [
    {"id": "1", "text": BOGOR_POST},
    {"id": "2", "text": SURABAYA_POST},
    {"id": "3", "text": f"RT @warga: {BOGOR_POST}"},
    {"id": "4", "text": "Cuaca cerah hari ini di Bandung, cocok untuk jalan-jalan sore bersama"},
    {"id": "5", "text": f"Parah! {SURABAYA_POST}"},
    {"id": "6", "text": f"Info: {BOGOR_POST} #viral"},
]


AHEAD = pytest.mark.parametrize("ahead", [True, False], ids=["prepared ahead", "in turn"])


@pytest.mark.django_db
@AHEAD
def test_batches_prepared_ahead_group_as_one_batch_does(ingest, monkeypatch, ahead):
    real, threads = services._prepare, []

    def prepare(*args, **kwargs):
        threads.append(threading.current_thread().name.split("_")[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(services, "_prepare", prepare)
    # Batches of two: each is grouped after the one before is committed, in the helper's order.
    by_two = ingest(POSTS, source="by two", batch_size=2, prepare_ahead=ahead)
    helper = "netra-ingest" if ahead else "MainThread"
    assert threads == ["MainThread", helper, helper]
    first = {outcome.line: outcome.group for outcome in by_two.outcomes}
    Item.objects.all().delete()
    Group.objects.all().delete()
    at_once = ingest(POSTS, source="at once")
    assert {outcome.line: outcome.group for outcome in at_once.outcomes} == first
    assert first[3] == first[6] == first[1]
    assert first[5] == first[2]
    assert first[4] != first[1]


@pytest.mark.django_db
@AHEAD
def test_a_batch_the_database_refuses_stops_the_ingest_and_none_of_it_is_stored(
    ingest, monkeypatch, ahead
):
    real, calls = services._refresh_groups, []

    def fail_second_batch(*args, **kwargs):
        calls.append(1)
        real(*args, **kwargs)  # its rows are written, then the database fails
        if len(calls) == 2:
            raise DatabaseError("could not extend file: No space left on device")

    monkeypatch.setattr(services, "_refresh_groups", fail_second_batch)
    with pytest.raises(services.IngestBatchError) as caught:
        ingest(POSTS, batch_size=2, prepare_ahead=ahead)
    error = caught.value
    assert error.lines == [3, 4]
    assert str(error) == (
        "Lines 3 to 4 were not stored (could not extend file: No space left on device); the "
        "ingest stopped there, the 2 line(s) before them are stored."
    )
    assert isinstance(error.__cause__, DatabaseError)
    assert [outcome.line for outcome in error.result.outcomes] == [1, 2]
    # The first batch is in; the refused one was rolled back whole; the third never started.
    assert sorted(Item.objects.values_list("external_id", flat=True)) == ["1", "2"]
    assert Sighting.objects.count() == 2
    assert set(GroupingKey.objects.values_list("item__external_id", flat=True)) == {"1", "2"}
    stored = Group.objects.get(key=error.result.outcomes[0].group)
    assert (stored.item_count, stored.sighting_count) == (1, 1)
    # Once the cause is gone, the same file again stores the rest, grouped as without the failure.
    monkeypatch.setattr(services, "_refresh_groups", real)
    again = ingest(POSTS, batch_size=2)
    groups = {outcome.line: outcome.group for outcome in again.outcomes}
    assert groups[3] == groups[6] == groups[1]
    assert groups[5] == groups[2]
    assert Item.objects.count() == 6


@pytest.mark.django_db
def test_the_cli_reports_a_refused_batch_with_exit_code_3_and_lists_the_stored_lines(
    regions, monkeypatch, tmp_path
):
    from typer.testing import CliRunner

    from netra.cli import app

    real = services.upsert_latest

    def fail_second_batch(*args, **kwargs):
        if Item.objects.filter(external_id="3").exists():
            raise DatabaseError("canceling statement due to statement timeout")
        return real(*args, **kwargs)

    monkeypatch.setattr(services, "upsert_latest", fail_second_batch)
    monkeypatch.setattr(services, "BATCH_SIZE", 2)
    source = tmp_path / "posts.jsonl"
    source.write_text("\n".join(json.dumps(post) for post in POSTS[:4]))
    out = tmp_path / "groups.jsonl"
    result = CliRunner().invoke(
        app, ["ingest", str(source), "--groups-out", str(out)], catch_exceptions=False
    )
    assert result.exit_code == 3
    assert "posts.jsonl: Lines 3 to 4 were not stored (canceling statement" in result.output
    assert [json.loads(line)["line"] for line in out.read_text().splitlines()] == [1, 2]
    assert Item.objects.count() == 2


@pytest.mark.django_db
@AHEAD
def test_an_input_error_found_while_preparing_ahead_reaches_the_caller(regions, ahead):
    def rows() -> Iterator[Post]:
        yield Post(1, "1", BOGOR_POST)
        yield Post(2, "2", SURABAYA_POST)
        raise FormatError("posts.jsonl: not UTF-8 after line 2")

    source = services.source_named("uji", kind=SourceKind.FILE)
    with pytest.raises(FormatError, match="after line 2"):
        services.ingest_posts(rows(), source=source, now=NOW, batch_size=2, prepare_ahead=ahead)
    assert Item.objects.count() == 2  # the batch read before the error is stored


def test_array_literals_quote_what_needs_it():
    assert array_literal([1, -2, 3], "bigint") == "{1,-2,3}"
    assert array_literal([1, None], "integer") == "{1,NULL}"
    assert array_literal(['a "b"', "c\\d", "", None, "NULL"], "text") == (
        '{"a \\"b\\"","c\\\\d","",NULL,"NULL"}'
    )
    assert array_literal([True, False, 0.1], "text") == "{t,f,0.1}"


def test_arrays_of_strings_alone_are_quoted_as_element_by_element():
    from netra.monitoring.bulk import _array_element

    cases = [
        ['a "b"', "c\\d", "", "NULL", "{x,y}", "Ñ, 😀", '\\"', ","],
        ["only"],
        ("a", "b"),
        ["nul\x00inside", "x"],  # not one pass: element by element, as the server is sent
    ]
    for values in cases:
        expected = "{" + ",".join(map(_array_element, values)) + "}"
        assert array_literal(values, "text") == expected
        assert array_literal(iter(values), "text") == expected
    assert array_literal([], "text") == "{}"


def test_empty_json_columns_are_written_as_json_dumps_writes_them():
    from netra.monitoring.bulk import _json_text

    for value in ([], {}, None, 0, False, "", [1, "a"], {"k": [None]}, "x", 0.5):
        assert _json_text(value) == json.dumps(value)


@pytest.mark.django_db
def test_array_literals_read_back_as_the_values_sent_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("array literals are PostgreSQL's")
    texts = ['a "b"', "c\\d", "", None, "NULL", "{x,y}", " spaced ", "Ñ, 😀"]
    strings = [text for text in texts if text is not None]
    floats = [0.1, 1 / 3, 2.5e-300, -0.0]
    times = [datetime(2024, 10, 1, 2, 3, 4, 567891, tzinfo=UTC), NOW]
    with bound_cursor() as cursor:
        cursor.execute(
            "SELECT %s::text[], %s::float8[], %s::timestamptz[], %s::bigint[], %s::boolean[], "
            "%s::text[]",
            [
                array_literal(texts, "text"),
                array_literal(floats, "float8"),
                array_literal(times, "timestamptz"),
                array_literal([2**63 - 1, None], "bigint"),
                array_literal([True, None, False], "boolean"),
                array_literal(strings, "text"),  # strings alone: quoted in one pass
            ],
        )
        row = cursor.fetchone()
    assert row == (texts, floats, times, [2**63 - 1, None], [True, None, False], strings)


def test_integer_arrays_go_in_binary_form_and_the_rest_as_text():
    assert isinstance(array_param([1, -2], "bigint"), Int8Array)
    assert isinstance(array_param([], "bigint"), Int8Array)
    # NULLs, values out of the 64-bit range and other kinds: the text form, as before.
    assert array_param([1, None], "bigint") == "{1,NULL}"
    assert array_param([2**63], "bigint") == "{9223372036854775808}"
    assert array_param([1.5], "bigint") == "{1.5}"
    assert array_param(["a"], "text") == '{"a"}'
    assert array_param([1, 2], "integer") == "{1,2}"


@pytest.mark.django_db
def test_binary_integer_arrays_read_back_as_the_values_sent_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("array parameters are PostgreSQL's")
    values = [0, 1, -1, 2**63 - 1, -(2**63), 12_345_678_901_234_567, 255, 256]
    with bound_cursor() as cursor:
        cursor.execute(
            "SELECT %s::bigint[], %s::bigint[], %s::bigint[], %s::bigint[] = '{}', "
            "(SELECT count(*) FROM unnest(%s::bigint[]))",
            [
                array_param(values, "bigint"),
                array_param(tuple(values[:3]), "bigint"),
                array_param([5, None], "bigint"),
                array_param([], "bigint"),
                array_param(list(range(10_000)), "bigint"),
            ],
        )
        row = cursor.fetchone()
    assert row == (values, values[:3], [5, None], True, 10_000)
    with pytest.raises(DatabaseError, match="out of range"), bound_cursor() as cursor:
        cursor.execute("SELECT %s::bigint[]", [array_param([2**63], "bigint")])


@pytest.mark.django_db(transaction=True)
def test_the_composite_primary_key_migration_keeps_the_keys(regions):
    import importlib

    from django.db.migrations.executor import MigrationExecutor

    migration = importlib.import_module(
        "netra.monitoring.migrations.0013_grouping_key_composite_primary_key"
    )
    loader = MigrationExecutor(connection).loader
    before = loader.project_state(("monitoring", "0012_unique_hashes_without_pattern_index"))
    after = loader.project_state(("monitoring", "0013_grouping_key_composite_primary_key"))
    old, new = before.apps.get_model("monitoring", "GroupingKey"), GroupingKey
    rows = [(2**62 + 5, 7, 11), (-3, 7, 12), (-3, 8, 13)]
    with connection.schema_editor() as editor:  # the table as 0012 left it, with rows
        editor.delete_model(new)
        editor.create_model(old)
    table = connection.ops.quote_name(new._meta.db_table)
    with connection.cursor() as cursor:
        for row in rows:
            cursor.execute(
                f'INSERT INTO {table} ("key", group_id, item_id) VALUES (%s, %s, %s)',  # noqa: S608
                row,
            )
    with connection.schema_editor() as editor:
        migration.to_composite_key(after.apps, editor)
    assert sorted(new.objects.values_list("key", "group_id", "item_id")) == sorted(rows)
    with connection.cursor() as cursor:
        about = connection.introspection.get_constraints(cursor, new._meta.db_table)
        columns = [
            c.name for c in connection.introspection.get_table_description(cursor, table.strip('"'))
        ]
    assert "id" not in columns
    (primary,) = [value["columns"] for value in about.values() if value["primary_key"]]
    assert primary == ["key", "group_id"]
    assert any(value["columns"] == ["group_id"] and value["index"] for value in about.values())
    with pytest.raises(IntegrityError):
        new.objects.create(key=-3, group_id=7, item_id=14)


@pytest.mark.django_db
@AHEAD
def test_sighting_counts_added_batch_by_batch_equal_a_full_count(ingest, ahead):
    from datetime import timedelta

    fields = ("item_count", "sighting_count", "reach", "last_seen_at")
    ingest(POSTS, batch_size=4, prepare_ahead=ahead)
    ingest(POSTS, batch_size=4, prepare_ahead=ahead)  # the same sightings: not counted twice
    ingest(POSTS[:3], source="another", now=NOW + timedelta(hours=1), batch_size=2)
    added = list(Group.objects.order_by("id").values_list(*fields))
    services._refresh_groups(set(Group.objects.values_list("id", flat=True)))
    assert list(Group.objects.order_by("id").values_list(*fields)) == added
    assert sum(row[1] for row in added) == Sighting.objects.count() == 9
    assert max(row[3] for row in added) == NOW + timedelta(hours=1)


def _stored_keys() -> dict[tuple[int, int], int]:
    return {(key, group): item for key, group, item in GroupingKey.objects.values_list(
        "key", "group_id", "item_id"
    )}  # fmt: skip


ROWS_OR_MAPPING = pytest.mark.parametrize("mapping", [False, True], ids=["rows", "by unique"])


def _shaped(rows: list[tuple[int, int, int]], mapping: bool) -> object:
    """The rows, or (as the ingest passes them) the latest item by key and group."""
    return {(key, group): item for key, group, item in rows} if mapping else rows


@pytest.mark.django_db
@ROWS_OR_MAPPING
def test_keys_the_caller_read_as_stored_are_raised_and_the_others_inserted(mapping):
    fields, unique = ("key", "group", "item"), ("key", "group")
    services.upsert_latest(
        GroupingKey, fields, [(1, 10, 100), (2, 10, 100)], unique=unique, latest="item"
    )
    services.upsert_latest(
        GroupingKey,
        fields,
        _shaped([(2, 10, 99), (1, 10, 105), (3, 10, 105), (1, 11, 105)], mapping),
        unique=unique,
        latest="item",
        stored={(1, 10), (2, 10)},
    )
    # Raised only to a later item; new pairs inserted (PostgreSQL: an UPDATE, then an INSERT).
    assert _stored_keys() == {(1, 10): 105, (2, 10): 100, (3, 10): 105, (1, 11): 105}


@pytest.mark.django_db
@ROWS_OR_MAPPING
def test_keys_another_transaction_wrote_or_removed_since_the_read_still_end_up_right(mapping):
    fields, unique = ("key", "group", "item"), ("key", "group")
    services.upsert_latest(
        GroupingKey, fields, [(1, 10, 100), (5, 10, 100)], unique=unique, latest="item"
    )
    services.upsert_latest(
        GroupingKey,
        fields,
        # (4, 10) is said stored and is not (removed by a fold since): the raise misses it;
        # (5, 10) is said new and is stored (written by another ingest since): the INSERT fails.
        _shaped([(1, 10, 107), (4, 10, 107), (5, 10, 107), (6, 10, 107)], mapping),
        unique=unique,
        latest="item",
        stored={(1, 10), (4, 10)},
    )
    assert _stored_keys() == {(1, 10): 107, (4, 10): 107, (5, 10): 107, (6, 10): 107}
    with pytest.raises(ValueError, match="must lead"):
        services.upsert_latest(
            GroupingKey, ("item", "key", "group"), [(1, 2, 3)], unique=unique, latest="item",
            stored=set(),
        )  # fmt: skip
    with pytest.raises(ValueError, match="unique, then latest"):
        services.upsert_latest(
            GroupingKey, ("key", "group", "item", "key"), {(1, 2): 3}, unique=unique,
            latest="item",
        )  # fmt: skip


@pytest.mark.django_db
def test_items_remembered_between_batches_group_as_items_read_back(ingest, monkeypatch):
    by_two = ingest(POSTS, source="remembered", batch_size=2)
    remembered = {outcome.line: outcome.group for outcome in by_two.outcomes}
    Item.objects.all().delete()
    Group.objects.all().delete()
    monkeypatch.setattr(services, "MAX_SEEN_ITEMS", -1)  # forgotten at every batch: all read
    read = ingest(POSTS, source="read back", batch_size=2)
    assert {outcome.line: outcome.group for outcome in read.outcomes} == remembered
    assert remembered[3] == remembered[6] == remembered[1]
