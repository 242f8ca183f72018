"""Authentication classes: session (CSRF enforced, target S4) and token."""

from __future__ import annotations

from rest_framework import authentication
from rest_framework.request import Request


class SessionAuthentication(authentication.SessionAuthentication):
    """DRF's session authentication: CSRF is enforced on every unsafe method."""

    def authenticate_header(self, request: Request) -> str:
        return 'Session realm="api"'


class TokenAuthentication(authentication.TokenAuthentication):
    """``Authorization: Token <key>`` for integrations; inactive users are refused by DRF."""
