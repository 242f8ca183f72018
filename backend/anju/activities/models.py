"""会员活动: activities the centre holds for owners (who may join: the owners of a project, or a customer group), and
the owners' registrations with their check-in."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anju.customers.models import Customer, Tag
from anju.properties.models import Project


class Audience(models.TextChoices):
    PROJECT_OWNERS = "project_owners", _("All owners of the project")
    GROUP = "group", _("Owners in a customer group")


class ActivityStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CANCELLED = "cancelled", _("Cancelled")


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    CANCELLED = "cancelled", _("Cancelled")
    CHECKED_IN = "checked_in", _("Checked in")


TAKES_A_PLACE = (RegistrationStatus.REGISTERED, RegistrationStatus.CHECKED_IN)


def _private_storage() -> FileSystemStorage:
    return FileSystemStorage(location=str(settings.PRIVATE_MEDIA_ROOT), base_url=None)


def _poster_path(instance: Activity, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"activities/{instance.pk}/{uuid.uuid4().hex}.{extension}"


class Activity(models.Model):
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=100)
    description = models.TextField(_("description"), blank=True, max_length=4000)
    place = models.CharField(_("place"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveIntegerField(_("capacity"))
    audience = models.CharField(max_length=16, choices=Audience.choices, default=Audience.PROJECT_OWNERS)
    group = models.ForeignKey(Tag, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=ActivityStatus.choices, default=ActivityStatus.OPEN)
    # The poster (JPEG or PNG through the checked upload); stored outside the static root, served by checked views.
    poster = models.FileField(upload_to=_poster_path, storage=_private_storage, max_length=200, blank=True)
    poster_type = models.CharField(max_length=20, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name = _("member activity")
        permissions = [("check_in_registration", "Can check people in at a member activity")]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="activities_capacity_positive"),
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="activities_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.title


class Registration(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="registrations")
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=12, choices=RegistrationStatus.choices, default=RegistrationStatus.REGISTERED)
    registered_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    checked_in_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["registered_at", "id"]
        constraints = [models.UniqueConstraint(fields=["activity", "customer"], name="activities_one_registration")]

    def __str__(self) -> str:
        return f"{self.customer_id} at {self.activity_id}"
