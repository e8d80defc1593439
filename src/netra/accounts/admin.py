from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from netra.accounts.models import ApiToken, User

# The admin classes are generic only for the type checker (django-stubs); at run time they are not.
if TYPE_CHECKING:
    _UserAdmin = UserAdmin[User]
    _TokenAdmin = admin.ModelAdmin[ApiToken]
else:
    _UserAdmin = UserAdmin
    _TokenAdmin = admin.ModelAdmin


@admin.register(User)
class NetraUserAdmin(_UserAdmin):
    list_display = ("username", "role", "region", "is_active")
    fieldsets = (*(UserAdmin.fieldsets or ()), ("Netra", {"fields": ("role", "region")}))


@admin.register(ApiToken)
class ApiTokenAdmin(_TokenAdmin):
    list_display = ("prefix", "label", "user", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("prefix", "key_hash", "created_at", "last_used_at")
