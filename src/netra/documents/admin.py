from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin

from netra.documents.models import GeneratedDocument, Letterhead

# Generic only for the type checker (django-stubs); at run time ModelAdmin is not subscriptable.
if TYPE_CHECKING:
    _LetterheadAdmin = admin.ModelAdmin[Letterhead]
    _DocumentAdmin = admin.ModelAdmin[GeneratedDocument]
else:
    _LetterheadAdmin = _DocumentAdmin = admin.ModelAdmin


@admin.register(Letterhead)
class LetterheadAdmin(_LetterheadAdmin):
    list_display = ("office_name", "region", "city")
    search_fields = ("office_name", "region__name")


@admin.register(GeneratedDocument)
class GeneratedDocumentAdmin(_DocumentAdmin):
    """Read-only: a generated letter is evidence of what was sent and is never edited."""

    list_display = ("title", "case", "kind", "created_by", "created_at", "sha256")
    readonly_fields = (
        "case",
        "kind",
        "title",
        "file",
        "sha256",
        "size",
        "created_by",
        "created_at",
    )

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False
