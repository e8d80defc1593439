"""Writes on accounts: creating staff, issuing and revoking API tokens. All audited."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from netra.accounts.models import ApiToken, User
from netra.audit.services import record
from netra.errors import NetraError
from netra.procedure import Role
from netra.regions.models import Agency, AgencyKind, Region

TOKEN_PREFIX_CHARS = 8


class InvalidRoleError(NetraError):
    code = "invalid_role"


class AccountActionNotAllowedError(NetraError):
    """Only administrators (or the server's command line, actor None) manage accounts."""

    code = "forbidden"


def _ensure_administrator(actor: User | None, action: str) -> None:
    if actor is None:  # the server's command line: whoever runs it can read the database anyway
        return
    if not (actor.is_active and (actor.role == Role.ADMIN.value or actor.is_superuser)):
        raise AccountActionNotAllowedError(
            "role %(role_code)r may not %(action)s",
            params={"role_code": actor.role or "none"},
            role=actor.role,
            action=action,
        )


@dataclass(frozen=True, slots=True)
class IssuedToken:
    token: ApiToken
    secret: str  # shown to the user once, never stored


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def parse_role(value: str) -> Role:
    """The Role for a code, or InvalidRoleError naming the known codes."""
    try:
        return Role(value)
    except ValueError:
        known = ", ".join(role.value for role in Role)
        raise InvalidRoleError(
            "unknown role %(role)r (known: %(known)s)", params={"known": known}, role=value
        ) from None


@transaction.atomic
def create_staff(
    username: str,
    *,
    role: Role | str,
    region: Region | None,
    actor: User | None,
    password: str | None = None,
    email: str = "",
    site_admin: bool = False,
    is_demo: bool = False,
    kecamatan: Agency | None = None,
) -> User:
    """Create a staff account with a role and region scope (None = nationwide).

    `kecamatan` narrows a Panwaslu Kecamatan's scope to one kecamatan of `region`.

    `site_admin` also opens Django's admin site to it; `is_demo` marks a demo login, refused
    outside demo mode. Every access field is audited, so a later change by SQL is detectable.
    """
    _ensure_administrator(actor, "create staff accounts")
    parsed = parse_role(str(role))
    check_kecamatan_scope(parsed, region, kecamatan)
    user = User(
        username=username,
        role=parsed.value,
        region=region,
        kecamatan=kecamatan,
        email=email,
        is_staff=site_admin,
        is_superuser=site_admin,
        is_demo=is_demo,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    record(
        "user.create",
        actor=actor,
        obj=user,
        after=access_of(user),
    )
    return user


class InvalidScopeError(NetraError):
    code = "invalid_scope"


def check_kecamatan_scope(role: Role, region: Region | None, kecamatan: Agency | None) -> None:
    """A Panwaslu Kecamatan is scoped to exactly one kecamatan of its own region; no one else is.

    Least privilege: a Panwascam account without its kecamatan would see the whole
    kabupaten/kota, so it is refused here (the command line, the admin site and any API alike).
    """
    if kecamatan is None:
        if role is Role.PANWASCAM:
            raise InvalidScopeError(
                "a Panwaslu Kecamatan (panwascam) account needs its kecamatan: give the code of "
                "the kecamatan it supervises (e.g. 32.01.01)",
                field="kecamatan",
            )
        return
    if role is not Role.PANWASCAM:
        raise InvalidScopeError(
            "only a Panwaslu Kecamatan (panwascam) account is scoped to a kecamatan, not %(role)s",
            params={"role": role.value, "role_label": role.label_id},
            field="kecamatan",
        )
    if kecamatan.kind != AgencyKind.KECAMATAN:
        raise InvalidScopeError(
            "%(code)s is not a kecamatan", params={"code": kecamatan.code}, field="kecamatan"
        )
    if region is None or kecamatan.region_id != region.pk:
        raise InvalidScopeError(
            "%(name)s (%(code)s) is not in %(where)s; give its kabupaten/kota as the region",
            params={
                "name": kecamatan.name,
                "code": kecamatan.code,
                "where": f"region {region.code}" if region else "a nationwide account",
            },
            field="kecamatan",
        )


def access_of(user: User) -> dict[str, object]:
    """What an account may do: the fields audited on every change of an account."""
    return {
        "username": user.username,
        "role": user.role,
        "region": user.region.code if user.region else None,
        "kecamatan": user.kecamatan.code if user.kecamatan else None,
        "is_active": user.is_active,
        "is_staff": user.is_staff,
        "is_superuser": user.is_superuser,
        "is_demo": user.is_demo,
    }


@transaction.atomic
def issue_token(user: User, *, actor: User | None, label: str = "api") -> IssuedToken:
    """Create a bearer token for `user`; the secret is returned once and only its hash is kept."""
    _ensure_administrator(actor, "issue API tokens")
    secret = secrets.token_urlsafe(32)
    now = timezone.now()
    days: int = settings.NETRA_TOKEN_DAYS
    token = ApiToken.objects.create(
        user=user,
        label=label,
        prefix=secret[:TOKEN_PREFIX_CHARS],
        key_hash=hash_token(secret),
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    record(
        "token.issue",
        actor=actor,
        obj=token,
        after={"user": user.username, "label": label, "expires_at": token.expires_at},
    )
    return IssuedToken(token=token, secret=secret)


@transaction.atomic
def rotate_tokens(user: User, *, actor: User | None, label: str = "api") -> IssuedToken:
    """Revoke every live token of `user` and issue one new one (the secret is shown once)."""
    _ensure_administrator(actor, "rotate API tokens")
    for old in ApiToken.objects.filter(user=user, revoked_at__isnull=True):
        revoke_token(old, actor=actor)
    return issue_token(user, actor=actor, label=label)


@transaction.atomic
def revoke_token(token: ApiToken, *, actor: User | None) -> ApiToken:
    """Revoke a token: its holder or an administrator may."""
    if actor is None or actor.pk != token.user_id:
        _ensure_administrator(actor, "revoke other people's API tokens")
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record("token.revoke", actor=actor, obj=token, after={"user": token.user.username})
    return token


def remember_language(user: User, code: str) -> bool:
    """Keep the interface language `user` chose, for what is written to them later (e-mails).

    False, and nothing kept, for a code the site does not offer.
    """
    if code not in dict(settings.LANGUAGES) or user.language == code:
        return False
    user.language = code
    user.save(update_fields=["language"])
    return True
