"""Drop the indexes no query uses: the item's source and region (nothing looks items up by
either; the queue reads groups), the sighting's source (the unique (source, external_id,
item) index leads with it), and the group's earliest item and duplicate-of (only followed from
the group, never searched). Every item, sighting and group row the ingest writes maintained
them (a group's figures change its queue indexes' columns: no update of it is HOT).

The indexes are dropped by name (the same on SQLite and PostgreSQL): altering the fields would
make SQLite copy the item table, twice."""

import django.db.models.deletion
from django.db import migrations, models

INDEXES = (
    ("monitoring_item_source_id_198636d1", "monitoring_item", "source_id"),
    ("monitoring_item_region_id_f00ebd6b", "monitoring_item", "region_id"),
    ("monitoring_sighting_source_id_35d4c5ee", "monitoring_sighting", "source_id"),
    ("monitoring_group_earliest_item_id_a555d040", "monitoring_group", "earliest_item_id"),
    ("monitoring_group_duplicate_of_id_43d95c23", "monitoring_group", "duplicate_of_id"),
)


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0014_tipline_videos_and_documents"),
        ("regions", "0002_add_agency"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{name}"',
                    reverse_sql=f'CREATE INDEX "{name}" ON "{table}" ("{column}")',
                )
                for name, table, column in INDEXES
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="group",
                    name="earliest_item",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="monitoring.item",
                    ),
                ),
                migrations.AlterField(
                    model_name="group",
                    name="duplicate_of",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="monitoring.group",
                    ),
                ),
                migrations.AlterField(
                    model_name="item",
                    name="region",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="regions.region",
                    ),
                ),
                migrations.AlterField(
                    model_name="item",
                    name="source",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="monitoring.source",
                    ),
                ),
                migrations.AlterField(
                    model_name="sighting",
                    name="source",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="monitoring.source",
                    ),
                ),
            ],
        ),
    ]
