# The signature also stores a text's quotations (monitoring-30): their number and, per quotation,
# its word count and 16 MinHash values (up to 16 quotations, 1,092 more bytes), so a quote join
# can tell which of each text's quotations the other shares. Only the declared length changes;
# items signed before keep their bytes (and the quote join its former rule for them) until
# `netra rekey`.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0020_item_signature_quoted_words"),
    ]

    operations = [
        migrations.AlterField(
            model_name="item",
            name="signature",
            field=models.BinaryField(blank=True, default=b"", max_length=3404),
        ),
    ]
