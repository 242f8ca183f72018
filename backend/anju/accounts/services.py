"""Account services: login with lockout, tokens, user administration."""

from __future__ import annotations

import hashlib
import logging
import secrets
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
from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.accounts.errors import ErrorCode
from anju.accounts.events import AccountEvent
from anju.accounts.middleware import SESSION_AUTH_AT
from anju.accounts.models import ApiToken, Department, LoginAttempt, User, UserSession
from anju.accounts.roles import ROLES
from anju.core.access_log import client_ip
from anju.core.errors import ApplicationError
from anju.core.events import CommonEvent, diff_changes, record_event
from anju.core.prepared import Prepared

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


def _failures(*, reset_by_success: bool, **filters: Any) -> list[datetime]:
    config: dict[str, Any] = settings.LOGIN_THROTTLE
    since = timezone.now() - config["WINDOW"] - config["LOCKOUT"]
    if reset_by_success:
        last_success = (
            LoginAttempt.objects.filter(succeeded=True, attempted_at__gte=since, **filters)
            .order_by("-attempted_at")
            .values_list("attempted_at", flat=True)
            .first()
        )
        since = last_success or since
    queryset = LoginAttempt.objects.filter(succeeded=False, locked_out=False, attempted_at__gte=since, **filters)
    return list(queryset.order_by("attempted_at").values_list("attempted_at", flat=True))


