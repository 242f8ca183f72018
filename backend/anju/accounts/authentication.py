"""Authentication classes: session (CSRF enforced, target S4) and token."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions
from rest_framework.request import Request


class SessionAuthentication(authentication.SessionAuthentication):
    """DRF's session authentication: CSRF is enforced on every unsafe method."""

    def authenticate_header(self, request: Request) -> str:
        return 'Session realm="api"'


class TokenAuthentication(authentication.TokenAuthentication):
    """``Authorization: Token <key>`` for integrations, against ``ApiToken`` (stored as a digest, idle expiry).

    An unknown, revoked or expired token and a token of an inactive user all answer 401 alike.
    """

    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        from anju.accounts.services import authenticate_token

        token = authenticate_token(key)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid or expired token."))
        return token.user, token
