"""Staff users, login attempts (for lockout) and the sessions each user holds."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A member of staff. Roles are Django groups; data scope lives in ``properties``."""

    display_name = models.CharField(_("display name"), max_length=50, blank=True)

    class Meta(AbstractUser.Meta):  # type: ignore[name-defined]
        swappable = "AUTH_USER_MODEL"
        ordering = ["username"]
        permissions = [("deactivate_user", "Can deactivate and reactivate users")]

    def __str__(self) -> str:
        return self.display_name or self.username


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
