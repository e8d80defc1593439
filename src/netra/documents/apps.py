from __future__ import annotations

from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "netra.documents"
    label = "netra_documents"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from netra.cases.notices import on_public_step
        from netra.documents.services import queue_status_notice

        # Every public step of a report gets its pemberitahuan status laporan, stored.
        on_public_step(queue_status_notice)
