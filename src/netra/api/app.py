"""The NinjaAPI instance: routers, the error mapping, the OpenAPI document."""

from __future__ import annotations

from ninja import NinjaAPI

from netra.api import cases, errors, recap, reports

api = NinjaAPI(
    title="Netra API",
    version="1",
    description=(
        "Reports of ASN, TNI, Polri and village-official neutrality violations, the cases they "
        "open, and recaps in Bawaslu's ten categories. Staff endpoints need "
        "`Authorization: Bearer <token>`; errors are `{code, message, details}`."
    ),
    urls_namespace="api-v1",
)
errors.install(api)
api.add_router("/", reports.router)
api.add_router("/", cases.router)
api.add_router("/", recap.router)
