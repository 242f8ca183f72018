"""Permission-matrix rows of the properties API (collected by ``tests.matrix.app_rows``): city companies, projects
(and their unit import), buildings, units, and a user's data scope. City companies and creating or deleting a project
need a user bound to every project (``scope_all``)."""

from __future__ import annotations

from typing import Any

from conftest import World
from tests.matrix import Op, plain_user, spare_unit, xlsx

A_UNIT = lambda w: {"id": w.unit_a.id}  # noqa: E731
A_PROJECT = lambda w: {"id": w.project_a.id}  # noqa: E731
A_BUILDING = lambda w: {"id": w.building_a.id}  # noqa: E731


def _units_file(w: World) -> dict[str, Any]:
    sheets = [
        ("楼栋", [["楼栋编码", "楼栋名称", "地上层数"], ["9", "9号楼", 10]]),
        (
            "房屋",
            [
                ["楼栋编码", "房号", "楼层", "户号", "预测建筑面积(m²)", "预测套内面积(m²)"],
                ["9", "101", 1, "01", "90.00", "70.00"],
            ],
        ),
    ]
    return {"id": w.project_a.id, "body": {"file": xlsx([], sheets)}}


def _empty_building(w: World) -> dict[str, Any]:
    from anju.properties.models import Building

    return {"id": Building.objects.create(project=w.project_a, code="E", name="空楼", floors_above=1).id}


def _empty_project(w: World) -> dict[str, Any]:
    from anju.properties.models import Project

    return {"id": Project.objects.create(city_company=w.company, code="EMPTY", name="空项目").id}


def _empty_company(w: World) -> dict[str, Any]:
    from anju.properties.models import CityCompany

    return {"id": CityCompany.objects.create(code="BJ", name="北京城市公司").id}


OPS: list[Op] = [
    Op("GET", "/api/v1/users/{id}/scope/", "properties.view_userscope", prepare=plain_user),
    Op(
        "PUT",
        "/api/v1/users/{id}/scope/",
        "properties.change_userscope",
        prepare=lambda w: {**plain_user(w), "body": {"all_projects": False, "city_companies": [], "projects": [w.project_a.id]}},
    ),
    Op("GET", "/api/v1/city-companies/", "properties.view_citycompany"),
    Op(
        "POST",
        "/api/v1/city-companies/",
        "properties.add_citycompany",
        ok=201,
        prepare=lambda w: {"body": {"code": "GZ", "name": "广州"}},
    ),
    Op("GET", "/api/v1/city-companies/{id}/", "properties.view_citycompany", prepare=_empty_company, scoped=True, scope_all=True),
    Op(
        "PATCH",
        "/api/v1/city-companies/{id}/",
        "properties.change_citycompany",
        prepare=lambda w: {**_empty_company(w), "body": {"name": "北京公司"}},
        scoped=True,
        scope_all=True,
    ),
    Op(
        "DELETE",
        "/api/v1/city-companies/{id}/",
        "properties.delete_citycompany",
        ok=204,
        prepare=_empty_company,
        scoped=True,
        scope_all=True,
    ),
    Op("GET", "/api/v1/projects/", "properties.view_project"),
    Op(
        "POST",
        "/api/v1/projects/",
        "properties.add_project",
        ok=201,
        scope_all=True,
        prepare=lambda w: {"body": {"city_company": w.company.id, "code": "PN", "name": "新项目"}},
    ),
    Op("GET", "/api/v1/projects/{id}/", "properties.view_project", prepare=A_PROJECT, scoped=True),
    Op(
        "PATCH",
        "/api/v1/projects/{id}/",
        "properties.change_project",
        prepare=lambda w: {**A_PROJECT(w), "body": {"name": "改名"}},
        scoped=True,
    ),
    Op(
        "DELETE",
        "/api/v1/projects/{id}/",
        "properties.delete_project",
        ok=204,
        prepare=_empty_project,
        scoped=True,
        scope_all=True,
    ),
    Op("POST", "/api/v1/projects/{id}/import/", "properties.import_unit", prepare=_units_file, scoped=True, multipart=True),
    Op("GET", "/api/v1/projects/{id}/timeline/", "properties.view_project", prepare=A_PROJECT, scoped=True),
    Op("GET", "/api/v1/projects/import-template/", "properties.import_unit"),
    Op("GET", "/api/v1/buildings/", "properties.view_building"),
    Op(
        "POST",
        "/api/v1/buildings/",
        "properties.add_building",
        ok=201,
        fk_into_a=True,
        prepare=lambda w: {"body": {"project": w.project_a.id, "code": "8", "name": "8号楼", "floors_above": 10}},
    ),
    Op("GET", "/api/v1/buildings/{id}/", "properties.view_building", prepare=A_BUILDING, scoped=True),
    Op(
        "PATCH",
        "/api/v1/buildings/{id}/",
        "properties.change_building",
        prepare=lambda w: {**A_BUILDING(w), "body": {"name": "一号楼"}},
        scoped=True,
    ),
    Op("DELETE", "/api/v1/buildings/{id}/", "properties.delete_building", ok=204, prepare=_empty_building, scoped=True),
    Op("GET", "/api/v1/buildings/{id}/grid/", "properties.view_unit", prepare=A_BUILDING, scoped=True),
    Op("GET", "/api/v1/units/", "properties.view_unit"),
    Op(
        "POST",
        "/api/v1/units/",
        "properties.add_unit",
        ok=201,
        fk_into_a=True,
        prepare=lambda w: {
            "body": {
                "building": w.building_a.id,
                "room_number": "202",
                "floor": 2,
                "stack": "02",
                "predicted_gross_area": "88.00",
                "predicted_internal_area": "70.00",
            }
        },
    ),
    Op("GET", "/api/v1/units/{id}/", "properties.view_unit", prepare=A_UNIT, scoped=True),
    Op(
        "PATCH",
        "/api/v1/units/{id}/",
        "properties.change_unit",
        prepare=lambda w: {**A_UNIT(w), "body": {"version": 1, "layout": "3室"}},
        scoped=True,
    ),
    Op(
        "DELETE",
        "/api/v1/units/{id}/",
        "properties.delete_unit",
        ok=204,
        prepare=lambda w: {"id": spare_unit(w).id},
        scoped=True,
    ),
    Op("GET", "/api/v1/units/{id}/timeline/", "properties.view_unit", prepare=A_UNIT, scoped=True),
    Op("GET", "/api/v1/units/export/", "properties.export_unit"),
]
