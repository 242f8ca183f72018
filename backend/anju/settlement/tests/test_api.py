"""The preview calculator over the worked examples (domain rules §1.4) exactly as strings, its 400s in both
languages, the measured-areas import (all or nothing, row errors, recalculation old → new), the batch and line API."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import Workbook
from pypdf import PdfReader

from anju.core.events import Event
from anju.properties.models import Unit
from anju.settlement.models import SettlementLine
from anju.settlement.tests import factories as fx

pytestmark = pytest.mark.django_db
PREVIEW = "/api/v1/area-settlements/preview/"

EXAMPLES = [
    # id, basis, contract, measured, price, ratio, right, pays, refunds, absorbs
    ("E1", "building_area", "100.00", "102.00", "20000", "2.00", False, "40000.00", "0.00", "0.00"),
    ("E2", "building_area", "100.00", "98.50", "20000", "-1.50", False, "0.00", "30000.00", "0.00"),
    ("E3", "building_area", "100.00", "105.00", "20000", "5.00", True, "60000.00", "0.00", "40000.00"),
    ("E4", "building_area", "100.00", "95.00", "20000", "-5.00", True, "0.00", "140000.00", "0.00"),
    ("E5", "building_area", "120.00", "123.60", "15000", "3.00", False, "54000.00", "0.00", "0.00"),
    ("E6", "building_area", "120.00", "116.40", "15000", "-3.00", False, "0.00", "54000.00", "0.00"),
    ("E9", "inner_area", "80.00", "82.00", "25000", "2.50", False, "50000.00", "0.00", "0.00"),
]


@pytest.mark.parametrize("example", EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_preview_gives_the_worked_examples_as_strings(world, client_for, example):
    _id, basis, contract, measured, price, ratio, right, pays, refunds, absorbs = example
    body = {"pricing_basis": basis, "contract_area": contract, "measured_area": measured, "unit_price": price}
    response = client_for(world.admin).post(PREVIEW, body, format="json")
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["ratio_percent"], data["withdrawal_right"]) == (ratio, right)
    assert (data["buyer_pays"], data["developer_refunds"], data["developer_absorbs"]) == (pays, refunds, absorbs)


def test_preview_uses_the_inner_pair_for_the_right_under_gross_pricing(world, client_for):
    body = {
        "pricing_basis": "building_area",
        "contract_area": "100.00",
        "measured_area": "102.00",
        "unit_price": "20000",
        "contract_inner_area": "80.00",
        "measured_inner_area": "76.00",
    }
    data = client_for(world.admin).post(PREVIEW, body, format="json").json()
    assert data["withdrawal_right"] is True and data["inner_ratio_percent"] == "-5.00" and data["buyer_pays"] == "40000.00"


def test_preview_float_trap_is_exactly_three_per_cent(world, client_for):
    body = {"pricing_basis": "building_area", "contract_area": "80.00", "measured_area": "82.40", "unit_price": "10000"}
    data = client_for(world.admin).post(PREVIEW, body, format="json").json()
    assert data["ratio_percent"] == "3.00" and data["withdrawal_right"] is False


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"contract_area": "0"}, "contract_area"),
        ({"measured_area": "-1.00"}, "measured_area"),
        ({"unit_price": "abc"}, "unit_price"),
        ({"contract_area": "NaN"}, "contract_area"),
        ({"measured_area": "100.001"}, "measured_area"),
        ({"pricing_basis": "whole_unit"}, "pricing_basis"),
        ({"contract_inner_area": "80.00"}, "measured_inner_area"),
    ],
)
def test_preview_refuses_bad_numbers_and_per_unit_pricing(world, client_for, change, field):
    body = {
        "pricing_basis": "building_area",
        "contract_area": "100.00",
        "measured_area": "95.00",
        "unit_price": "20000",
        **change,
    }
    for language in ("zh-hans", "en"):
        response = client_for(world.admin, language=language).post(PREVIEW, body, format="json")
        assert response.status_code == 400 and field in response.json()["fields"], response.content


def test_preview_whole_unit_message_in_both_languages(world, client_for):
    body = {"pricing_basis": "whole_unit", "contract_area": "100", "measured_area": "95", "unit_price": "1"}
    zh = client_for(world.admin, language="zh-hans").post(PREVIEW, body, format="json").json()["fields"]["pricing_basis"][0]
    en = client_for(world.admin, language="en").post(PREVIEW, body, format="json").json()["fields"]["pricing_basis"][0]
    assert "按套" in zh and "per unit" in en


# --- Import ------------------------------------------------------------------------------------------------------


def _survey(rows: list[list[str]]) -> io.BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["楼栋编码", "房号", "实测建筑面积(m²)", "实测套内面积(m²)"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "survey.xlsx"
    return buffer


def _import(client, project, rows):
    return client.post(
        "/api/v1/area-settlements/import-measured-areas/", {"project": project.id, "file": _survey(rows)}, format="multipart"
    )


def test_import_is_all_or_nothing_with_line_numbers(world, client_for):
    first, second = fx.unit(world), fx.unit(world)
    rows = [["1", first.room_number, "101.00", "80.50"], ["1", second.room_number, "-3", "80.00"], ["1", "999", "90", "70"]]
    response = _import(client_for(world.admin), world.project_a, rows)
    assert response.status_code == 400
    lines = sorted({row["line"] for row in response.json()["rows"]})
    assert lines == [3, 4]
    first.refresh_from_db()
    assert first.measured_gross_area is None
    response = _import(client_for(world.admin), world.project_a, [*rows[:1], ["1", second.room_number, "99.00", "79.00"]])
    assert response.status_code == 200 and response.json()["units_updated"] == 2
    first.refresh_from_db()
    assert (first.measured_gross_area, first.measured_internal_area) == (Decimal("101.00"), Decimal("80.50"))
    assert Event.objects.filter(type="record.updated", target_id=first.pk).exists()


def test_internal_area_above_gross_is_a_row_error(world, client_for):
    unit = fx.unit(world)
    response = _import(client_for(world.admin), world.project_a, [["1", unit.room_number, "80.00", "90.00"]])
    assert response.status_code == 400 and response.json()["rows"][0]["line"] == 2


def test_a_corrected_import_recalculates_open_lines_and_keeps_the_old_figures(world, client_for):
    supervisor = world.user("sup", role="service_supervisor", projects=[world.project_a])
    finance = world.user("fin", role="finance", projects=[world.project_a])
    batch = fx.batch(world, measured=("102.00", "81.60"))
    line = batch.lines.get()
    client = client_for(supervisor)
    assert (
        client.post(f"/api/v1/area-settlements/{batch.id}/review/", {"version": batch.version}, format="json").status_code == 200
    )
    unit = line.unit
    response = _import(client, world.project_a, [[unit.building.code, unit.room_number, "105.00", "84.00"]])
    assert response.status_code == 200, response.content
    change = response.json()["recalculated"][0]
    assert change["changes"]["buyer_pays"] == ["40000.00", "60000.00"] and change["changes"]["withdrawal_right"] == [False, True]
    line.refresh_from_db()
    assert line.previous["buyer_pays"] == "40000.00" and line.buyer_pays == Decimal("60000.00")
    batch.refresh_from_db()
    assert batch.status == "draft" and batch.reviewed_by is None  # reviewed figures changed: review again
    assert Event.objects.filter(type="settlement_line.recalculated", target_id=line.pk).exists()
    detail = client_for(finance).get(f"/api/v1/area-settlement-lines/{line.id}/").json()
    assert detail["previous"]["measured_area"] == "102.00" and detail["measured_area"] == "105.00"


def test_posted_lines_are_not_recalculated(world, client_for):
    batch = fx.batch(world, status="posted", measured=("102.00", "81.60"))
    line = batch.lines.get()
    _import(client_for(world.admin), world.project_a, [[line.unit.building.code, line.unit.room_number, "105.00", "84.00"]])
    line.refresh_from_db()
    assert line.buyer_pays == Decimal("40000.00") and line.previous == {}


def test_template_downloads(world, client_for):
    response = client_for(world.admin).get("/api/v1/area-settlements/measured-areas-template/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")


# --- Batches and lines ---------------------------------------------------------------------------------------------


def test_create_batch_lists_lines_missing_and_totals(world, client_for):
    building = fx.building(world)
    fx.contract(world, building=building, measured=("105.00", "84.00"))
    fx.contract(world, building=building, measured=None)
    fx.contract(world, building=building, basis="whole_unit", unit_price=None, total="1800000.00", measured=None)
    client = client_for(world.admin)
    response = client.post("/api/v1/area-settlements/", {"building": building.id}, format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["line_count"] == 2 and [m["reason"] for m in data["missing"]] == ["not_measured"]
    assert data["total_buyer_pays"] == "60000.00" and data["withdrawal_count"] == 1
    assert data["allowed_actions"] == []  # its creator may not review it (four eyes)
    reviewer = world.user("set_rev", role="service_supervisor", projects=[world.project_a])
    seen = client_for(reviewer).get(f"/api/v1/area-settlements/{data['id']}/").json()
    assert [(a["action"], a["confirm"]) for a in seen["allowed_actions"]] == [("review", True)]
    lines = client.get(f"/api/v1/area-settlement-lines/?batch={data['id']}").json()["results"]
    whole = next(row for row in lines if row["pricing_basis"] == "whole_unit")
    assert whole["regime"] == "whole_unit" and whole["not_settled_reason"] and whole["buyer_pays"] == "0.00"
    flagged = client.get(f"/api/v1/area-settlement-lines/?batch={data['id']}&withdrawal_right=true").json()["results"]
    assert [row["ratio_percent"] for row in flagged] == ["+5.00"]


def test_consultant_sees_only_own_contracts_lines_and_no_batches(world, client_for):
    batch = fx.batch(world)
    line = batch.lines.get()
    mine = world.user("cons", role="sales_consultant", projects=[world.project_a])
    other = world.user("cons2", role="sales_consultant", projects=[world.project_a])
    type(line.contract).objects.filter(pk=line.contract_id).update(consultant=mine)
    assert client_for(mine).get(f"/api/v1/area-settlement-lines/{line.id}/").status_code == 200
    assert client_for(other).get(f"/api/v1/area-settlement-lines/{line.id}/").status_code == 404
    assert client_for(mine).get(f"/api/v1/area-settlements/{batch.id}/").status_code == 403
    technician = world.user("tech", role="technician", projects=[world.project_a])
    assert client_for(technician).get("/api/v1/area-settlement-lines/").status_code == 403


def test_withdraw_through_the_api_shows_the_deadline(world, client_for):
    supervisor = world.user("sup", role="service_supervisor", projects=[world.project_a])
    line = fx.batch(world, status="notified", measured=("95.00", "76.00")).lines.get()
    from anju.sales.models import LedgerEntry

    LedgerEntry.objects.create(
        contract=line.contract, kind="receipt", status="posted", amount="600000.00", occurred_on="2025-03-02", method="transfer"
    )
    LedgerEntry.objects.create(  # not posted: not refunded, no interest
        contract=line.contract, kind="receipt", status="pending", amount="1000.00", occurred_on="2025-03-02", method="cash"
    )
    assert client_for(supervisor).get(f"/api/v1/area-settlement-lines/{line.id}/").json()["refund_estimate"] is None
    body = {"reason": "买受人书面通知退房", "decided_on": "2026-03-02", "version": line.version}
    data = client_for(supervisor).post(f"/api/v1/area-settlement-lines/{line.id}/withdraw/", body, format="json").json()
    assert data["withdrawing"] is True and data["refund_due_on"] == "2026-04-01" and data["cancellation"]
    assert data["can_record_withdrawal"] is False
    # 600,000 × 4.35 % × 395 / 365 (2025-03-02 → the refund deadline 2026-04-01), R1.8
    estimate = data["refund_estimate"]
    payments = estimate["payments"]
    assert {"paid_on": "2025-03-02", "amount": "600000.00", "days": 395, "interest": "28245.21"} in payments
    assert not any(p["amount"] == "1000.00" for p in payments)
    assert Decimal(estimate["principal"]) == sum(Decimal(p["amount"]) for p in payments)
    assert Decimal(estimate["interest"]) == sum(Decimal(p["interest"]) for p in payments)
    assert Decimal(estimate["total"]) == Decimal(estimate["principal"]) + Decimal(estimate["interest"])
    assert data["tax_threshold"] == "90.00" and data["tax_threshold_crossed"] is False and data["area_tax_borne_by"] == "buyer"


def test_statements_are_pdfs_with_chinese_and_figures(world, client_for):
    line = fx.batch(world, measured=("105.00", "84.00")).lines.get()
    response = client_for(world.admin).get(f"/api/v1/area-settlement-lines/{line.id}/statement/")
    assert response["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "面积补差结算单" in text and "60,000.00" in text and "40,000.00" in text and "+5.00%" in text
    assert "仅供参考" in text  # the 套内 ratio under the statutory rule: printed, not applied
    response = client_for(world.admin).get(f"/api/v1/area-settlements/{line.batch_id}/statement/")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert SettlementLine.objects.count() == 1 and Unit.objects.filter(pk=line.unit_id).exists()


def test_a_unit_measured_later_joins_the_draft_batch(world, client_for):
    building = fx.building(world)
    fx.contract(world, building=building, measured=("101.00", "80.80"))
    late = fx.contract(world, building=building, measured=None)
    client = client_for(world.admin)
    batch = client.post("/api/v1/area-settlements/", {"building": building.id}, format="json").json()
    assert [m["contract"] for m in batch["missing"]] == [late.id]
    response = _import(client, world.project_a, [[building.code, late.unit.room_number, "102.00", "81.60"]])
    assert response.status_code == 200 and response.json()["recalculated"][0]["contract"] == late.number
    detail = client.get(f"/api/v1/area-settlements/{batch['id']}/").json()
    assert detail["line_count"] == 2 and detail["missing"] == [] and detail["total_buyer_pays"] == "60000.00"
