"""The owner's own sign-in realm: one-time codes sent by text and the 30-day sessions they open.

An owner is a customer who owns or co-owns a unit (``customers.UnitOwnership``, kept by the contracts of ``sales``).
Nothing here is a staff ``User``: an owner session is never accepted by a staff endpoint and the reverse.
Mobile numbers are kept only as the customers app's blind index (HMAC), codes and session keys only as digests.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from anju.customers.models import Customer


class SignInCode(models.Model):
    """A code asked for a mobile number: one row per request, owner or not (the limits count them all)."""

    mobile_index = models.CharField(max_length=64, db_index=True)
    customer = models.ForeignKey(Customer, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    code_digest = models.CharField(max_length=64, blank=True)  # empty when the number is no owner's: nothing sent
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["mobile_index", "-created_at"], name="owner_code_mobile"),
            models.Index(fields=["ip_address", "-created_at"], name="owner_code_ip"),
        ]

    def __str__(self) -> str:
        return f"code {self.pk} ({self.created_at:%Y-%m-%d %H:%M})"


class OwnerSession(models.Model):
    """A signed-in phone: the cookie carries a random key, the table only its SHA-256."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="+")
    key_digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    last_seen_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    user_agent = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["customer", "revoked_at"], name="owner_session_customer")]

    def __str__(self) -> str:
        return f"owner session {self.pk} of customer {self.customer_id}"
