"""Action-to-permission mapping: the single place API views declare who may call them.

Each view sets ``permission_map = {"list": "customers.view_customer", ...}``. The key is
the viewset action (or the lower-case HTTP method for a plain APIView). An action that
is not in the map is denied, so a new endpoint is closed until someone declares it.
``AUTHENTICATED`` admits any logged-in user (for example ``auth/me``).
"""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import BasePermission
from rest_framework.request import Request

AUTHENTICATED = "__authenticated__"


def required_permissions(view: Any, request: Request) -> tuple[str, ...] | None:
    """The codenames the current action needs; ``None`` when the action is undeclared."""
    action = getattr(view, "action", None) or (request.method or "").lower()
    permission_map: dict[str, str | tuple[str, ...]] | None = getattr(view, "permission_map", None)
    if not permission_map or action not in permission_map:
        return None
    required = permission_map[action]
    if required == AUTHENTICATED:
        return ()
    return (required,) if isinstance(required, str) else tuple(required)


def _method_not_allowed(view: Any, request: Request) -> bool:
    method = (request.method or "").lower()
    if hasattr(view, "action_map"):
        return getattr(view, "action", None) is None and method not in ("options", "head")
    return not hasattr(view, method)


class ActionPermission(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        if not user or not user.is_authenticated:
            return False
        if _method_not_allowed(view, request):
            return True  # let the view answer 405 rather than hiding the method behind 403
        required = required_permissions(view, request)
        if required is None:
            return False
        return user.has_perms(required)
