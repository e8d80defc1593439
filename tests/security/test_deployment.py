"""Findings 13-15 of issue #9: deploy checks, tokens that expire, the receipt, durable SQLite."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from netra.accounts.models import ApiToken
from netra.accounts.selectors import user_for_token
from netra.accounts.services import issue_token, rotate_tokens

PRODUCTION_ENV = {
    "NETRA_SECRET_KEY": "a-production-like-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz-XYZ",
    "NETRA_AUDIT_KEY": "a-production-like-audit-key-9876543210-zyxwvutsrqponmlkjihgfedcba",
    "NETRA_ALLOWED_HOSTS": "netra.example.go.id",
    "NETRA_PROXY_SSL_HEADER": "X-Forwarded-Proto",
}


def _django(args: list[str], tmp_path: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("NETRA_", "DJANGO_")) and key != "DATABASE_URL"
    }
    env |= PRODUCTION_ENV | extra | {"NETRA_DATA_DIR": str(tmp_path)}
    env["DJANGO_SETTINGS_MODULE"] = "netra.web.settings"
    return subprocess.run(  # noqa: S603 -- fixed argv
        [sys.executable, "-m", "django", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = _django(["check", "--deploy", "--fail-level", "WARNING"], tmp_path)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_an_audit_key(tmp_path):
    result = _django(["check"], tmp_path, NETRA_AUDIT_KEY="")
    assert result.returncode != 0
    assert "NETRA_AUDIT_KEY is not set" in result.stderr


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy(client):
    policy = client.get("/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "script-src 'self'" in policy


@pytest.mark.django_db
def test_a_token_stops_working_when_it_expires(cast):
    issued = issue_token(cast["panwas_bogor"], actor=None)
    assert user_for_token(issued.secret) == cast["panwas_bogor"]
    ApiToken.objects.filter(pk=issued.token.pk).update(expires_at=timezone.now())
    assert user_for_token(issued.secret) is None


@pytest.mark.django_db
def test_rotating_revokes_the_old_tokens(cast, settings):
    old = issue_token(cast["panwas_bogor"], actor=None)
    new = rotate_tokens(cast["panwas_bogor"], actor=None)
    assert user_for_token(old.secret) is None
    assert user_for_token(new.secret) == cast["panwas_bogor"]
    lifetime = new.token.expires_at - new.token.created_at
    assert lifetime == timedelta(days=settings.NETRA_TOKEN_DAYS)


def test_staff_sessions_last_a_working_day(settings):
    assert settings.SESSION_COOKIE_AGE <= 12 * 60 * 60


@pytest.mark.django_db
def test_the_receipt_shows_the_tracking_code_only_once(file_report):
    report = file_report()
    client = Client()
    session = client.session
    session["netra_receipt"] = report.tracking_code
    session.save()
    first = client.get(reverse("public:receipt"))
    assert report.tracking_code in first.content.decode()
    assert first["Cache-Control"] == "no-store"
    again = client.get(reverse("public:receipt")).content.decode()
    assert report.tracking_code not in again
    assert report.tracking_code[-4:] in again


def test_the_sqlite_database_syncs_fully_on_commit(tmp_path):
    script = (
        "import django; django.setup(); from django.db import connection; "
        "cursor = connection.cursor(); cursor.execute('PRAGMA synchronous'); "
        "print(cursor.fetchone()[0])"
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("NETRA_", "DJANGO_")) and key != "DATABASE_URL"
    }
    env |= {"NETRA_DEMO": "1", "NETRA_DATA_DIR": str(tmp_path)}
    env["DJANGO_SETTINGS_MODULE"] = "netra.web.settings"
    result = subprocess.run(  # noqa: S603 -- fixed argv
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "2"  # FULL
