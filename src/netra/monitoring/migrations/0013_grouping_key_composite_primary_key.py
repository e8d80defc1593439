"""The grouping keys' primary key becomes (key, group), in place of a surrogate id.

The id was a third index (beside (key, group) and group) that every row the ingest writes had to
maintain, and a sequence value drawn for every row the key upsert proposed. The rows are kept:
PostgreSQL drops the id and turns (key, group) into the primary key; SQLite copies the table
into one made from the new model (its usual way of changing a table).
"""

from django.db import migrations, models


def to_composite_key(apps, schema_editor):
    model = apps.get_model("monitoring", "GroupingKey")
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        schema_editor._remake_table(model)
        return
    table = model._meta.db_table
    quote = schema_editor.quote_name
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    (primary,) = [name for name, about in constraints.items() if about["primary_key"]]
    for statement in (
        f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(primary)}",
        f"ALTER TABLE {quote(table)} DROP COLUMN id",
        f"ALTER TABLE {quote(table)} DROP CONSTRAINT monitoring_groupingkey_once",
        f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(table + '_pkey')} "
        'PRIMARY KEY ("key", group_id)',
    ):
        schema_editor.execute(statement)


class Migration(migrations.Migration):

    dependencies = [
        ("monitoring", "0012_unique_hashes_without_pattern_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveConstraint(
                    model_name="groupingkey",
                    name="monitoring_groupingkey_once",
                ),
                migrations.RemoveField(
                    model_name="groupingkey",
                    name="id",
                ),
                migrations.AddField(
                    model_name="groupingkey",
                    name="pk",
                    field=models.CompositePrimaryKey(
                        "key",
                        "group",
                        blank=True,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                    ),
                ),
            ],
        ),
        # After the state change: `apps` then holds the new model, which SQLite's copy is made from.
        migrations.RunPython(to_composite_key, elidable=False),
    ]
