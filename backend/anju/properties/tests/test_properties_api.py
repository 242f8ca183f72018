"""Property tree: CRUD in scope, optimistic versions, Excel import and export."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook, load_workbook

from anju.properties.models import Building, Unit


def _supervisor(world):
    return world.user("sup", role="service_supervisor", projects=[world.project_a])


def _workbook(buildings, units) -> io.BytesIO:
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in (("楼栋", buildings), ("房屋", units)):
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    buffer.name = "units.xlsx"
    return buffer


UNIT_HEADER = ["楼栋编码", "房号", "楼层", "户号", "户型", "预测建筑面积(m²)", "预测套内面积(m²)", "状态", "交付日期"]


@pytest.mark.django_db
def test_import_creates_buildings_and_units(world, client_for) -> None:
    client = client_for(_supervisor(world))
    file = _workbook(
        [["楼栋编码", "楼栋名称", "地上层数"], ["2", "2号楼", 2]],
        [
            UNIT_HEADER,
            ["2", "101", 1, "01", "3室", "98.50", "80.12", "待售", None],
            ["2", "201", 2, "01", "3室", 98.5, 80.12, "已交付", "2024-06-30"],
        ],
    )
    response = client.post(f"/api/v1/projects/{world.project_a.id}/import/", {"file": file}, format="multipart")
    assert response.status_code == 200, response.content
    assert response.json() == {"buildings_created": 1, "buildings_updated": 0, "units_created": 2, "units_updated": 0}
    unit = Unit.objects.get(building__code="2", room_number="201", project=world.project_a)
    assert str(unit.predicted_gross_area) == "98.50"
    assert unit.status == "delivered"


@pytest.mark.django_db
def test_import_with_bad_rows_imports_nothing_and_reports_every_row(world, client_for) -> None:
    client = client_for(_supervisor(world))
    file = _workbook(
        [["楼栋编码", "楼栋名称", "地上层数"], ["2", "2号楼", 2]],
        [
            UNIT_HEADER,
            ["2", "101", 1, "01", "", "98.50", "80.12", "", None],
            ["2", "102", 1, "02", "", "80.00", "90.00", "", None],  # internal > gross
            ["7", "103", "x", "03", "", "-1", "1.234", "卖掉了", "明天"],  # many errors
        ],
    )
    response = client.post(f"/api/v1/projects/{world.project_a.id}/import/", {"file": file}, format="multipart")
    assert response.status_code == 400
    lines = sorted({row["line"] for row in response.json()["rows"]})
    assert lines == [3, 4]
    assert not Building.objects.filter(project=world.project_a, code="2").exists()


@pytest.mark.django_db
def test_import_into_other_project_is_404(world, client_for) -> None:
    client = client_for(_supervisor(world))
    file = _workbook([["楼栋编码", "楼栋名称", "地上层数"], ["2", "2号楼", 2]], [UNIT_HEADER])
    assert client.post(f"/api/v1/projects/{world.project_b.id}/import/", {"file": file}, format="multipart").status_code == 404


@pytest.mark.django_db
def test_export_round_trips_and_stays_in_scope(world, client_for) -> None:
    client = client_for(_supervisor(world))
    template = client.get("/api/v1/projects/import-template/")
    assert template.status_code == 200
    assert load_workbook(io.BytesIO(template.content)).sheetnames == ["楼栋", "房屋"]
    export = client.get("/api/v1/units/export/")
    rows = list(load_workbook(io.BytesIO(export.content)).active.values)
    assert len(rows) == 2  # header + unit A only
    assert rows[1][1] == "101"


@pytest.mark.django_db
def test_unit_update_versions_and_area_rules(world, client_for) -> None:
    client = client_for(_supervisor(world))
    url = f"/api/v1/units/{world.unit_a.id}/"
    ok = client.patch(url, {"version": 1, "status": "delivered", "measured_gross_area": "101.25"}, format="json")
    assert ok.status_code == 200, ok.content
    assert ok.json()["measured_gross_area"] == "101.25"
    assert client.patch(url, {"version": 1, "layout": "x"}, format="json").status_code == 409
    too_big = client.patch(url, {"version": 2, "predicted_internal_area": "200.00"}, format="json")
    assert too_big.status_code == 400
    assert "predicted_internal_area" in too_big.json()["fields"]
    three_places = client.patch(url, {"version": 2, "measured_gross_area": "101.255"}, format="json")
    assert three_places.status_code == 400


@pytest.mark.django_db
def test_building_with_units_cannot_be_deleted(world, client_for) -> None:
    client = client_for(_supervisor(world))
    response = client.delete(f"/api/v1/buildings/{world.building_a.id}/")
    assert response.status_code == 409
    assert response.json()["code"] == "record.in_use"
    assert Building.objects.filter(pk=world.building_a.id).exists()


@pytest.mark.django_db
def test_project_in_a_city_company_outside_scope_is_refused(world, client_for) -> None:
    from anju.properties.models import CityCompany

    other_company = CityCompany.objects.create(code="BJ", name="北京城市公司")
    creator = world.user("creator", permissions=["properties.add_project"], projects=[world.project_a])
    response = client_for(creator).post(
        "/api/v1/projects/", {"city_company": other_company.id, "code": "BJ1", "name": "北京项目"}, format="json"
    )
    assert response.status_code == 400
    assert "city_company" in response.json()["fields"]


@pytest.mark.django_db
def test_building_grid_lists_floors_top_down(world, client_for) -> None:
    from anju.properties.models import Unit

    Unit.objects.create(
        project=world.project_a,
        building=world.building_a,
        room_number="201",
        floor=2,
        stack="01",
        predicted_gross_area="100.00",
        predicted_internal_area="80.00",
        status="delivered",
    )
    grid = client_for(_supervisor(world)).get(f"/api/v1/buildings/{world.building_a.id}/grid/").json()
    assert [f["floor"] for f in grid["floors"]] == [2, 1]
    assert grid["stacks"] == ["01"]
    assert grid["status_counts"] == {"available": 1, "delivered": 1}
    assert grid["floors"][0]["units"][0]["room_number"] == "201"
