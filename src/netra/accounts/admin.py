from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest

from netra.accounts.models import ApiToken, User
from netra.accounts.services import access_of, check_kecamatan_scope, parse_role
from netra.audit.services import record
from netra.errors import NetraError

# The admin classes are generic only for the type checker (django-stubs); at run time they are not.
if TYPE_CHECKING:
    _UserChangeForm = UserChangeForm[User]
    _UserAdmin = UserAdmin[User]
    _TokenAdmin = admin.ModelAdmin[ApiToken]
else:
    _UserChangeForm = UserChangeForm
    _UserAdmin = UserAdmin
    _TokenAdmin = admin.ModelAdmin


class NetraUserChangeForm(_UserChangeForm):
    """The account form, refusing a scope `create_staff` would refuse (a Panwascam needs its
    kecamatan, and only a Panwascam has one)."""

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        role = cleaned.get("role")
        if not role:
            return cleaned
        try:
            check_kecamatan_scope(parse_role(role), cleaned.get("region"), cleaned.get("kecamatan"))
        except NetraError as error:
            field = error.details.get("field")
            raise ValidationError(
                {str(field) if field in self.fields else "role": error.message}
            ) from None
        return cleaned


@admin.register(User)
class NetraUserAdmin(_UserAdmin):
    form = NetraUserChangeForm
    list_display = ("username", "role", "region", "kecamatan", "is_active")
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        ("Netra", {"fields": ("role", "region", "kecamatan")}),
    )
    raw_id_fields = ("kecamatan",)

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        """Save, and record the change of role, scope or rights in the audit chain."""
        stored = (
            User.objects.filter(pk=obj.pk).select_related("region", "kecamatan").first()
            if change
            else None
        )
        before = access_of(stored) if stored is not None else None
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            after = access_of(obj)
            if before != after:
                actor = request.user if isinstance(request.user, User) else None
                record(
                    "user.change" if change else "user.create",
                    actor=actor,
                    obj=obj,
                    before=before,
                    after=after,
                )


@admin.register(ApiToken)
class ApiTokenAdmin(_TokenAdmin):
    list_display = ("prefix", "label", "user", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("prefix", "key_hash", "created_at", "last_used_at")
