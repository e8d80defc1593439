from __future__ import annotations

from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "netra.monitoring"
    label = "monitoring"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Monitoring"
