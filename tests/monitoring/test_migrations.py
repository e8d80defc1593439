"""Migrations run back and forward on the database under test: the rename of `TipPhoto` to
`TipFile` (0017) keeps its rows, and the hash columns' collation (0016, PostgreSQL) is undone
and redone."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

from netra.monitoring.models import Tip, TipFile
from tests.monitoring.conftest import NOW

# The newest migration, whatever it is: the rows are read back through today's models.
LATEST = MigrationLoader(None).graph.leaf_nodes("monitoring")[0]


def _migrate(target: tuple[str, str]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    return MigrationExecutor(connection)  # a fresh loader: what is applied now


@pytest.fixture
def migrations_back() -> Iterator[None]:
    """Whatever the test does, the schema ends up as the models want it."""
    yield
    _migrate(LATEST)


@pytest.mark.django_db(transaction=True)
def test_the_rename_of_tip_photos_to_tip_files_keeps_their_rows(migrations_back):
    executor = _migrate(("monitoring", "0016_hash_columns_collate_c"))
    old = executor.loader.project_state(("monitoring", "0016_hash_columns_collate_c")).apps
    tip = old.get_model("monitoring", "Tip").objects.create(
        channel="telegram", tracking_code="A1B2C3", chat_id="42", message_id="7", received_at=NOW
    )
    old.get_model("monitoring", "TipPhoto").objects.create(
        tip=tip, kind="video", file_ref="file-7", file_name="rekaman.mp4", caption="lihat",
        status="failed", attempts=2, next_attempt_at=NOW, last_error="HTTP 404",
    )  # fmt: skip
    _migrate(LATEST)
    kept = Tip.objects.get(tracking_code="A1B2C3").file
    assert isinstance(kept, TipFile)
    assert (kept.kind, kept.file_ref, kept.file_name, kept.caption, kept.status, kept.attempts) == (
        "video", "file-7", "rekaman.mp4", "lihat", "failed", 2
    )  # fmt: skip
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, TipFile._meta.db_table)
    assert "monitoring_tipfile_due" in indexes
    assert "monitoring_tipphoto_due" not in indexes


def _collations() -> dict[tuple[str, str], str | None]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name, collation_name FROM information_schema.columns "
            "WHERE (table_name, column_name) IN "
            "(('monitoring_item', 'sha256'), ('monitoring_group', 'key'))"
        )
        return {(table, column): collation for table, column, collation in cursor.fetchall()}


@pytest.mark.django_db(transaction=True)
def test_the_hash_columns_collation_is_undone_and_redone_on_postgresql(migrations_back):
    if connection.vendor != "postgresql":
        pytest.skip("0016 changes PostgreSQL only")
    assert set(_collations().values()) == {"C"}
    _migrate(("monitoring", "0015_unused_indexes"))  # 0017, then 0016's reverse
    assert set(_collations().values()) == {None}  # the database's default again
    with connection.cursor() as cursor:
        for table, column in (("monitoring_item", "sha256"), ("monitoring_group", "key")):
            about = connection.introspection.get_constraints(cursor, table)
            assert any(c["unique"] and c["columns"] == [column] for c in about.values())
    _migrate(LATEST)
    assert set(_collations().values()) == {"C"}
