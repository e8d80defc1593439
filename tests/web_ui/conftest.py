"""Fixtures for the web pages: small valid files and a browser-like client in Indonesian."""

from __future__ import annotations

import pytest

# The smallest real PNG (1x1): the intake sniffs content, so evidence must be a real format.
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def id_client(client):
    """The Django test client asking for Indonesian, as a browser set to id-ID does."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "id-ID,id;q=0.9"
    return client
