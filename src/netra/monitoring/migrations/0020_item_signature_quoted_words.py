# The signature also stores a text's quoted words in order (monitoring-20): their number and up
# to 128 more 32-bit values. Only the declared length changes; items signed before keep their
# bytes until `netra rekey`.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0019_item_signature_salient_words"),
    ]

    operations = [
        migrations.AlterField(
            model_name="item",
            name="signature",
            field=models.BinaryField(blank=True, default=b"", max_length=2312),
        ),
    ]
