from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import admin
from django.http import HttpRequest

from netra.notifications.models import Notification

# Generic only for the type checker (django-stubs); at run time ModelAdmin is not subscriptable.
if TYPE_CHECKING:
    _NotificationAdmin = admin.ModelAdmin[Notification]
else:
    _NotificationAdmin = admin.ModelAdmin


@admin.register(Notification)
class NotificationAdmin(_NotificationAdmin):
    list_display = ("created_at", "kind", "channel", "status", "attempts", "case_id")
    list_filter = ("status", "channel", "kind")
    readonly_fields = tuple(field.name for field in Notification._meta.fields)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Notification | None = None) -> bool:
        return False
