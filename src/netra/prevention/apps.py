from __future__ import annotations

from django.apps import AppConfig


class PreventionConfig(AppConfig):
    """Declarations, meetings and imbauan letters per region, and their coverage."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "netra.prevention"
    label = "prevention"
    verbose_name = "Pencegahan"
