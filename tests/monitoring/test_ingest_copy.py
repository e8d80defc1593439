"""PostgreSQL's binary COPY on the ingest's path (monitoring-33): the items and groups it writes
read back as the ORM writes them, the new grouping keys go in sorted and whole, and what COPY
cannot send or the server refuses comes out as Django's errors."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction

from netra.monitoring import bulk, services
from netra.monitoring.models import Group, GroupingKey, Item, Source, SourceKind

pytestmark = pytest.mark.django_db

JAKARTA = timezone(timedelta(hours=7))


@pytest.fixture
def postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("COPY is PostgreSQL's; SQLite's rows go by executemany")


def _group(key: str) -> Group:
    at = datetime(2024, 11, 1, 8, 0, tzinfo=UTC)
    return Group.objects.create(key=key, first_seen_at=at, last_seen_at=at)


def _item_values(source: Source, group: Group) -> list[dict[str, object]]:
    """Items with every kind of value the ingest writes, the awkward ones included."""
    common = {"source": source.pk, "group": group.pk, "first_seen_at": datetime.now(UTC)}
    return [
        common
        | {
            "text": 'Kepala desa "ikut" kampanye\\ di\tBogor\nbaris dua 😀 Ñ',
            "external_id": "x-1",
            "url": "https://contoh.id/a?b=1&c=ä",
            "author": '@warga "satu"',
            "platform": "x",
            "posted_at": datetime(2024, 11, 2, 9, 30, 15, 123456, tzinfo=JAKARTA),
            "region": None,
            "region_source": "",
            "reach": 2**40,
            "media": [{"name": "foto 1.jpg", "sha256": "ab" * 32, "phash": "00ff00ff00ff00ff"}],
            "links": ["https://contoh.id/berita", "http://x.co/é"],
            "is_violation": True,
            "score": 0.8125,
            "category": 2,
            "subject_type": "village_head",
            "acts": ["campaign", 'kampanye "terbuka"'],
            "analysis": {"norms": [{"ref": "UU 6/2014 Pasal 29", "weight": 1.5}], "none": None},
            "is_analysis_pending": False,
            "posted_on": date(2024, 11, 2),
            "analyzer_version": "model.test",
            "signature": bytes(range(256)) + b"\x00\x00\xff",
            "similarity": 0.5,
        },
        common
        | {
            "text": "",
            "external_id": "x-2",
            "url": "",
            "author": "",
            "platform": "",
            "posted_at": None,
            "region": None,
            "region_source": "",
            "reach": 0,
            "media": [],
            "links": [],
            "is_violation": False,
            "score": 0.0,
            "category": None,
            "subject_type": "",
            "acts": [],
            "analysis": {},
            "is_analysis_pending": True,
            "posted_on": None,
            "analyzer_version": "",
            "signature": b"",
            "similarity": None,
        },
    ]


def _read(shas: list[str]) -> list[tuple[object, ...]]:
    fields = [name for name in services.ITEM_FIELDS if name not in {"sha256", "signature"}]
    rows = Item.objects.filter(sha256__in=shas).order_by("sha256")
    return [
        (*(getattr(item, name if name not in {"group", "source", "region"} else f"{name}_id")
           for name in fields), bytes(item.signature))
        for item in rows
    ]  # fmt: skip


@pytest.fixture
def copy_statements(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The statements the test's code gives psycopg's COPY, which still runs."""
    import psycopg

    statements: list[str] = []
    copy = psycopg.Cursor.copy

    def recorded(self: psycopg.Cursor, statement: str, *args: object, **kwargs: object) -> object:
        statements.append(statement)
        return copy(self, statement, *args, **kwargs)

    monkeypatch.setattr(psycopg.Cursor, "copy", recorded)
    return statements


def test_items_copied_in_binary_read_back_as_the_orm_writes_them(postgresql, copy_statements):
    source = Source.objects.create(name="copy", kind=SourceKind.FILE)
    group = _group("g" * 64)
    values = _item_values(source, group)
    copied = [f"{n}" * 64 for n in (1, 2)]
    written = [f"{n}" * 64 for n in (3, 4)]
    with transaction.atomic():
        bulk.insert_rows(
            Item,
            services.ITEM_FIELDS,
            [
                tuple(sha if name == "sha256" else item[name] for name in services.ITEM_FIELDS)
                for sha, item in zip(copied, values, strict=True)
            ],
        )
    Item.objects.bulk_create(
        [
            Item(
                sha256=sha,
                **{
                    (f"{name}_id" if name in {"group", "source", "region"} else name): item[name]
                    for name in services.ITEM_FIELDS
                    if name != "sha256"
                },
            )
            for sha, item in zip(written, values, strict=True)
        ]
    )
    assert len(copy_statements) == 1
    assert copy_statements[0].startswith('COPY "monitoring_item"')
    assert copy_statements[0].endswith("FROM STDIN (FORMAT BINARY)")
    assert _read(copied) == _read(written)
    assert _read(copied)[0][-1] == values[0]["signature"]


