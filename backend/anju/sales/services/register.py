"""成交客户登记表: the deals of the caller's projects as a sheet (masked unless the user may reveal and gives a
purpose); every export leaves an access-log row, like the customer export."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anju.core import pii
from anju.core.access_log import log_access
from anju.core.errors import ApplicationError, CoreErrorCode
from anju.core.excel import Column, build_workbook
from anju.core.models import AccessAction
from anju.core.params import invalid_param
from anju.core.validators import strip_invisible
from anju.customers.services.customers import decrypt_mobiles
from anju.sales.choices import ContractStatus, PaymentPlan, PricingBasis
from anju.sales.models import Contract

COLUMNS = [
    Column("number", gettext_lazy("Contract number"), width=20),
    Column("signed_on", gettext_lazy("Signing date"), width=12),
    Column("project", gettext_lazy("Project"), width=14),
    Column("unit", gettext_lazy("Unit"), width=14),
    Column("buyers", gettext_lazy("Buyers"), width=20),
    Column("mobile", gettext_lazy("Mobile"), width=14),
    Column("gross_area", gettext_lazy("Gross floor area (m²)"), width=12),
    Column("pricing_basis", gettext_lazy("Pricing basis"), width=12),
    Column("unit_price", gettext_lazy("Unit price"), width=12),
    Column("total_price", gettext_lazy("Total price"), width=14),
    Column("payment_plan", gettext_lazy("Payment method"), width=12),
    Column("consultant", gettext_lazy("Consultant"), width=10),
    Column("deposit", gettext_lazy("Deposit"), width=12),
    Column("paid", gettext_lazy("Received"), width=14),
    Column("balance", gettext_lazy("Balance"), width=14),
    Column("filing", gettext_lazy("Filing number"), width=16),
    Column("status", gettext_lazy("Status"), width=10),
]


def _rows(contracts: Iterable[Contract], include_pii: bool) -> list[list[Any]]:
    rows = []
    for c in contracts:
        buyers = list(c.buyers.all())
        primary = next((b.customer for b in buyers if b.role == "primary"), None)
        mobiles = decrypt_mobiles(primary) if primary is not None else []
        mobile = mobiles[0] if mobiles else ""
        deposit = c.subscription.deposit_amount if c.subscription is not None else None
        rows.append(
            [
                c.number,
                c.signed_on,
                c.project.name,
                f"{c.unit.building.name} {c.unit.room_number}",
                "、".join(f"{b.customer.name}({b.share}%)" for b in buyers),
                mobile if include_pii else pii.mask_mobile(mobile) if mobile else "",
                c.gross_area,
                str(PricingBasis(c.pricing_basis).label),
                c.unit_price,
                c.total_price,
                str(PaymentPlan(c.payment_plan).label),
                (c.consultant.display_name or c.consultant.username),
                deposit,
                c.paid,  # type: ignore[attr-defined]
                c.due - c.paid,  # type: ignore[attr-defined]
                c.filing_number,
                str(ContractStatus(c.status).label),
            ]
        )
    return rows


def export_register(
    *, actor: Any, contracts: QuerySet[Contract], include_pii: bool, purpose: str, ip_address: str | None = None
) -> bytes:
    if include_pii and not actor.has_perm("customers.reveal_customer_pii"):
        raise ApplicationError(CoreErrorCode.AUTH_PERMISSION_DENIED, _("You do not have permission to do this."), status_code=403)
    purpose = strip_invisible(purpose or "")
    if include_pii and not purpose:
        raise invalid_param("purpose", _("State the purpose of exporting full personal data."))
    if len(purpose) > 200:
        raise invalid_param("purpose", _("At most 200 characters."))
    rows = _rows(contracts, include_pii)
    log_access(
        actor=actor,
        action=AccessAction.EXPORT,
        model=Contract,
        fields=["buyers", "mobile"] if include_pii else ["buyers"],
        purpose=purpose or _("Deal register export (masked)"),
        record_count=len(rows),
        ip_address=ip_address,
    )
    return build_workbook([(_("Deal register"), COLUMNS, rows)])


_FIGURES = [
    ("consultations", gettext_lazy("Consultations")),
    ("appointments", gettext_lazy("Viewings")),
    ("subscriptions", gettext_lazy("Subscriptions")),
    ("subscription_area", gettext_lazy("Subscribed area (m²)")),
    ("subscription_amount", gettext_lazy("Subscribed amount")),
    ("contracts", gettext_lazy("Contracts")),
    ("contract_area", gettext_lazy("Contracted area (m²)")),
    ("contract_amount", gettext_lazy("Contracted amount")),
    ("cancellations", gettext_lazy("Cancellations")),
    ("received", gettext_lazy("Received")),
    ("refunded", gettext_lazy("Refunded")),
    ("loans_disbursed", gettext_lazy("Loans disbursed")),
    ("overdue_filings", gettext_lazy("Overdue filings")),
    ("overdue_receivables", gettext_lazy("Overdue receivables")),
    ("overdue_amount", gettext_lazy("Overdue amount")),
]
_DAY = ["consultations", "subscriptions", "subscription_amount", "contracts", "contract_amount", "received", "loans_disbursed"]


def report_workbook(report: dict[str, Any]) -> bytes:
    """A sales report as three sheets: totals, per consultant, per day."""
    labels = dict(_FIGURES)
    totals = [[str(label), report["totals"][key]] for key, label in _FIGURES]
    people_columns = [Column("consultant_name", gettext_lazy("Consultant")), *[Column(key, label) for key, label in _FIGURES]]
    people = [[row["consultant_name"], *[row[k] for k, _l in _FIGURES]] for row in report["by_consultant"]]
    day_columns = [Column("date", gettext_lazy("Date"), width=12), *[Column(k, labels[k]) for k in _DAY]]
    days = [[row["date"], *[row[k] for k in _DAY]] for row in report["series"]]
    return build_workbook(
        [
            (_("Totals"), [Column("figure", gettext_lazy("Figure"), width=20), Column("value", gettext_lazy("Value"))], totals),
            (_("By consultant"), people_columns, people),
            (_("By day"), day_columns, days),
        ]
    )
