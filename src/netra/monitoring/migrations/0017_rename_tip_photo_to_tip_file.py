"""`TipPhoto` holds videos and documents too since 0014: renamed `TipFile`, with its index and
the tip's accessor (`tip.file`). The rows stay: PostgreSQL and SQLite rename the table in place."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0016_hash_columns_collate_c"),
    ]

    operations = [
        migrations.RenameModel(old_name="TipPhoto", new_name="TipFile"),
        migrations.AlterField(
            model_name="tipfile",
            name="tip",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="file",
                to="monitoring.tip",
            ),
        ),
        migrations.RenameIndex(
            model_name="tipfile",
            new_name="monitoring_tipfile_due",
            old_name="monitoring_tipphoto_due",
        ),
    ]
