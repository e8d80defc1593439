from __future__ import annotations

from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "netra.regions"
    label = "regions"
    verbose_name = "Regions"
