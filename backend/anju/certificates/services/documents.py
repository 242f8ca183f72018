"""The 房产证签收表 (receipt) as a PDF, and the at-risk list as an Excel sheet.

The receipt prints the certificate number **masked** by default: the office's file copy and any reprint leave the
building with nothing a stranger could use (the recipient holds the certificate itself). Printed for the recipient to
sign (``for_recipient``) it carries the number in clear, because the recipient confirms that exact number; that print is
a reveal — it needs the reveal permission and a purpose and writes an access-log row."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anju.certificates.choices import Clock, ReceiptKind
from anju.certificates.models import CertificateCase, Receipt
from anju.certificates.services.cases import mask_number, reveal_number
from anju.core.access_log import log_access
from anju.core.excel import Column, build_workbook
from anju.core.models import AccessAction
from anju.core.pdf import Document


def receipt_pdf(*, actor: Any, receipt: Receipt, purpose: str = "", ip_address: str | None = None) -> bytes:
    """``purpose`` given: printed for the recipient, number in clear (logged); otherwise masked."""
    case = receipt.case
    if purpose:
        number = reveal_number(actor=actor, case=case, purpose=purpose, ip_address=ip_address)
    else:
        number = mask_number(case.certificate_number)
    document = Document(title="房产证签收表")
    section = document.section("房产证签收表", f"编号 {receipt.number}")
    section.fields(
        [
            ("项目", case.project.name),
            ("房号", f"{case.unit.building.name} {case.unit.room_number}"),
            ("合同编号", case.contract.number),
            ("产证办理编号", case.number),
            ("不动产权证号", number),
            ("转移登记完成日", case.transfer_completed_on),
            ("签收类型", str(ReceiptKind(receipt.kind).label)),
            ("交付日期", receipt.handed_on),
        ]
    )
    section.heading("签收物品")
    section.table(["序号", "物品", "份数"], [[i + 1, item, 1] for i, item in enumerate(receipt.items)], widths=[0.12, 0.68, 0.2])
    if receipt.kind == ReceiptKind.COPY:
        section.paragraph("产权证书原件已按借款合同约定交抵押权人（贷款银行）保管，业主签收复印件。")
    section.paragraph(f"本人已收到上述物品，核对无误。领取人：{receipt.recipient_name}")
    handed_by = receipt.handed_by.display_name or receipt.handed_by.username if receipt.handed_by else ""
    signature = bytes(receipt.signature) if receipt.signature else None
    section.signatures([("领取人签字", signature), (f"经办人（{handed_by}）", None)], date=receipt.handed_on)
    return document.build()


AT_RISK_COLUMNS = [
    Column("case", gettext_lazy("Case number"), width=18),
    Column("project", gettext_lazy("Project"), width=16),
    Column("unit", gettext_lazy("Unit"), width=14),
    Column("contract", gettext_lazy("Contract number"), width=18),
    Column("owners", gettext_lazy("Owners"), width=20),
    Column("clock", gettext_lazy("Clock"), width=24),
    Column("due_on", gettext_lazy("Due"), width=12),
    Column("days_left", gettext_lazy("Days left"), width=10),
    Column("stage", gettext_lazy("Stage"), width=22),
]


def export_at_risk(*, actor: Any, rows: list[dict[str, Any]], ip_address: str | None = None) -> bytes:
    """The at-risk rows as a sheet; it names the owners, so it writes one access-log row like every export."""
    lines = []
    for row in rows:
        case: CertificateCase = row["case"]
        lines.append(
            [
                case.number,
                case.project.name,
                f"{case.unit.building.name} {case.unit.room_number}",
                case.contract.number,
                "、".join(c.name for c in case.owners.all()),
                str(Clock(row["clock"]).label),
                row["due_on"],
                row["days_left"],
                case.get_stage_display(),
            ]
        )
    log_access(
        actor=actor,
        action=AccessAction.EXPORT,
        model=CertificateCase,
        fields=[],
        purpose=_("Export"),
        record_count=len(lines),
        ip_address=ip_address,
    )
    title = str(gettext_lazy("Certificates at risk"))
    return build_workbook([(title, AT_RISK_COLUMNS, lines)])
