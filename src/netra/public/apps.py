from __future__ import annotations

from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "netra.public"
    label = "netra_public"
    default_auto_field = "django.db.models.BigAutoField"
