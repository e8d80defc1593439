"""PostgreSQL: the items' content hashes and the groups' keys (hex SHA-256 digests) compare
byte by byte (collation "C") instead of by the database's locale.

Their unique indexes are searched and extended for every item and group the ingest writes, each
step a string comparison: under a locale such as en_US.UTF-8 or C.UTF-8 that is the C
library's `strcoll`, under "C" a `memcmp`. The order of hex digests means nothing and equality
is the same under both, so no query's answer changes. SQLite compares bytes already (its
default collation is BINARY) and has no "C" collation: nothing is done there; the model's state
is untouched (SQLite would otherwise be asked for "C" when it next copies a table)."""

from django.db import migrations

COLUMNS = (("monitoring_item", "sha256"), ("monitoring_group", "key"))


def _collate(collation: str):  # type: ignore[no-untyped-def]
    def run(apps, schema_editor):  # type: ignore[no-untyped-def]
        if schema_editor.connection.vendor != "postgresql":
            return
        for table, column in COLUMNS:
            schema_editor.execute(
                f'ALTER TABLE "{table}" ALTER COLUMN "{column}" TYPE varchar(64) '
                f'COLLATE "{collation}"'
            )

    return run


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0015_unused_indexes")]

    operations = [
        migrations.RunPython(_collate("C"), reverse_code=_collate("default")),
    ]
