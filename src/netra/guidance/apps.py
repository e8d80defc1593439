from __future__ import annotations

from django.apps import AppConfig


class GuidanceConfig(AppConfig):
    """Tanya Aturan: the public question page, the desk queue and published answers."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "netra.guidance"
    label = "guidance"
    verbose_name = "Tanya Aturan"
