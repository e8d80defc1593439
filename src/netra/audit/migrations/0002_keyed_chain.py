"""Re-chain the existing audit events under the HMAC key (issue #9, finding 8).

The unkeyed SHA-256 chain is verified first; an upgrade over a broken chain stops here with the
first broken event named, instead of sealing the tampering under the new key.
"""

import hashlib
import hmac
import json

from django.conf import settings
from django.db import migrations

GENESIS_HASH = "0" * 64


def _payload(event, prev_hash):
    return json.dumps(
        {
            "prev": prev_hash,
            "at": event.at.isoformat(timespec="microseconds"),
            "actor_id": event.actor_id,
            "actor": event.actor_label,
            "action": event.action,
            "object_type": event.object_type,
            "object_id": event.object_id,
            "before": event.before,
            "after": event.after,
        },
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    ).encode("utf-8")


def rechain(apps, schema_editor):
    event_model = apps.get_model("audit", "AuditEvent")
    key = settings.NETRA_AUDIT_KEY.encode("utf-8")
    expected_prev = GENESIS_HASH
    new_prev = GENESIS_HASH
    for event in event_model.objects.order_by("id").iterator(chunk_size=2000):
        unkeyed = hashlib.sha256(_payload(event, event.prev_hash)).hexdigest()
        if event.prev_hash != expected_prev or unkeyed != event.hash:
            raise RuntimeError(
                f"audit event #{event.pk} does not verify under the old chain; run "
                "`netra audit verify` with the previous release and resolve it before upgrading"
            )
        expected_prev = event.hash
        keyed = hmac.new(key, _payload(event, new_prev), hashlib.sha256).hexdigest()
        event_model.objects.filter(pk=event.pk).update(prev_hash=new_prev, hash=keyed)
        new_prev = keyed


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(rechain, migrations.RunPython.noop)]
