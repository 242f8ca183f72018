"""Staff users, login attempts (for lockout), the sessions each user holds and their integration tokens."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anju.accounts.access import new_stamp


class User(AbstractUser):
    """A member of staff. Roles are Django groups; data scope lives in ``properties``."""

    display_name = models.CharField(_("display name"), max_length=50, blank=True)
    # Replaced whenever the user's roles, permissions or data scope change: the key of their cached access
    # (``anju.accounts.access``), read with the user on every request.
    access_stamp = models.CharField(max_length=16, default=new_stamp, editable=False)

    class Meta(AbstractUser.Meta):  # type: ignore[name-defined]
        swappable = "AUTH_USER_MODEL"
        ordering = ["username"]
        permissions = [("deactivate_user", "Can deactivate and reactivate users")]

    def __str__(self) -> str:
        return self.display_name or self.username

    def save(self, *args: Any, **kwargs: Any) -> None:
        """An existing user's ``save()`` never writes ``access_stamp`` back: only ``access.bump`` sets it, so a user
        object loaded before a change of roles or scope cannot restore the old stamp (and the old cached access)."""
        if not self._state.adding and kwargs.get("update_fields") is None and not kwargs.get("force_insert"):
            kwargs["update_fields"] = [
                f.name for f in self._meta.concrete_fields if not f.primary_key and f.name != "access_stamp"
            ]
        super().save(*args, **kwargs)


class LoginAttempt(models.Model):
    """One login attempt; failures drive the username and IP lockouts (target S1)."""

    username = models.CharField(max_length=150, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    succeeded = models.BooleanField(default=False)
    locked_out = models.BooleanField(default=False)
    attempted_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-attempted_at"]

    def __str__(self) -> str:
        return f"{self.username} {self.attempted_at:%Y-%m-%d %H:%M}"


class UserSession(models.Model):
    """Which session keys belong to a user, so deactivation can end them server-side."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"session of user {self.user_id}"


class ApiToken(models.Model):
    """An integration token (``Authorization: Token <key>``).

    Only the SHA-256 digest of the key is stored: the key itself is shown once, when the token is issued. A token
    ends after ``API_TOKENS["IDLE_TIMEOUT"]`` without use, when revoked, on log-out through it, and when its user is
    deactivated or given a new password.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100, blank=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"token {self.pk} of user {self.user_id}"

    @property
    def expires_at(self) -> datetime.datetime:
        config: dict[str, Any] = settings.API_TOKENS
        idle: datetime.timedelta = config["IDLE_TIMEOUT"]
        return (self.last_used_at or self.created_at) + idle


class Department(models.Model):
    """A responsible department (客服部, 工程部, 物业, 营销, 设计 …): work-order categories, technician teams and complaint
    categories map to one, and reports are sent to its contacts (users) and extra e-mail addresses."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=50, unique=True)
    contacts = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="departments")
    emails = models.JSONField(default=list, blank=True, help_text="extra addresses reports are sent to")
    is_active = models.BooleanField(default=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["code"]
        verbose_name = _("department")

    def __str__(self) -> str:
        return self.name
