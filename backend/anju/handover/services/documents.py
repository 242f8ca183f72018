"""The printed documents: 入伙通知书 (one unit, or the whole batch — one section per unit) and the 商品房交接单 of an
accepted inspection. Built with ``core.pdf``; every amount printed is the notice's Decimal."""

from __future__ import annotations

from collections.abc import Iterable

from anju.core.pdf import Document, Section
from anju.handover.models import HandoverNotice, Inspection
from anju.handover.selectors import defect_state
from anju.handover.services.notices import lead_of
from anju.sales.models import ZERO

PAYEES = {"developer": "开发商", "owners_fund": "专项维修资金专户", "tax_office": "税务机关", "property": "物业服务企业"}


def _buyers(notice: HandoverNotice) -> str:
    return "、".join(b.customer.name for b in notice.contract.buyers.all())


def _unit_name(notice: HandoverNotice) -> str:
    unit = notice.unit
    return f"{unit.building.name} {unit.room_number}"


def fee_rows(notice: HandoverNotice) -> list[tuple[str, object, str]]:
    """(item, amount, to whom / note) as printed on the notice."""
    rows: list[tuple[str, object, str]] = [("房价款余额", notice.price_balance, "开发商")]
    if notice.has_area_settlement:
        if notice.area_developer_refunds > ZERO:
            rows.append(("面积差异退还款", -notice.area_developer_refunds, "开发商退还买受人"))
        else:
            rows.append(("面积差异补缴款", notice.area_buyer_pays, "开发商"))
    rows += [
        ("住宅专项维修资金", notice.maintenance_fund, "存入专项维修资金专户"),
        ("契税（估算，以税务机关核定为准）", notice.deed_tax, "向税务机关缴纳"),
        ("不动产登记费", notice.registration_fee, "登记机构"),
        (f"预收物业服务费（{notice.property_fee_months}个月）", notice.property_fee, "物业服务企业"),
    ]
    return rows


def _notice_section(document: Document, notice: HandoverNotice) -> Section:
    batch = notice.batch
    section = document.section("入伙通知书", f"{batch.name} · {_unit_name(notice)}")
    section.paragraph(f"尊敬的 {_buyers(notice)}：")
    section.paragraph(
        f"您购买的 {_unit_name(notice)} 已具备交付条件（已取得竣工验收备案证明及房屋测绘报告）。"
        f"请您于 {notice.handover_on.isoformat()} {notice.window} 到 {batch.place} 办理验房及入伙手续。"
    )
    section.fields(
        [
            ("合同编号", notice.contract.number),
            ("房号", _unit_name(notice)),
            ("交付日期", notice.handover_on),
            ("时段", notice.window),
            ("办理地点", batch.place),
            ("建筑面积（m²）", f"{notice.area}（{'实测' if notice.area_measured else '合同约定'}）"),
        ]
    )
    section.heading("请携带以下资料")
    section.paragraph(batch.documents_to_bring)
    section.heading("费用明细")
    rows = fee_rows(notice)
    section.table(["项目", "金额（元）", "缴付对象"], rows, widths=[0.45, 0.25, 0.30], right_align=(1,))
    section.paragraph(
        "根据《商品房买卖合同（示范文本）》GF-2014 第十一条，缴纳上述税费不是验房和交付的前提条件；"
        "您有权在交付前查验房屋。如有疑问请联系客服中心。",
        size=9,
    )
    lead = lead_of(notice)
    section.paragraph(
        f"本通知书应于 {lead.latest_send_on.isoformat()} 前送达（合同约定提前 {lead.required_days} 日通知）。", size=9
    )
    section.signatures([("出卖人（盖章）", None)], date=notice.sent_on or "")
    return section


def notices_pdf(notices: Iterable[HandoverNotice], *, title: str = "入伙通知书") -> bytes:
    document = Document(title=title)
    for notice in notices:
        _notice_section(document, notice)
    return document.build()


def handover_record_pdf(inspection: Inspection) -> bytes:
    """商品房交接单 of an inspection: the unit, the keys, the meter readings, the defects and their orders, the owner's
    acceptance (or deferral) and signature."""
    notice = inspection.notice
    document = Document(title="商品房交接单")
    section = document.section("商品房交接单", f"{inspection.number} · 第 {inspection.round} 次验房")
    section.fields(
        [
            ("买受人", _buyers(notice)),
            ("房号", _unit_name(notice)),
            ("合同编号", notice.contract.number),
            ("验房日期", inspection.started_at),
            ("钥匙（把）", inspection.keys_count),
            ("水表读数", inspection.water_reading),
            ("电表读数", inspection.electricity_reading),
            ("燃气表读数", inspection.gas_reading),
        ]
    )
    defects = list(inspection.defects.select_related("work_order"))
    section.heading("验房问题")
    if defects:
        state_names = {"open": "维修中", "fixed": "已修复", "cancelled": "已取消"}
        section.table(
            ["位置", "问题描述", "维修工单", "状态"],
            [
                (f"{d.room} {d.item} {d.location}".strip(), d.description, d.work_order.number, state_names[defect_state(d)])
                for d in defects
            ],
            widths=[0.22, 0.43, 0.2, 0.15],
        )
    else:
        section.paragraph("无")
    if inspection.status == "accepted":
        section.paragraph(f"买受人已于 {inspection.accepted_on} 查验并接收上述房屋，验房问题由出卖人负责维修。")
    elif inspection.status == "deferred":
        section.paragraph(f"买受人暂缓收房，原因：{inspection.reason}")
    signature = None
    if inspection.signature:
        with inspection.signature.open("rb") as handle:
            signature = handle.read()
    section.signatures([("买受人", signature), ("出卖人代表", None)], date=inspection.accepted_on or "")
    return document.build()
