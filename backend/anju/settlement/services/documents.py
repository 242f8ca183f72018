"""面积补差结算单: one section per contract (every input, the ratio and band, the price, the refund areas, the amounts,
the regime that applied and the certificate fees collected alongside), one document per line or per batch."""

from __future__ import annotations

from decimal import Decimal

from anju.core.pdf import Document
from anju.sales.models import ContractBuyer
from anju.settlement.choices import PriceSource, Regime
from anju.settlement.models import SettlementBatch, SettlementLine
from anju.settlement.services import lines as line_rules

BASIS = {"whole_unit": "按套计价", "inner_area": "按套内建筑面积计价", "building_area": "按建筑面积计价"}
REGIME: dict[str, str] = {
    Regime.WHOLE_UNIT: "按套计价：总价不变，不适用面积补差（《商品房销售管理办法》第十九条）",
    Regime.STATUTORY: (
        "《商品房销售管理办法》第二十条（误差比绝对值3%以内据实结算，超出3%部分：面积增加由开发企业承担，面积减少双倍返还）"
    ),
    Regime.MODEL_INNER: "GF-2014-0171 第十三条 方式一：按套内建筑面积结算",
    Regime.MODEL_GROSS: "GF-2014-0171 第十三条 方式二：按建筑面积结算，建筑面积或套内面积误差比超出约定比例的买受人可退房",
    Regime.CUSTOM: "合同自行约定的误差比例与返还倍数",
}
STATUS = {"draft": "草稿", "reviewed": "已审核", "approved": "已审批", "notified": "已通知", "posted": "已入账"}


def _area(value: Decimal | None, places: int = 2) -> str:
    return "—" if value is None else f"{value:,.{places}f} m²"


def _money(value: Decimal) -> str:
    return f"¥{value:,.2f}"


def _band(line: SettlementLine) -> str:
    if not line.settles:
        return "不适用"
    inside = not line.withdrawal_right
    limit = f"±{line.threshold_percent.normalize()}%"
    return f"{limit} 以内（据实结算）" if inside else f"超出 {limit}（买受人有权退房）"


def _section(document: Document, line: SettlementLine) -> None:
    contract = line.contract
    buyers = "、".join(b.customer.name for b in ContractBuyer.objects.filter(contract=contract).select_related("customer"))
    section = document.section(
        "面积补差结算单", f"结算批次 {line.batch.number} · {STATUS.get(line.batch.status, line.batch.status)}"
    )
    section.fields(
        [
            ("合同编号", contract.number),
            ("房号", str(line.unit)),
            ("买受人", buyers or "—"),
            ("计价方式", BASIS.get(line.pricing_basis, line.pricing_basis)),
            ("合同总价", _money(contract.total_price)),
            ("适用规则", REGIME[line_rules.regime_of(line)]),
        ],
        columns=1,
    )
    section.heading("面积与误差比")
    ratio = f"{line_rules.percent_text(line.ratio)}%"
    if line.inner_ratio is not None:
        inner = f"{line_rules.percent_text(line.inner_ratio)}%"
    elif line.contract_inner_area and line.measured_inner_area is not None:
        # Printed for information: under this regime the 套内 ratio neither grants withdrawal nor moves money.
        reference = (line.measured_inner_area - line.contract_inner_area) / line.contract_inner_area
        inner = f"{line_rules.percent_text(reference)}%（仅供参考，不影响结算）"
    else:
        inner = "—"
    rows = [
        ("合同约定面积（计价面积）", _area(line.contract_area)),
        ("实测面积（计价面积）", _area(line.measured_area)),
        ("面积误差比", ratio),
        ("约定比例", _band(line)),
        ("合同套内面积", _area(line.contract_inner_area)),
        ("实测套内面积", _area(line.measured_inner_area)),
        ("套内面积误差比", inner),
        ("退房权", "有" if line.withdrawal_right else "无"),
    ]
    section.fields(rows)
    if line.settles:
        source = "合同单价" if line.price_source == PriceSource.CONTRACT else "合同总价 ÷ 合同计价面积"
        section.heading("结算")
        section.table(
            ["项目", "面积", "单价", "金额"],
            [
                ["买受人补交（约定比例以内）", _area(line.charged_area, 4), _money(line.unit_price), _money(line.buyer_pays)],
                [
                    "开发企业承担（超出部分，不收取）",
                    _area(line.absorbed_area, 4),
                    _money(line.unit_price),
                    _money(line.developer_absorbs),
                ],
                [
                    "单倍返还（约定比例以内）",
                    _area(line.single_refund_area, 4),
                    _money(line.unit_price),
                    _money(line.single_refund_area * line.unit_price),
                ],
                [
                    f"{line.excess_multiplier.normalize()}倍返还（超出部分）",
                    _area(line.double_refund_area, 4),
                    _money(line.unit_price * line.excess_multiplier),
                    _money(line.double_refund_area * line.unit_price * line.excess_multiplier),
                ],
            ],
            widths=[0.4, 0.18, 0.2, 0.22],
            right_align=(1, 2, 3),
            total=["应补交 / 应返还", "", "", f"{_money(line.buyer_pays)} / {_money(line.developer_refunds)}"],
        )
        section.paragraph(f"单价来源：{source}；金额最后一步四舍五入到分。", size=9)
    else:
        section.paragraph(line_rules.reason_not_settled(line) or "按套计价，不适用面积补差。")
    section.heading("办理产权证相关费用（随补差预收）")
    collected = "随本次补差预收" if line.batch.collect_certificate_fees else "本批次不预收"
    section.fields(
        [
            ("契税（估算，以税务机关核定为准）", _money(line.deed_tax)),
            ("登记费", _money(line.registration_fee)),
            ("收取方式", collected),
        ]
    )
    if line.withdrawing:
        section.paragraph(f"买受人已选择退房（{line.withdrawal_on}）：{line.withdrawal_reason}。本行不入账。")
    section.signatures([("出卖人（盖章）", None), ("买受人（签字）", None)], date=line.batch.approved_at)


def _lines(batch: SettlementBatch) -> list[SettlementLine]:
    return list(
        batch.lines.select_related("contract", "unit__building", "batch").order_by("unit__floor", "unit__room_number", "id")
    )


def line_pdf(line: SettlementLine) -> bytes:
    document = Document(title=f"面积补差结算单 {line.contract.number}")
    _section(document, line)
    return document.build()


def batch_pdf(batch: SettlementBatch) -> bytes:
    document = Document(title=f"面积补差结算单 {batch.number}")
    lines = _lines(batch)
    summary = document.section("面积补差结算汇总", f"{batch.building} · 结算批次 {batch.number}")
    summary.table(
        ["房号", "合同", "误差比", "退房权", "补交", "返还"],
        [
            [
                str(row.unit),
                row.contract.number,
                f"{line_rules.percent_text(row.ratio)}%" if row.settles else "按套",
                "有" if row.withdrawal_right else "无",
                _money(row.buyer_pays),
                _money(row.developer_refunds),
            ]
            for row in lines
        ],
        widths=[0.16, 0.22, 0.14, 0.1, 0.19, 0.19],
        right_align=(2, 4, 5),
        total=[
            "合计",
            f"{len(lines)} 户",
            "",
            "",
            _money(sum((row.buyer_pays for row in lines), Decimal("0"))),
            _money(sum((row.developer_refunds for row in lines), Decimal("0"))),
        ],
    )
    for line in lines:
        _section(document, line)
    return document.build()