def ensure_login_allowed(*, username: str, ip_address: str | None) -> None:
    """Refuse (429) while the username or the client address is locked out.

    A successful login clears the failures of *that username* only. The address keeps counting every failure in
    the window whatever succeeds in between: otherwise one account the attacker owns (or one guessed password)
    would reset the per-address limit and let guessing go on without end.
    """
    now = timezone.now()
    config: dict[str, Any] = settings.LOGIN_THROTTLE
    checks = [({"username": username.lower()}, config["USERNAME_FAILURES"], True)]
    if ip_address:
        checks.append(({"ip_address": ip_address}, config["IP_FAILURES"], False))
    for filters, limit, reset_by_success in checks:
        until = _locked_until(_failures(reset_by_success=reset_by_success, **filters), limit)
        if until is not None and until > now:
            LoginAttempt.objects.create(username=username.lower(), ip_address=ip_address, locked_out=True)
            logger.warning("login refused: lockout active for %s", "username" if "username" in filters else "ip")
            minutes = max(1, int((until - now).total_seconds() // 60) + 1)
            raise ApplicationError(
                ErrorCode.AUTH_LOCKED_OUT,
                _("Too many failed logins. Try again in %(minutes)s minutes.") % {"minutes": minutes},
                status_code=429,
                extra={"retry_after_seconds": int((until - now).total_seconds()) + 1},
            )


def authenticate_credentials(*, request: Any, username: str, password: str) -> User:
    ip_address = client_ip(request)
    ensure_login_allowed(username=username, ip_address=ip_address)
    user = authenticate(request, username=username, password=password)
    LoginAttempt.objects.create(username=username.lower(), ip_address=ip_address, succeeded=user is not None)
    if user is None:
        raise ApplicationError(ErrorCode.AUTH_INVALID_CREDENTIALS, _("Wrong username or password."), status_code=400)
    assert isinstance(user, User)
    return user


def log_in(*, request: Any, username: str, password: str) -> User:
    user = authenticate_credentials(request=request, username=username, password=password)
    login(request, user)  # cycles the session key (target S3)
    request.session[SESSION_AUTH_AT] = time.time()
    return user


def log_out(*, request: Any) -> None:
    token = getattr(request, "auth", None)
    if isinstance(token, ApiToken):
        token.delete()
    session_key = request.session.session_key if hasattr(request, "session") else None
    if session_key:
        UserSession.objects.filter(session_key=session_key).delete()
    logout(request)


# --- Integration tokens ----------------------------------------------------------------


def token_digest(key: str) -> str:
    """What is stored of a key: its SHA-256 (the key is 160 random bits, so no slow hash is needed)."""
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def _token_config() -> dict[str, Any]:
    config: dict[str, Any] = settings.API_TOKENS
    return config


def _idle_cutoff(now: datetime) -> datetime:
    idle: timedelta = _token_config()["IDLE_TIMEOUT"]
    return now - idle


def _expired(now: datetime) -> Q:
    cutoff = _idle_cutoff(now)
    return Q(last_used_at__lt=cutoff) | Q(last_used_at__isnull=True, created_at__lt=cutoff)


def live_tokens(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).exclude(_expired(timezone.now()))


def issue_token(*, request: Any, username: str, password: str, name: str = "") -> tuple[ApiToken, str]:
    """A new token for the user; returns the row and the key, which is never stored nor shown again."""
    user = authenticate_credentials(request=request, username=username, password=password)  # records the attempt
    with transaction.atomic():
        return _create_token(user=user, name=name)


def _create_token(*, user: User, name: str) -> tuple[ApiToken, str]:
    now = timezone.now()
    ApiToken.objects.filter(_expired(now), user=user).delete()
    keep = int(_token_config()["MAX_PER_USER"]) - 1
    surplus = list(
        ApiToken.objects.filter(user=user)
        .annotate(used=Coalesce("last_used_at", "created_at"))
        .order_by("-used", "-id")
        .values_list("pk", flat=True)[keep:]
    )
    if surplus:
        ApiToken.objects.filter(pk__in=surplus).delete()
    key = secrets.token_hex(20)
    token = ApiToken.objects.create(user=user, name=name, digest=token_digest(key), created_at=now)
    logger.info("token %s issued to user %s", token.pk, user.pk)
    return token, key


# Every API request reads its token: compiled once per connection (``core.prepared``).
_TOKEN_BY_DIGEST = Prepared(lambda digest: ApiToken.objects.select_related("user").filter(digest=digest)[:1], digest=str)


def authenticate_token(key: str) -> ApiToken | None:
    """The live token with this key (its user joined), or ``None``: unknown, expired (then deleted) or inactive user.

    The last-use time is written only when older than ``API_TOKENS["TOUCH_INTERVAL"]``: one small UPDATE every few
    minutes per token, not one per request.
    """
    token = _TOKEN_BY_DIGEST.one(digest=token_digest(key))
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if (token.last_used_at or token.created_at) < _idle_cutoff(now):
        ApiToken.objects.filter(pk=token.pk).delete()
        logger.info("token %s of user %s ended: idle too long", token.pk, token.user_id)
        return None
    interval: timedelta = _token_config()["TOUCH_INTERVAL"]
    if token.last_used_at is None or now - token.last_used_at >= interval:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def revoke_token(*, token: ApiToken) -> None:
    """End a token (the view finds it among the caller's own tokens only: anyone else's is a 404)."""
    logger.info("token %s of user %s revoked", token.pk, token.user_id)
    token.delete()


# --- User administration ---------------------------------------------------------------


def _validate_roles(roles: list[str]) -> list[Group]:
    unknown = sorted(set(roles) - set(ROLES))
    if unknown:
        raise ApplicationError(
            ErrorCode.USER_UNKNOWN_ROLE,
            _("Unknown role."),
            fields={"roles": [_("Unknown role: %(name)s") % {"name": n} for n in unknown]},
        )
    return list(Group.objects.filter(name__in=roles))


def _check_password(password: str, user: User) -> None:
    try:
        validate_password(password, user)
    except DjangoValidationError as exc:
        raise ApplicationError(
            ErrorCode.USER_WEAK_PASSWORD, _("The password is too weak."), fields={"password": exc.messages}
        ) from exc


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
            ErrorCode.USER_DUPLICATE_USERNAME, _("This username is taken."), fields={"username": [_("This username is taken.")]}
        )
    user = User(username=username, display_name=display_name, email=email)
    _check_password(password, user)
    user.set_password(password)
    user.save()
    user.groups.set(_validate_roles(roles or []))
    record_event(target=user, type=CommonEvent.CREATED, actor=actor, changes=diff_changes({}, _snapshot(user)))
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
        record_event(target=user, type=CommonEvent.UPDATED, actor=actor, changes=changes)
    return user


@transaction.atomic
def set_user_password(*, actor: User, user: User, password: str) -> None:
    _check_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    _end_sessions(user)
    record_event(target=user, type=AccountEvent.PASSWORD_RESET, actor=actor)


def _end_sessions(user: User) -> None:
    keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    Session.objects.filter(session_key__in=keys).delete()
    UserSession.objects.filter(user=user).delete()
    ApiToken.objects.filter(user=user).delete()


@transaction.atomic
def deactivate_user(*, actor: User, user: User) -> User:
    if user.pk == actor.pk:
        raise ApplicationError(ErrorCode.USER_CANNOT_DEACTIVATE_SELF, _("You cannot deactivate your own account."))
    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.is_active:
        raise ApplicationError(ErrorCode.USER_ALREADY_INACTIVE, _("This user is already deactivated."), status_code=409)
    user.is_active = False
    user.save(update_fields=["is_active"])
    _end_sessions(user)
    record_event(target=user, type=AccountEvent.DEACTIVATED, actor=actor, changes={"is_active": [True, False]})
    return user


@transaction.atomic
def activate_user(*, actor: User, user: User) -> User:
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.is_active:
        raise ApplicationError(ErrorCode.USER_ALREADY_ACTIVE, _("This user is already active."), status_code=409)
    user.is_active = True
    user.save(update_fields=["is_active"])
    record_event(target=user, type=AccountEvent.ACTIVATED, actor=actor, changes={"is_active": [False, True]})
    return user


# --- Departments -------------------------------------------------------------------------------------------------


def _check_emails(emails: list[str]) -> list[str]:
    from django.core.validators import validate_email

    cleaned = []
    for address in emails:
        try:
            validate_email(address.strip())
        except DjangoValidationError as exc:
            message = _("Enter valid e-mail addresses.")
            raise ApplicationError(ErrorCode.DEPARTMENT_INVALID_EMAIL, message, fields={"emails": [message]}) from exc
        cleaned.append(address.strip())
    return cleaned


@transaction.atomic
def create_department(
    *, actor: User, code: str, name: str, contacts: list[User], emails: list[str], is_active: bool = True
) -> Department:
    if Department.objects.filter(Q(code=code) | Q(name=name)).exists():
        message = _("A department with this code or name exists.")
        raise ApplicationError(ErrorCode.DEPARTMENT_DUPLICATE, message, fields={"code": [message]})
    department = Department.objects.create(code=code, name=name, emails=_check_emails(emails), is_active=is_active)
    department.contacts.set(contacts)
    record_event(target=department, type=CommonEvent.CREATED, actor=actor, data={"code": code, "name": name})
    return department


@transaction.atomic
def update_department(*, actor: User, department: Department, values: dict[str, Any], version: int | None) -> Department:
    from anju.core.records import apply_changes, ensure_version

    department = Department.objects.select_for_update().get(pk=department.pk)
    ensure_version(department, version)
    contacts = values.pop("contacts", None)
    if "emails" in values:
        values["emails"] = _check_emails(values["emails"])
    if "name" in values and Department.objects.filter(name=values["name"]).exclude(pk=department.pk).exists():
        message = _("A department with this code or name exists.")
        raise ApplicationError(ErrorCode.DEPARTMENT_DUPLICATE, message, fields={"name": [message]})
    changes = apply_changes(department, values)
    if contacts is not None and {u.pk for u in contacts} != set(department.contacts.values_list("pk", flat=True)):
        department.contacts.set(contacts)
        changes["contacts"] = [u.pk for u in contacts]
    if changes:
        department.version += 1
        department.save()
        record_event(target=department, type=CommonEvent.UPDATED, actor=actor, changes=changes)
    return department
