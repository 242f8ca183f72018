"""OpenAPI description of the owner realm's cookie (a drf-spectacular extension)."""

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class OwnerCookieScheme(OpenApiAuthenticationExtension):
    target_class = "anju.owners.authentication.OwnerAuthentication"
    name = "ownerCookie"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "apiKey", "in": "cookie", "name": "anju_owner", "description": "the owner's sign-in (30 days)"}
