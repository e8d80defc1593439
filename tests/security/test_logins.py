"""Finding 4 of issue #9: failed logins are throttled per account and per client (django-axes).

Once locked, a login is refused before any password is hashed, so a flood of wrong passwords
costs the server a database read instead of a password hash per attempt.
"""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from netra.accounts.clients import client_address
from netra.accounts.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "kata-sandi-uji-123"  # noqa: S105 -- a test account's password


@pytest.fixture
def staff_login(cast: dict[str, Any]) -> User:
    user: User = cast["panwas_bogor"]
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    return user


def _login(username: str, password: str, *, address: str = "203.0.113.7", **headers: str) -> Any:
    return Client(REMOTE_ADDR=address, **headers).post(
        reverse("desk:login"), {"username": username, "password": password}
    )


def test_a_flood_of_wrong_passwords_locks_the_account_before_any_more_hashing(
    staff_login, settings
):
    limit = settings.AXES_FAILURE_LIMIT
    statuses = [_login("panwas_bogor", "salah").status_code for _ in range(limit)]
    # The form again with its error, until the failure that reaches the limit locks the account.
    assert statuses == [200] * (limit - 1) + [429]
    with mock.patch.object(User, "check_password", autospec=True) as hashing:
        flood = [_login("panwas_bogor", "salah") for _ in range(20)]
        right = _login("panwas_bogor", PASSWORD)
    assert hashing.call_count == 0
    assert {response.status_code for response in [*flood, right]} == {429}
    assert int(right["Retry-After"]) == settings.AXES_COOLOFF_TIME.total_seconds()
    assert "Too many failed logins" in right.content.decode() or "Terlalu banyak" in (
        right.content.decode()
    )


def test_an_account_is_locked_whichever_addresses_the_guesses_come_from(staff_login, settings):
    for number in range(settings.AXES_FAILURE_LIMIT):
        _login("panwas_bogor", "salah", address=f"198.51.100.{number + 1}")
    assert _login("panwas_bogor", PASSWORD, address="192.0.2.99").status_code == 429


def test_a_client_is_locked_whichever_accounts_it_guesses(staff_login, settings):
    for number in range(settings.AXES_FAILURE_LIMIT):
        _login(f"tebakan{number}", "salah", address="198.51.100.50")
    assert _login("panwas_bogor", PASSWORD, address="198.51.100.50").status_code == 429
    # Another client logs in to the same account as usual.
    assert _login("panwas_bogor", PASSWORD, address="192.0.2.10").status_code == 302


def test_a_successful_login_resets_the_count(staff_login, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login("panwas_bogor", "salah")
    assert _login("panwas_bogor", PASSWORD).status_code == 302
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login("panwas_bogor", "salah")
    assert _login("panwas_bogor", PASSWORD).status_code == 302


def test_behind_a_trusted_proxy_each_forwarded_client_is_counted_apart(staff_login, settings):
    settings.NETRA_CLIENT_IP_HEADER = "X-Forwarded-For"
    for number in range(settings.AXES_FAILURE_LIMIT):
        _login(
            f"tebakan{number}",
            "salah",
            address="127.0.0.1",
            HTTP_X_FORWARDED_FOR="198.51.100.50",
        )
    forwarded = {"address": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "192.0.2.10"}
    assert _login("panwas_bogor", PASSWORD, **forwarded).status_code == 302
    attacker = {"address": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.50"}
    assert _login("panwas_bogor", PASSWORD, **attacker).status_code == 429


@pytest.mark.parametrize(
    ("remote", "header", "forwarded", "expected"),
    [
        ("203.0.113.7", "", "1.2.3.4", "203.0.113.7"),  # no header configured: REMOTE_ADDR
        ("127.0.0.1", "X-Forwarded-For", "1.2.3.4", "1.2.3.4"),
        ("127.0.0.1", "X-Forwarded-For", "6.6.6.6, 1.2.3.4", "1.2.3.4"),  # the proxy's entry
        ("203.0.113.7", "X-Forwarded-For", "1.2.3.4", "203.0.113.7"),  # not from our proxy
        ("127.0.0.1", "X-Forwarded-For", "not-an-address", "127.0.0.1"),
        ("127.0.0.1", "X-Real-IP", "2001:db8::1", "2001:db8::1"),
    ],
)
def test_the_client_address_trusts_the_header_only_from_a_configured_proxy(
    settings, remote, header, forwarded, expected
):
    settings.NETRA_CLIENT_IP_HEADER = header
    settings.NETRA_TRUSTED_PROXIES = ["127.0.0.1"]
    meta_key = "HTTP_" + (header or "X-Forwarded-For").upper().replace("-", "_")
    request = RequestFactory().get("/", REMOTE_ADDR=remote, **{meta_key: forwarded})
    assert client_address(request) == expected
