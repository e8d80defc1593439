"""Settings read the environment once and refuse bad values with the variable's name."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from netra.web.settings import database_from_url, env_bool


def test_a_postgresql_url_becomes_django_database_settings():
    config = database_from_url(
        "postgresql://netra:s%40cret@db.local:5433/netra_prod?sslmode=require", variable="X"
    )
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["USER"], config["PASSWORD"]) == ("netra", "s@cret")
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.local", "5433", "netra_prod")
    assert config["OPTIONS"] == {"sslmode": "require"}


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("mysql://u@h/db", "scheme 'mysql'"),
        ("postgresql://u@h", "database name is missing"),
        ("postgresql://u@h:port/db", "port is not a number"),
    ],
)
def test_a_bad_database_url_is_refused_naming_the_variable(url, says):
    with pytest.raises(ImproperlyConfigured, match=says) as error:
        database_from_url(url, variable="NETRA_DATABASE_URL")
    assert "NETRA_DATABASE_URL" in str(error.value)


def test_a_yes_no_variable_refuses_anything_else(monkeypatch):
    monkeypatch.setenv("NETRA_DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="NETRA_DEBUG"):
        env_bool("NETRA_DEBUG")


def test_the_server_refuses_to_start_without_a_secret_key_outside_demo_mode(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("NETRA_", "DJANGO_", "DATABASE_URL"))
    }
    env["NETRA_DATA_DIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", "import netra.web.settings"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "NETRA_SECRET_KEY is not set" in result.stderr


@pytest.mark.django_db
def test_the_database_in_use_is_the_one_netra_database_url_names():
    from django.db import connection

    expected = "postgresql" if os.environ.get("NETRA_DATABASE_URL") else "sqlite"
    assert connection.vendor == expected
