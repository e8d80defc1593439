from __future__ import annotations

from django.apps import AppConfig


class MapsConfig(AppConfig):
    name = "netra.maps"
    label = "netra_maps"
    default_auto_field = "django.db.models.BigAutoField"
