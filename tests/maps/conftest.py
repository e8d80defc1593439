"""Fixtures for the maps, the index and the transparency page: logged-in clients."""

from __future__ import annotations

import pytest


@pytest.fixture
def desk(client, cast):
    """Log a cast member in (Indonesian browser) and return the client."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "id-ID,id;q=0.9"

    def login(name: str):
        client.force_login(cast[name])
        return client

    return login
