"""The NinjaAPI instance, its routers and the error mapping."""

from __future__ import annotations

from ninja import NinjaAPI

api = NinjaAPI(title="Netra API", version="1", urls_namespace="api-v1")
