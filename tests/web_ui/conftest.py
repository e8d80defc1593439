"""Fixtures for the web pages: small valid files and a browser-like client in Indonesian."""

from __future__ import annotations

import io

import pytest
from PIL import Image


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (1, 1), (255, 255, 255)).save(out, format="PNG")
    return out.getvalue()


# A real 1x1 PNG: the intake decodes evidence, so it must be a valid picture, not just its magic.
PNG = _png()


@pytest.fixture
def id_client(client):
    """The Django test client asking for Indonesian, as a browser set to id-ID does."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "id-ID,id;q=0.9"
    return client
