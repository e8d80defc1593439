"""The REST API (django-ninja), mounted at /api/v1/."""

from __future__ import annotations

from netra.api.app import api

__all__ = ["api"]
