"""AuditEvent: one row per write, chained by SHA-256 so an edited or deleted row is detectable."""

from __future__ import annotations

from typing import Any, ClassVar, NoReturn

from django.conf import settings
from django.db import models

from netra.errors import NetraError


class AuditAppendOnlyError(NetraError):
    code = "audit_append_only"


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    """Refuses bulk updates and deletes: the audit trail has no edit path."""

    def update(self, **kwargs: Any) -> NoReturn:
        raise AuditAppendOnlyError("audit events cannot be updated")

    def delete(self) -> NoReturn:
        raise AuditAppendOnlyError("audit events cannot be deleted")


class AuditEvent(models.Model):
    """Who (`actor`; None for the public) did `action` to `object_type`/`object_id`, and when."""

    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_label = models.CharField(max_length=150)
    action = models.CharField(max_length=60)
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=64)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects: ClassVar[AuditEventQuerySet] = AuditEventQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ("id",)
        indexes = (models.Index(fields=["object_type", "object_id"], name="audit_object_idx"),)

    def __str__(self) -> str:
        return f"#{self.pk} {self.action} {self.object_type}:{self.object_id} by {self.actor_label}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AuditAppendOnlyError(f"audit event #{self.pk} cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AuditAppendOnlyError(f"audit event #{self.pk} cannot be deleted")
