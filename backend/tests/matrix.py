"""The shape of a permission-matrix row and the prepare helpers several apps share.

Each app keeps the rows of its own endpoints next to its tests (``anju/<app>/tests/matrix.py``: ``OPS: list[Op]`` and,
for each of its workflows, ``WORKFLOW_CASES: dict[workflow name, WorkflowCase]``); ``tests/test_permission_matrix.py``
collects them with ``app_rows`` and runs them.
"""

from __future__ import annotations

import importlib
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.utils import timezone
from openpyxl import Workbook

from conftest import World

PUBLIC = "public"
AUTHENTICATED = "authenticated"
# The owner realm (``anju.owners``): anonymous 401, staff refused (401/403), another owner 404, the owner 2xx.
OWNER = "owner"


@dataclass
class Op:
    method: str
    path: str
    permission: str
    ok: int = 200
    prepare: Callable[[World], dict[str, Any]] = field(default=lambda w: {})
    scoped: bool = False  # the path names an object of project A: other project → 404
    fk_into_a: bool = False  # a create whose body points into project A: other project → 400
    scope_all: bool = False  # the allowed user needs every project (city companies)
    multipart: bool = False
    # Called after the allowed user exists (e.g. assign the order to them): (world, allowed user, prepared).
    arrange: Callable[[World, Any, dict[str, Any]], None] | None = None

    @property
    def id(self) -> str:
        return f"{self.method} {self.path}"


@dataclass(frozen=True)
class WorkflowCase:
    """How to put a record of a workflow in a state, where its actions live and what body each one takes."""

    base: str
    make: Callable[[World, str, str], Any]
    body: Callable[[World, str, Any], dict[str, Any]]
    scoped: bool = True  # False: a company-wide record (a questionnaire template) that every project reads


def app_rows(name: str, empty: Any) -> Any:
    """``name`` (``OPS`` or ``WORKFLOW_CASES``) of every app's ``tests/matrix.py``, merged."""
    merged = type(empty)()
    for config in apps.get_app_configs():
        if not config.name.startswith("anju."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.tests.matrix")
        except ModuleNotFoundError:
            continue
        rows = getattr(module, name, empty)
        if isinstance(merged, list):
            merged.extend(rows)
        else:
            merged.update(rows)
    return merged


# --- Prepare helpers shared by several apps' rows ---------------------------------------------------------------


def xlsx(rows: list[list[Any]], sheets: list[tuple[str, list[list[Any]]]] | None = None) -> io.BytesIO:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, data in sheets or [("客户", rows)]:
        ws = workbook.create_sheet(title)
        for row in data:
            ws.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "upload.xlsx"
    return buffer


def plain_user(w: World, *, active: bool = True) -> dict[str, Any]:
    from anju.accounts.models import User

    user = User.objects.create_user("target", password="x" * 12, is_active=active)
    return {"id": user.id}


def spare_unit(w: World) -> Any:
    from anju.properties.models import Unit

    return Unit.objects.create(
        project=w.project_a,
        building=w.building_a,
        room_number="999",
        floor=9,
        stack="09",
        predicted_gross_area="50.00",
        predicted_internal_area="40.00",
    )


def category(code: str = "water_supply") -> Any:
    from anju.workorders.models import Category

    parent = Category.objects.get_or_create(code="plumbing", defaults={"name": "水电", "warranty_item": "electrical_plumbing"})[0]
    return Category.objects.get_or_create(code=code, defaults={"name": "给水管道", "parent": parent})[0]


def technician(w: World, name: str = "") -> Any:
    from anju.workorders.models import Technician

    user = w.user(name or f"tech{timezone.now().timestamp()}", role="technician", projects=[w.project_a])
    made = Technician.objects.create(user=user)
    made.projects.add(w.project_a)
    return made


def work_order(w: World, *, type: str = "repair", status: str | None = None) -> Any:  # noqa: A002
    """A work order of project A (a repair of the water-supply category unless ``type`` says otherwise), put in
    ``status`` directly when given."""
    from anju.workorders.models import WorkOrder
    from anju.workorders.services.orders import create_work_order

    order = create_work_order(
        actor=w.admin,
        type=type,
        unit=w.unit_a,
        customer=w.customer_a,
        category=category() if type == "repair" else None,
        description="漏水",
    )
    if status:
        now = timezone.now()
        WorkOrder.objects.filter(pk=order.pk).update(status=status, completed_at=now, closed_at=now)
        order.refresh_from_db()
    return order


def assign_to_allowed(w: World, user: Any, prepared: dict[str, Any]) -> None:
    """``arrange``: the work order ``prepared["id"]`` is assigned to the allowed user (made a technician)."""
    from anju.workorders.models import Technician, WorkOrder

    Technician.objects.get_or_create(user=user)
    WorkOrder.objects.filter(pk=prepared["id"]).update(assignee=user)
