"""Account services: login with lockout, tokens, user administration."""

from __future__ import annotations

import logging
import time
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from anju.accounts.middleware import SESSION_AUTH_AT
from anju.accounts.models import LoginAttempt, User, UserSession
from anju.accounts.roles import ROLES
from anju.core.errors import ApplicationError
from anju.core.events import diff_changes, record_event

logger = logging.getLogger("anju.accounts")


# --- Login lockout (target S1) -----------------------------------------------------------


def _locked_until(timestamps: list[datetime], limit: int) -> datetime | None:
    """When ``limit`` failures fall within the window, the lock runs LOCKOUT from the last of them."""
    config: dict[str, Any] = settings.LOGIN_THROTTLE
    window: timedelta = config["WINDOW"]
    lockout: timedelta = config["LOCKOUT"]
    until = None
    for start in range(len(timestamps) - limit + 1):
        first, last = timestamps[start], timestamps[start + limit - 1]
        if last - first <= window:
            until = last + lockout
    return until


def _failures(**filters: Any) -> list[datetime]:
    config: dict[str, Any] = settings.LOGIN_THROTTLE
    since = timezone.now() - config["WINDOW"] - config["LOCKOUT"]
    last_success = (
        LoginAttempt.objects.filter(succeeded=True, attempted_at__gte=since, **filters)
        .order_by("-attempted_at")
        .values_list("attempted_at", flat=True)
        .first()
    )
    queryset = LoginAttempt.objects.filter(succeeded=False, locked_out=False, attempted_at__gte=last_success or since, **filters)
    return list(queryset.order_by("attempted_at").values_list("attempted_at", flat=True))


def ensure_login_allowed(*, username: str, ip_address: str | None) -> None:
    now = timezone.now()
    config: dict[str, Any] = settings.LOGIN_THROTTLE
    checks = [({"username": username.lower()}, config["USERNAME_FAILURES"])]
    if ip_address:
        checks.append(({"ip_address": ip_address}, config["IP_FAILURES"]))
    for filters, limit in checks:
        until = _locked_until(_failures(**filters), limit)
        if until is not None and until > now:
            LoginAttempt.objects.create(username=username.lower(), ip_address=ip_address, locked_out=True)
            logger.warning("login refused: lockout active for %s", "username" if "username" in filters else "ip")
            minutes = max(1, int((until - now).total_seconds() // 60) + 1)
            raise ApplicationError(
                "auth.locked_out",
                _("Too many failed logins. Try again in %(minutes)s minutes.") % {"minutes": minutes},
                status_code=429,
                extra={"retry_after_seconds": int((until - now).total_seconds()) + 1},
            )


def authenticate_credentials(*, request: Any, username: str, password: str) -> User:
    ip_address = request.META.get("REMOTE_ADDR") if request is not None else None
    ensure_login_allowed(username=username, ip_address=ip_address)
    user = authenticate(request, username=username, password=password)
    LoginAttempt.objects.create(username=username.lower(), ip_address=ip_address, succeeded=user is not None)
    if user is None:
        raise ApplicationError("auth.invalid_credentials", _("Wrong username or password."), status_code=400)
    assert isinstance(user, User)
    return user


def log_in(*, request: Any, username: str, password: str) -> User:
    user = authenticate_credentials(request=request, username=username, password=password)
    login(request, user)  # cycles the session key (target S3)
    request.session[SESSION_AUTH_AT] = time.time()
    return user


def log_out(*, request: Any) -> None:
    token = getattr(request, "auth", None)
    if isinstance(token, Token):
        token.delete()
    session_key = request.session.session_key if hasattr(request, "session") else None
    if session_key:
        UserSession.objects.filter(session_key=session_key).delete()
    logout(request)


def issue_token(*, request: Any, username: str, password: str) -> str:
    user = authenticate_credentials(request=request, username=username, password=password)
    token, _created = Token.objects.get_or_create(user=user)
    return str(token.key)


# --- User administration ---------------------------------------------------------------


def _validate_roles(roles: list[str]) -> list[Group]:
    unknown = sorted(set(roles) - set(ROLES))
    if unknown:
        raise ApplicationError(
            "user.unknown_role",
            _("Unknown role."),
            fields={"roles": [_("Unknown role: %(name)s") % {"name": n} for n in unknown]},
        )
    return list(Group.objects.filter(name__in=roles))


def _check_password(password: str, user: User) -> None:
    try:
        validate_password(password, user)
    except DjangoValidationError as exc:
        raise ApplicationError("user.weak_password", _("The password is too weak."), fields={"password": exc.messages}) from exc


def _snapshot(user: User) -> dict[str, Any]:
    return {
        "display_name": user.display_name,
        "email": user.email,
        "is_active": user.is_active,
        "roles": sorted(user.groups.values_list("name", flat=True)),
    }


@transaction.atomic
def create_user(
    *, actor: User, username: str, password: str, display_name: str = "", email: str = "", roles: list[str] | None = None
) -> User:
    if User.objects.filter(username__iexact=username).exists():
        raise ApplicationError(
            "user.duplicate_username", _("This username is taken."), fields={"username": [_("This username is taken.")]}
        )
    user = User(username=username, display_name=display_name, email=email)
    _check_password(password, user)
    user.set_password(password)
    user.save()
    user.groups.set(_validate_roles(roles or []))
    record_event(target=user, type="created", actor=actor, changes=diff_changes({}, _snapshot(user)))
    return user


@transaction.atomic
def update_user(
    *, actor: User, user: User, display_name: str | None = None, email: str | None = None, roles: list[str] | None = None
) -> User:
    user = User.objects.select_for_update().get(pk=user.pk)
    before = _snapshot(user)
    if display_name is not None:
        user.display_name = display_name
    if email is not None:
        user.email = email
    user.save()
    if roles is not None:
        user.groups.set(_validate_roles(roles))
    changes = diff_changes(before, _snapshot(user))
    if changes:
        record_event(target=user, type="updated", actor=actor, changes=changes)
    return user


@transaction.atomic
def set_user_password(*, actor: User, user: User, password: str) -> None:
    _check_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    _end_sessions(user)
    record_event(target=user, type="password_reset", actor=actor)


def _end_sessions(user: User) -> None:
    keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    Session.objects.filter(session_key__in=keys).delete()
    UserSession.objects.filter(user=user).delete()
    Token.objects.filter(user=user).delete()


@transaction.atomic
def deactivate_user(*, actor: User, user: User) -> User:
    if user.pk == actor.pk:
        raise ApplicationError("user.cannot_deactivate_self", _("You cannot deactivate your own account."))
    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.is_active:
        raise ApplicationError("user.already_inactive", _("This user is already deactivated."), status_code=409)
    user.is_active = False
    user.save(update_fields=["is_active"])
    _end_sessions(user)
    record_event(target=user, type="deactivated", actor=actor, changes={"is_active": [True, False]})
    return user


@transaction.atomic
def activate_user(*, actor: User, user: User) -> User:
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.is_active:
        raise ApplicationError("user.already_active", _("This user is already active."), status_code=409)
    user.is_active = True
    user.save(update_fields=["is_active"])
    record_event(target=user, type="activated", actor=actor, changes={"is_active": [False, True]})
    return user