def test_a_naive_datetime_is_read_in_the_connections_time_zone_as_text_was(postgresql):
    source = Source.objects.create(name="copy", kind=SourceKind.FILE)
    group = _group("h" * 64)
    item = _item_values(source, group)[1] | {"posted_at": datetime(2024, 11, 2, 9, 30)}  # noqa: DTZ001
    bulk.insert_rows(
        Item,
        services.ITEM_FIELDS,
        [tuple("5" * 64 if name == "sha256" else item[name] for name in services.ITEM_FIELDS)],
    )
    stored = Item.objects.get(sha256="5" * 64).posted_at
    # The server read a naive value sent as text in the session's zone (UTC under USE_TZ).
    assert stored == datetime(2024, 11, 2, 9, 30, tzinfo=connection.timezone)


def test_a_refused_copy_is_djangos_integrity_error(postgresql):
    source = Source.objects.create(name="copy", kind=SourceKind.FILE)
    group = _group("i" * 64)
    item = _item_values(source, group)[1]
    row = tuple("6" * 64 if name == "sha256" else item[name] for name in services.ITEM_FIELDS)
    bulk.insert_rows(Item, services.ITEM_FIELDS, [row])
    # The ingest catches Django's DatabaseError to stop with the batch's lines; the keys'
    # fallback catches IntegrityError: psycopg's own errors would pass both by.
    with pytest.raises(IntegrityError), transaction.atomic():
        bulk.insert_rows(Item, services.ITEM_FIELDS, [row])


def test_new_keys_are_copied_whole_and_in_the_unique_index_order(postgresql):
    rows = [
        (2**63 - 1, 7, 1),
        (-(2**63), 9, 2),
        (5, 9, 3),
        (5, 7, 4),
        (0, 1, 2**62),
        (-1, 3, 5),
    ]
    names = [connection.ops.quote_name(name) for name in ("key", "group_id", "item_id")]
    table = connection.ops.quote_name(GroupingKey._meta.db_table)
    with transaction.atomic():
        assert bulk._copy_int8_rows(table, names, [*zip(*rows, strict=True)], 2)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT key, group_id, item_id FROM {table} ORDER BY ctid")  # noqa: S608
            stored = [tuple(row) for row in cursor.fetchall()]
    # Every row as sent, laid out in (key, group) order (signed, as the index sorts them).
    assert stored == sorted(rows)


def test_key_rows_copy_cannot_send_go_by_the_insert_and_the_server_says_why(postgresql):
    names = [connection.ops.quote_name(name) for name in ("key", "group_id", "item_id")]
    table = connection.ops.quote_name(GroupingKey._meta.db_table)
    assert not bulk._copy_int8_rows(table, names, [[2**63], [1], [1]], 2)
    assert not bulk._copy_int8_rows(table, names, [[1], [None], [1]], 2)
    assert not GroupingKey.objects.exists()
    with pytest.raises(DatabaseError, match="out of range"):
        services.upsert_latest(
            GroupingKey,
            ("key", "group", "item"),
            {(2**63, 1): 1},
            unique=("key", "group"),
            latest="item",
            stored=set(),
        )


def test_the_keys_the_batch_adds_go_by_copy(postgresql, copy_statements):
    services.upsert_latest(
        GroupingKey,
        ("key", "group", "item"),
        {(3, 1): 10, (-3, 2): 11},
        unique=("key", "group"),
        latest="item",
        stored=set(),
    )
    assert copy_statements == [
        'COPY "monitoring_groupingkey" ("key", "group_id", "item_id") FROM STDIN (FORMAT BINARY)'
    ]
    assert set(GroupingKey.objects.values_list("key", "group_id", "item_id")) == {
        (3, 1, 10),
        (-3, 2, 11),
    }
