"""The reads the detail screen and a repair create make by statements compiled once per connection (``core.prepared``)
answer what the querysets they replace answer: the same rows, the same scope."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from anju.properties.models import Unit
from anju.properties.selectors import find_unit, list_units
from anju.workorders import selectors
from anju.workorders.models import Attachment, Category, CostLine
from anju.workorders.services.orders import add_follow_up


def _fields(rows: Any, *names: str) -> list[tuple[Any, ...]]:
    return [tuple(getattr(row, name) for name in names) for row in rows]


def test_children_and_follow_ups_are_the_related_rows(desk: Any, world: Any) -> None:
    order, other = desk.repair(), desk.repair()
    for n in range(3):
        CostLine.objects.create(
            work_order=order, kind="material", name=f"管件{n}", quantity=Decimal("1.50"), unit="个",
            unit_price=Decimal("12.00"), amount=Decimal("18.00"),
        )  # fmt: skip
        upload = SimpleUploadedFile(f"{n}.jpg", b"x")
        Attachment.objects.create(work_order=order, file=upload, original_name=f"{n}.jpg", content_type="image/jpeg", size=1)
        add_follow_up(actor=desk.agent, order=order, method="phone", content=f"第{n}次", next_step="")
    CostLine.objects.create(
        work_order=other, kind="labour", name="人工", quantity=Decimal("1"), unit_price=Decimal("50"), amount=Decimal("50")
    )
    for subject in (order, other, order):  # back to the first after another: nothing carried over
        fetched = selectors.get_work_order(actor=desk.supervisor, pk=subject.pk)
        with CaptureQueriesContext(connection) as queries:
            lines, files = list(fetched.cost_lines.all()), list(fetched.attachments.all())
        assert not queries.captured_queries  # read with the order
        fresh = type(subject).objects.get(pk=subject.pk)
        line_fields, file_fields = ("pk", "name", "quantity", "amount"), ("pk", "original_name", "created_at")
        assert _fields(lines, *line_fields) == _fields(fresh.cost_lines.all(), *line_fields)
        assert _fields(files, *file_fields) == _fields(fresh.attachments.all(), *file_fields)
        follow_ups = selectors.follow_ups_of(fetched)
        expected = fresh.follow_ups.select_related("author")
        follow_up_fields = ("pk", "content", "occurred_at", "author")
        assert _fields(follow_ups, *follow_up_fields) == _fields(expected, *follow_up_fields)
    assert len(lines) == 3 and len(files) == 3 and len(follow_ups) == 3


def test_with_children_keeps_what_is_there(desk: Any) -> None:
    order = desk.repair()
    order._prefetched_objects_cache = {"cost_lines": order.cost_lines.none()}
    CostLine.objects.create(
        work_order=order, kind="labour", name="人工", quantity=Decimal("1"), unit_price=Decimal("50"), amount=Decimal("50")
    )
    selectors.with_children(order)
    assert list(order.cost_lines.all()) == []  # the caller's (just-created order: nothing to read back)
    assert list(order.attachments.all()) == []


def test_just_created_answers_its_children_without_compiling(desk: Any, monkeypatch: Any) -> None:
    """A just-created order has no cost lines or files: they answer empty from memory, without a statement and
    without compiling one (``QuerySet.none()`` alone compiles its query before it finds nothing)."""
    from django.db.models.sql.compiler import SQLCompiler

    order = selectors.just_created(desk.repair())

    def compiled(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("compiled a statement")

    monkeypatch.setattr(SQLCompiler, "as_sql", compiled)
    with CaptureQueriesContext(connection) as queries:
        assert list(order.cost_lines.all()) == [] and list(order.attachments.all()) == []
        selectors.with_children(order)
        assert list(order.cost_lines.all()) == [] and list(order.attachments.all()) == []
    assert not queries.captured_queries


def test_find_unit_is_list_units_rule(desk: Any, world: Any) -> None:
    outsider = world.user("outsider", role="service_agent", projects=[world.project_b])
    nobody = world.user("inactive", role="service_agent", projects=[world.project_a])
    nobody.is_active = False
    nobody.save()
    actors = [desk.agent, desk.supervisor, outsider, world.admin, nobody, None]
    units = [*Unit.objects.all(), None]
    for actor in actors:
        for unit in units:
            pk = unit.pk if unit else 987_654
            expected = list_units(actor=actor).filter(pk=pk).first()
            found = find_unit(actor=actor, pk=pk)
            assert found == expected, (actor, pk)
            if found is not None:
                assert found.building.pk == expected.building.pk and found.project.name == expected.project.name


def test_find_active_category_is_the_active_list(desk: Any) -> None:
    retired = Category.objects.create(code="retired", name="停用类别", is_active=False)
    for category in [*Category.objects.all(), retired]:
        expected = selectors.list_categories().filter(pk=category.pk).first()
        assert selectors.find_active_category(actor=None, pk=category.pk) == expected
    assert selectors.find_active_category(actor=None, pk=retired.pk) is None


def test_create_answers_400_for_a_unit_out_of_scope_and_a_retired_category(desk: Any, world: Any, client_for: Any) -> None:
    retired = Category.objects.create(code="retired2", name="停用类别", is_active=False)
    client = client_for(desk.agent)
    for body, field in (
        ({"type": "repair", "unit": world.unit_b.pk, "category": desk.water.pk, "description": "x"}, "unit"),
        ({"type": "repair", "unit": world.unit_a.pk, "category": retired.pk, "description": "x"}, "category"),
        ({"type": "repair", "unit": "1.5", "category": desk.water.pk, "description": "x"}, "unit"),
        ({"type": "repair", "unit": world.unit_a.pk, "category": "abc", "description": "x"}, "category"),
    ):
        answer = client.post("/api/v1/work-orders/", body, format="json")
        assert answer.status_code == 400 and list(answer.json()["fields"]) == [field], body
    body = {"type": "repair", "unit": str(world.unit_a.pk), "category": desk.water.pk, "description": "x"}
    ok = client.post("/api/v1/work-orders/", body, format="json")
    assert ok.status_code == 201 and ok.json()["unit"] == world.unit_a.pk


def test_a_find_field_checks_its_integer_itself(desk: Any, rf: Any) -> None:
    """Outside the project's hardened input serializers too (attacker review): not an integer → 400, never a 500 or
    ``true``/``1.9`` read as unit 1."""
    from rest_framework import serializers

    from anju.properties.api.serializers import ScopedPrimaryKeyField

    class Plain(serializers.Serializer):  # type: ignore[type-arg]
        unit = ScopedPrimaryKeyField(selector=list_units, find=find_unit)

    request = rf.post("/")
    request.user = desk.agent
    for value in ("abc", [1], True, 1.9, " 1 ", -1, 2**70):
        checked = Plain(data={"unit": value}, context={"request": request})
        assert not checked.is_valid() and "unit" in checked.errors, value
    unit = desk.world.unit_a
    checked = Plain(data={"unit": str(unit.pk)}, context={"request": request})
    assert checked.is_valid() and checked.validated_data["unit"] == unit
