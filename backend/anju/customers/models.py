"""Customers with protected personal data, unit ownership, consultations, appointments, follow-ups.

Mobile and ID numbers are stored only as AES-GCM ciphertext plus an HMAC blind index
(``anju.core.pii``); the blind index carries the UNIQUE constraint that refuses duplicates. The e-mail address is
stored as ciphertext only: it is not unique (a family may share one) and nobody searches by it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anju.core.models import CiphertextField
from anju.customers.choices import (
    AppointmentStatus,
    ConsultationCategory,
    ContactChannel,
    CustomerSource,
    Gender,
    IdType,
    OwnershipRole,
)
from anju.properties.models import Project, Unit


class Tag(models.Model):
    """A customer group or label (VIP, 老业主, 投诉敏感 ...)."""

    name = models.CharField(_("name"), max_length=30, unique=True)
    color = models.CharField(_("colour"), max_length=7, default="#409EFF")
    description = models.CharField(_("description"), max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")

    def __str__(self) -> str:
        return self.name


class Customer(models.Model):
    code = models.CharField(_("customer code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=50, db_index=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, default=Gender.UNKNOWN)
    id_type = models.CharField(_("ID type"), max_length=30, choices=IdType.choices, default=IdType.RESIDENT_ID)
    id_number_ciphertext = CiphertextField(blank=True, default="")
    id_number_index = models.CharField(max_length=64, null=True, blank=True, unique=True)
    # optional; where a survey's personal link goes by e-mail
    email_ciphertext = CiphertextField(blank=True, default="")
    address = models.CharField(_("address"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=20, choices=CustomerSource.choices, default=CustomerSource.OTHER)
    tags = models.ManyToManyField(Tag, blank=True, related_name="customers")
    notes = models.TextField(_("notes"), blank=True)
    marketing_consent = models.BooleanField(_("marketing consent"), default=False)
    marketing_consent_at = models.DateTimeField(null=True, blank=True)
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="consulted_customers"
    )
    projects: models.ManyToManyField[Project, CustomerProject] = models.ManyToManyField(
        Project, through="CustomerProject", related_name="customers"
    )
    # Set when the person's data was erased (PIPL Art. 47): the record stays, anonymous, for statistics.
    erased_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("customer")
        permissions = [
            ("reveal_customer_pii", "Can reveal customers' full personal data"),
            ("export_customer", "Can export customers"),
            ("import_customer", "Can import customers"),
            ("export_personal_data", "Can give a person a copy of their data (PIPL Art. 45)"),
            ("erase_customer", "Can erase a person's data (PIPL Art. 47)"),
            ("link_customer", "Can link a customer known in another project to one of theirs"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class CustomerProject(models.Model):
    """The projects a customer belongs to: the customer's data scope."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE)
    project = models.ForeignKey(Project, on_delete=models.PROTECT)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["customer", "project"], name="customers_customerproject_unique")]

    def __str__(self) -> str:
        return f"{self.customer_id} in {self.project_id}"


class CustomerMobile(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="mobiles")
    ciphertext = CiphertextField()
    blind_index = models.CharField(max_length=64, unique=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["customer_id", "position"]

    def __str__(self) -> str:
        return f"mobile #{self.position} of customer {self.customer_id}"


class UnitOwnership(models.Model):
    """业主-房屋: a customer owns (or co-owns) a unit."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="ownerships")
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="ownerships")
    role = models.CharField(_("role"), max_length=20, choices=OwnershipRole.choices, default=OwnershipRole.PRIMARY)
    since = models.DateField(_("owner since"), null=True, blank=True)
    share = models.DecimalField(_("share (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["unit_id", "role", "id"]
        verbose_name = _("unit ownership")
        constraints = [models.UniqueConstraint(fields=["unit", "customer"], name="customers_ownership_unique")]

    def __str__(self) -> str:
        return f"{self.unit} · {self.customer.name}"


class Consultation(models.Model):
    """咨询: a question from a customer and how it was answered."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="consultations")
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(_("channel"), max_length=20, choices=ContactChannel.choices)
    category = models.CharField(_("category"), max_length=20, choices=ConsultationCategory.choices)
    content = models.TextField(_("content"))
    reply = models.TextField(_("reply"), blank=True)
    handler = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    occurred_at = models.DateTimeField(_("time"), default=timezone.now)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("consultation")

    def __str__(self) -> str:
        return f"{self.customer.name} {self.occurred_at:%Y-%m-%d}"


class Appointment(models.Model):
    """预约看房: a viewing slot with a consultant; one consultant cannot be double-booked."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="appointments")
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    consultant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="appointments")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    status = models.CharField(_("status"), max_length=20, choices=AppointmentStatus.choices, default=AppointmentStatus.SCHEDULED)
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("appointment")
        permissions = [("cancel_appointment", "Can cancel or close appointments")]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="customers_appointment_ends_after_start"),
        ]
        indexes = [models.Index(fields=["consultant", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.customer.name} {self.starts_at:%Y-%m-%d %H:%M}"


class FollowUp(models.Model):
    """跟进: a contact with the customer and the agreed next step."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="follow_ups")
    # The project it was about: seen only there. Empty: about the customer as a whole, seen wherever they are.
    project = models.ForeignKey(Project, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    method = models.CharField(_("method"), max_length=20, choices=ContactChannel.choices)
    content = models.TextField(_("content"))
    next_step = models.CharField(_("next step"), max_length=500, blank=True)
    next_follow_up_on = models.DateField(_("next follow-up date"), null=True, blank=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="follow_ups")
    occurred_at = models.DateTimeField(_("time"), default=timezone.now)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("follow-up")
        indexes = [models.Index(fields=["owner", "next_follow_up_on"])]

    def __str__(self) -> str:
        return f"{self.customer.name} {self.occurred_at:%Y-%m-%d}"
