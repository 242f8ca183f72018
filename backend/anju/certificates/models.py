"""Property certificates (产证): one case per sold unit's live contract, from the documents collected at handover to
the 不动产权证书 handed to the owner (or its original sent to the lending bank), with its three clocks (domain rules
§5.3), the documents checklist, the delays and whose fault they were, and the signed 房产证签收表."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anju.certificates.choices import AlertKind, Clock, DocumentCode, Fault, ReceiptKind, SaleKind, Stage
from anju.core.models import CiphertextField
from anju.customers.models import Customer
from anju.properties.models import Project, Unit
from anju.sales.models import Contract


class ProjectMilestone(models.Model):
    """The project's 首次登记 date (starts every pre-registered buyer's 预告登记 clock) and how many days before a
    clock the alert goes out (practice, not law)."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="certificate_milestone")
    first_registration_on = models.DateField(_("initial registration date"), null=True, blank=True)
    alert_days = models.PositiveSmallIntegerField(_("days before a clock to warn"), default=7)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"certificate milestone of project {self.project_id}"


class SaleSnapshot(models.Model):
    """Whether the unit had a measured area when the contract was signed (现售), kept at signing: the transfer clock
    of a 现售 starts at signing, and the measured area arrives later for a presale unit."""

    contract = models.OneToOneField(Contract, on_delete=models.CASCADE, related_name="certificate_sale")
    measured_at_signing = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.contract_id}: {'measured' if self.measured_at_signing else 'presale'}"


class CertificateCase(models.Model):
    """产证办理: one per live contract of a unit, its buyers as the owners."""

    number = models.CharField(_("case number"), max_length=30, unique=True)
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="certificate_cases")
    contract = models.OneToOneField(Contract, on_delete=models.PROTECT, related_name="certificate_case")
    owners = models.ManyToManyField(Customer, related_name="+")
    handler = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    stage = models.CharField(max_length=24, choices=Stage.choices, default=Stage.COLLECTING)
    stage_since = models.DateTimeField(default=timezone.now)
    sale_kind = models.CharField(max_length=12, choices=SaleKind.choices, default=SaleKind.PRESALE)
    mortgaged = models.BooleanField(default=False)
    pre_registered = models.BooleanField(_("pre-registered"), default=False)
    delivered_on = models.DateField(_("delivery date"), null=True, blank=True)
    # The clocks (rules.py); a clock is met when its step's date is set.
    developer_documents_due_on = models.DateField(null=True, blank=True)
    transfer_registration_due_on = models.DateField(null=True, blank=True)
    pre_registration_lapses_on = models.DateField(null=True, blank=True)
    next_clock = models.CharField(max_length=24, choices=Clock.choices, blank=True)
    next_due_on = models.DateField(null=True, blank=True)  # the earliest open clock (the at-risk list sorts on it)
    developer_documents_submitted_on = models.DateField(_("registration documents submitted"), null=True, blank=True)
    deed_tax_paid_on = models.DateField(_("deed tax paid"), null=True, blank=True)
    transfer_applied_on = models.DateField(_("transfer registration applied"), null=True, blank=True)
    transfer_completed_on = models.DateField(_("transfer registration completed"), null=True, blank=True)
    certificate_number = CiphertextField(blank=True, default="")  # 不动产权证号: personal data, shown masked
    mortgage_registered_on = models.DateField(_("mortgage registered"), null=True, blank=True)
    sent_to_bank_on = models.DateField(_("original sent to the bank"), null=True, blank=True)
    handed_over_on = models.DateField(_("handed over"), null=True, blank=True)
    note = models.CharField(max_length=500, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("certificate case")
        permissions = [
            ("record_deed_tax", "Can record the deed tax paid"),
            ("record_mortgage_registration", "Can record the mortgage registration and the original sent to the bank"),
            ("reveal_certificate_number", "Can reveal a certificate number"),
        ]
        indexes = [
            models.Index(fields=["project", "stage", "-created_at"], name="cert_case_project_stage"),
            models.Index(fields=["project", "-created_at", "-id"], name="cert_case_project_new"),
            models.Index(fields=["next_due_on"], name="cert_case_next_due"),
        ]

    def __str__(self) -> str:
        return self.number


class ChecklistItem(models.Model):
    """One document collected for the registration (an ID copy names its buyer)."""

    case = models.ForeignKey(CertificateCase, on_delete=models.CASCADE, related_name="checklist")
    code = models.CharField(max_length=24, choices=DocumentCode.choices)
    customer = models.ForeignKey(Customer, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    received = models.BooleanField(default=False)
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    received_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["case_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "code", "customer"], name="cert_checklist_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.code}"


class Delay(models.Model):
    """A reason the certificate is late and whose fault it is (the developer's fault decides liability, S3 第14条)."""

    case = models.ForeignKey(CertificateCase, on_delete=models.CASCADE, related_name="delays")
    fault = models.CharField(max_length=12, choices=Fault.choices)
    occurred_on = models.DateField()
    note = models.CharField(max_length=500)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["case_id", "occurred_on", "id"]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.fault}"


class ClockAlert(models.Model):
    """An alert sent about a clock: at most one per case, clock and kind (the sweep's idempotent flag)."""

    case = models.ForeignKey(CertificateCase, on_delete=models.CASCADE, related_name="alerts")
    clock = models.CharField(max_length=24, choices=Clock.choices)
    kind = models.CharField(max_length=10, choices=AlertKind.choices)
    due_on = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "clock", "kind"], name="cert_alert_once")]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.clock}:{self.kind}"


class Receipt(models.Model):
    """房产证签收表: what the owner received, when, and from whom (printed as a PDF to sign)."""

    case = models.ForeignKey(CertificateCase, on_delete=models.PROTECT, related_name="receipts")
    kind = models.CharField(max_length=10, choices=ReceiptKind.choices)
    number = models.CharField(max_length=30, unique=True)
    recipient_name = models.CharField(max_length=50)
    items = models.JSONField(default=list)  # the labels of what was handed over, as printed
    handed_on = models.DateField()
    handed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    signature = models.BinaryField(null=True, blank=True)  # the recipient's signature (PNG/JPEG), printed on the form
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["case_id", "id"]

    def __str__(self) -> str:
        return self.number
