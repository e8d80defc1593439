# Tokens expire (issue #9, finding 13): the ones issued before get 90 days from their creation.

from datetime import timedelta

from django.db import migrations, models
from django.db.models import F


def expire_existing(apps, schema_editor):
    token = apps.get_model("accounts", "ApiToken")
    token.objects.update(expires_at=F("created_at") + timedelta(days=90))


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_user_is_demo'),
    ]

    operations = [
        migrations.AddField(
            model_name='apitoken',
            name='expires_at',
            field=models.DateTimeField(null=True),
        ),
        migrations.RunPython(expire_existing, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='apitoken',
            name='expires_at',
            field=models.DateTimeField(),
        ),
    ]
