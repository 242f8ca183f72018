"""Track which sessions belong to which user (for deactivation) and when each began (absolute lifetime)."""

from __future__ import annotations

import time
from typing import Any

from django.contrib.auth.signals import user_logged_in


def _remember_session(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    from anju.accounts.middleware import SESSION_AUTH_AT
    from anju.accounts.models import UserSession

    session = getattr(request, "session", None)
    if session is None:
        return
    session[SESSION_AUTH_AT] = time.time()  # every login path (API and admin) starts the absolute lifetime
    if session.session_key is None:
        session.save()
    UserSession.objects.get_or_create(session_key=session.session_key, defaults={"user": user})


def connect() -> None:
    user_logged_in.connect(_remember_session, dispatch_uid="anju.accounts.remember_session")
