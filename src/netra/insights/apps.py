from __future__ import annotations

from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "netra.insights"
    label = "netra_insights"
    default_auto_field = "django.db.models.BigAutoField"
