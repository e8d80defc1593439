"""The NinjaAPI instance: routers, the error mapping, the OpenAPI document."""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema

from netra.api import ask, cases, errors, recap, reports, vulnerability


class NetraAPI(NinjaAPI):
    """NinjaAPI whose OpenAPI document also defines the schemas named only in `openapi_extra`.

    POST /reports parses its body by hand (JSON or multipart), so ninja never sees ReportIn and
    would leave the document's `$ref` to it dangling; clients and contract tests need it.
    """

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        body = reports.ReportIn.model_json_schema(ref_template="#/components/schemas/{model}")
        components.update(body.pop("$defs", {}))
        components["ReportIn"] = body
        return schema


api = NetraAPI(
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
api.add_router("/", vulnerability.router)
api.add_router("/", ask.router)
