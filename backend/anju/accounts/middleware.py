"""Absolute session lifetime (target S3): 12 h after login the session ends whatever the activity."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

SESSION_AUTH_AT = "anju_auth_at"


class SessionLifetimeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        if user is not None and user.is_authenticated and session is not None:
            started = session.get(SESSION_AUTH_AT)
            if started is None:
                session[SESSION_AUTH_AT] = time.time()
            elif time.time() - float(started) > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
        return self.get_response(request)
