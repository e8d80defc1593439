from __future__ import annotations

from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "netra.cases"
    label = "cases"
    verbose_name = "Cases"

    def ready(self) -> None:
        from django.utils.translation import gettext

        from netra.errors import install_translator

        # Domain errors (here and in the Django-free core) speak the request's language.
        install_translator(gettext)
