"""The owner realm's authentication: the ``anju_owner`` cookie and nothing else.

Owner views list only ``OwnerAuthentication``, so a staff session or token is never read there (401); staff views
list only the staff classes, which never read this cookie (401). Unsafe methods need the CSRF token, as for staff.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from anju.customers.models import Customer
from anju.owners.models import OwnerSession
from anju.owners.signin import COOKIE_NAME, session_for_key


class Owner:
    """The signed-in owner as DRF's ``request.user``: a customer, never a staff user (no permissions, no scope)."""

    is_authenticated = True
    is_active = True
    is_staff = False
    is_superuser = False

    def __init__(self, session: OwnerSession) -> None:
        self.session = session
        self.customer: Customer = session.customer
        self.pk = None  # not a staff user's id: nothing may mistake it for one

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        return False

    def __str__(self) -> str:
        return f"owner {self.customer.pk}"


class OwnerAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request: Request) -> tuple[Owner, OwnerSession] | None:
        key = request.COOKIES.get(COOKIE_NAME, "")
        if not key:
            return None
        session = session_for_key(key)
        if session is None:
            raise exceptions.AuthenticationFailed(_("Your sign-in has expired. Sign in again."))
        self._enforce_csrf(request)
        return Owner(session), session

    def _enforce_csrf(self, request: Request) -> None:
        check = authentication.CSRFCheck(lambda req: None)  # type: ignore[arg-type]
        check.process_request(request)
        reason = check.process_view(request, None, (), {})  # type: ignore[arg-type]
        if reason:
            raise exceptions.PermissionDenied(f"CSRF Failed: {reason}")

    def authenticate_header(self, request: Request) -> str:
        return 'Owner realm="owner"'


class IsOwner(BasePermission):
    """Only an owner session: anonymous is a 401 (through the header above), a staff user forced in by tests a 403."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return isinstance(request.user, Owner) and isinstance(request.auth, OwnerSession)
