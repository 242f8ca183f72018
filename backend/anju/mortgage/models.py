"""Mortgage cases (按揭): one per loan application of a contract, at one bank, moving through the stages of
domain rules §4.4, with the document checklist of its loan type (§4.3) and the disbursement that pays the contract's
loan receivable."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anju.customers.models import Customer
from anju.mortgage.choices import DocumentCode, DocumentStatus, LoanType, Stage
from anju.properties.models import Project
from anju.sales.models import Contract


class Bank(models.Model):
    """A lending bank or provident-fund centre (a managed, company-wide list); projects name their partners."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    is_active = models.BooleanField(default=True)
    projects = models.ManyToManyField(Project, blank=True, related_name="partner_banks")

    class Meta:
        ordering = ["code"]
        verbose_name = _("bank")

    def __str__(self) -> str:
        return self.name


class MortgageCase(models.Model):
    """按揭: one loan application of a contract at one bank (a rejected one may be followed by one at another bank)."""

    number = models.CharField(_("case number"), max_length=30, unique=True)
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="mortgage_cases")
    bank = models.ForeignKey(Bank, null=True, blank=True, on_delete=models.PROTECT, related_name="cases")
    loan_type = models.CharField(max_length=16, choices=LoanType.choices)
    amount = models.DecimalField(_("loan amount"), max_digits=14, decimal_places=2)
    term_years = models.PositiveSmallIntegerField(_("term (years)"), default=30)
    borrowers = models.ManyToManyField(Customer, related_name="+")
    spouse_name = models.CharField(_("spouse"), max_length=50, blank=True)
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    stage = models.CharField(max_length=24, choices=Stage.choices, default=Stage.COLLECTING)
    stage_since = models.DateTimeField(default=timezone.now)
    previous_case = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="next_case"
    )  # 换行重新申请: the case at the bank that refused
    documents_due_on = models.DateField(_("documents due"), null=True, blank=True)
    interviewed_on = models.DateField(_("interview date"), null=True, blank=True)
    approved_on = models.DateField(_("approval date"), null=True, blank=True)
    rejected_on = models.DateField(_("rejection date"), null=True, blank=True)
    documents_complete_on = models.DateField(_("documents complete"), null=True, blank=True)
    disbursed_on = models.DateField(_("disbursement date"), null=True, blank=True)
    disbursed_amount = models.DecimalField(_("disbursed amount"), null=True, blank=True, max_digits=14, decimal_places=2)
    guarantee_released_on = models.DateField(_("guarantee released"), null=True, blank=True)
    stage_warned_on = models.DateField(null=True, blank=True)  # the day the sweep last warned about this case
    note = models.CharField(max_length=500, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("mortgage case")
        indexes = [
            models.Index(fields=["project", "stage", "-created_at"], name="mortgage_case_project_stage"),
            models.Index(fields=["project", "-created_at", "-id"], name="mortgage_case_project_new"),
            models.Index(fields=["bank", "stage"], name="mortgage_case_bank_stage"),
        ]

    def __str__(self) -> str:
        return self.number


class ChecklistItem(models.Model):
    """One document of the case's checklist (§4.3), received / missing / rejected with a note."""

    case = models.ForeignKey(MortgageCase, on_delete=models.CASCADE, related_name="checklist")
    code = models.CharField(max_length=40, choices=DocumentCode.choices)
    status = models.CharField(max_length=10, choices=DocumentStatus.choices, default=DocumentStatus.PENDING)
    note = models.CharField(max_length=200, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["case_id", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "code"], name="mortgage_checklist_unique")]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.code}={self.status}"
