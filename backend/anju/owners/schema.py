"""OpenAPI description of the owner realm's cookie (a drf-spectacular extension)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class OwnerCookieScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    target_class = "anju.owners.authentication.OwnerAuthentication"
    name = "ownerCookie"

    def get_security_definition(self, auto_schema):  # type: ignore[no-untyped-def]
        return {"type": "apiKey", "in": "cookie", "name": "anju_owner", "description": "the owner's sign-in (30 days)"}
