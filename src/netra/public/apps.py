from __future__ import annotations

from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "netra.public"
    label = "netra_public"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from netra.errors import install_field_labels
        from netra.public.labels import field_label

        # A refusal names the field as the forms do ("Nomor registrasi"), not by its code.
        install_field_labels(field_label)
