# The signature also stores a long text's salient words in order (monitoring-19): up to 256 more
# 32-bit values. Only the declared length changes; items signed before keep their bytes until
# `netra rekey`.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0018_item_signature_word_sketch"),
    ]

    operations = [
        migrations.AlterField(
            model_name="item",
            name="signature",
            field=models.BinaryField(blank=True, default=b"", max_length=1796),
        ),
    ]
