"""User (role + region scope) and ApiToken (only a SHA-256 of the secret is stored)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """A staff member: `role` is a `netra.procedure.Role` code; `region` None is nationwide."""

    # Checked against netra.procedure.Role by the services rather than as DB choices,
    # so a new role in the procedure core needs no migration here.
    role = models.CharField(max_length=40, blank=True)
    region = models.ForeignKey(
        "regions.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # A Panwaslu Kecamatan's own kecamatan (an Agency of kind "kecamatan" inside `region`): the
    # account then sees only the cases of that kecamatan (netra.cases.scope).
    kecamatan = models.ForeignKey(
        "regions.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Made by `netra demo load` with a published password: refused unless NETRA_DEMO is on.
    is_demo = models.BooleanField(default=False)
    # The interface language the staff member last chose (a code of settings.LANGUAGES), which
    # their e-mails are written in; empty until they choose, and then Indonesian.
    language = models.CharField(max_length=8, blank=True, default="")


class ApiToken(models.Model):
    """A bearer token: the secret is shown once; we keep its hash and a prefix to name it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tokens"
    )
    label = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    # Tokens last NETRA_TOKEN_DAYS; `netra token USER --rotate` replaces them before that.
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.label})"


class RateCount(models.Model):
    """Requests of one client to one public endpoint in one minute, shared by every worker."""

    key = models.CharField(max_length=200, primary_key=True)  # bucket:address:window
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"
