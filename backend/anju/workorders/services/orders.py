"""Creating work orders, follow-ups, cost lines and attachments."""

from __future__ import annotations

import datetime
from enum import StrEnum
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.core import pii
from anju.core.errors import ApplicationError, CoreErrorCode
from anju.core.events import CommonEvent, record_event
from anju.core.numbering import next_number
from anju.core.prepared import insert
from anju.core.validators import InvalidValue, normalize_mobile
from anju.customers.models import Customer, UnitOwnership
from anju.properties.models import Building, Project, Unit
from anju.properties.scope import can_see_project
from anju.warranty import selectors as warranty
from anju.workorders import signals
from anju.workorders.choices import NUMBER_PREFIX, OrderType, ResponsibleParty
from anju.workorders.errors import ErrorCode
from anju.workorders.events import WorkOrderEvent
from anju.workorders.models import Category, WorkOrder, WorkOrderFollowUp
from anju.workorders.selectors import category_warranty_item


def _invalid(field: str, message: str, code: StrEnum = ErrorCode.WORKORDER_INVALID) -> ApplicationError:
    return ApplicationError(code, message, fields={field: [message]})


def mask_phone(order: WorkOrder) -> str:
    return mask_phone_value(order.contact_phone)


def mask_phone_value(stored: str) -> str:
    """The masked contact phone of an order from its stored (encrypted) column."""
    if not stored:
        return ""
    value = pii.decrypt(stored)
    return pii.mask_mobile(value) if value.isdigit() and len(value) == 11 else value[:3] + "****"


def _apply_warranty(order: WorkOrder, reported_on: datetime.date) -> None:
    if order.type != OrderType.REPAIR or order.category is None:
        return
    item = category_warranty_item(order.category)
    if not item:
        return
    unit = order.unit
    result = warranty.coverage(
        item=item,
        delivered=unit.delivery_date if unit else None,
        reported_on=reported_on,
        project_id=order.project_id,
        building_id=order.building_id,
    )
    order.warranty_item = item
    order.warranty_expires_on = result.expires_on
    order.in_warranty = result.in_warranty
    order.is_paid = result.in_warranty is False
    if order.is_paid:
        # Out of warranty (有偿维修): the owner bears the cost; the building's contractor no longer answers for it.
        order.responsible_contractor = None
        order.responsible_party = ResponsibleParty.OWNER
    else:
        order.responsible_contractor = result.contractor
        order.responsible_party = ResponsibleParty.CONTRACTOR if result.contractor else ResponsibleParty.DEVELOPER


def create_work_order(*, actor: Any, **values: Any) -> WorkOrder:
    """Record an order: place from the unit (building, project), warranty from category + delivery date.

    ``plan_work_order`` (every check and computation, no lock) then ``save_planned_order`` (the number and the
    writes, in one short transaction)."""
    return save_planned_order(order=plan_work_order(actor=actor, **values), actor=actor)


def plan_work_order(
    *,
    actor: Any,
    type: str,  # noqa: A002 - the API's name
    project: Project | None = None,
    unit: Unit | None = None,
    building: Building | None = None,
    customer: Customer | None = None,
    category: Category | None = None,
    contact_name: str = "",
    contact_phone: str = "",
    channel: str = "phone",
    priority: str = "normal",
    title: str = "",
    description: str,
    appointment_start: datetime.datetime | None = None,
    appointment_end: datetime.datetime | None = None,
    system: bool = False,
) -> WorkOrder:
    """The unsaved order, checked and computed (place, scope, customer, warranty, encrypted phone) without taking
    the write lock; it has no number yet (``save_planned_order`` draws it).

    ``system=True``: not a staff member's order but one the system records on someone's behalf (the owner portal for
    the signed-in owner of the unit, a return visit opening a complaint); the caller has checked who may ask.
    """
    if unit is not None:
        building, project = unit.building, unit.project
    elif building is not None:
        project = building.project
    if project is None:
        raise _invalid("unit", _("Choose the unit (or at least the project) the order is about."))
    if not system and not can_see_project(actor, project.pk):
        raise _invalid("project", _("Choose a project in your data scope."), CoreErrorCode.SCOPE_PROJECT_OUTSIDE_SCOPE)
    if type == OrderType.REPAIR and category is None:
        raise _invalid("category", _("A repair needs a category."))
    in_project = customer is None or customer.projects.filter(pk=project.pk).exists()
    if not in_project and not (unit and UnitOwnership.objects.filter(unit=unit, customer=customer).exists()):
        raise _invalid("customer", _("This customer does not belong to the order's project."))
    if appointment_start and appointment_end and appointment_end <= appointment_start:
        raise _invalid("appointment_end", _("The appointment must end after it starts."))
    phone_cipher = ""
    if contact_phone:
        try:
            phone_cipher = pii.encrypt(normalize_mobile(contact_phone))
        except InvalidValue as exc:
            raise _invalid("contact_phone", str(exc)) from exc
    now = timezone.localtime()
    order = WorkOrder(
        type=type,
        project=project,
        building=building,
        unit=unit,
        customer=customer,
        category=category,
        contact_name=contact_name or (customer.name if customer else ""),
        contact_phone=phone_cipher,
        channel=channel,
        priority=priority,
        title=title,
        description=description,
        appointment_start=appointment_start,
        appointment_end=appointment_end,
        created_by=actor,
        created_at=now,  # planned now; stamped again with the number (``save_planned_order``), the clocks with it
    )
    _apply_warranty(order, now.date())
    order.planned = {}  # type: ignore[attr-defined]
    signals.order_planned.send(sender=WorkOrder, order=order)
    return order


@transaction.atomic(savepoint=False)  # inside the caller's transaction (idempotency) there is nothing to keep apart
def save_planned_order(*, order: WorkOrder, actor: Any) -> WorkOrder:
    """Draw the number and write the order, its event and its SLA clocks (``order_created``): the part that holds
    the write lock (on SQLite, from ``BEGIN IMMEDIATE`` on)."""
    now = timezone.localtime()
    order.number = next_number(
        scope=f"workorder:{order.type}", prefix=NUMBER_PREFIX[OrderType(order.type)], period=now.strftime("%Y%m%d"), width=4
    )
    # Stamped once the number is drawn (its counter is locked until the commit): numbers sort in creation order.
    order.created_at = timezone.now()
    signals.order_numbered.send(sender=WorkOrder, order=order)
    insert([order])
    record_event(
        target=order,
        type=CommonEvent.CREATED,
        actor=actor,
        to_status=order.status,
        note=order.description[:200],
        data={
            "number": order.number,
            "type": order.type,
            "in_warranty": order.in_warranty,
            "warranty_item": order.warranty_item,
        },
        also_on=[order.customer, order.unit],
    )
    # After the order's own event: what other apps start for it (its SLA clocks, a complaint's case) comes after it.
    signals.order_created.send(sender=WorkOrder, order=order, actor=actor)
    return order


@transaction.atomic
def add_follow_up(
    *, actor: Any, order: WorkOrder, method: str, content: str, next_step: str = "", occurred_at: datetime.datetime | None = None
) -> WorkOrderFollowUp:
    follow_up = WorkOrderFollowUp.objects.create(
        work_order=order,
        method=method,
        content=content,
        next_step=next_step,
        occurred_at=occurred_at or timezone.now(),
        author=actor,
    )
    record_event(
        target=order,
        type=WorkOrderEvent.FOLLOWED_UP,
        actor=actor,
        note=content[:200],
        data={"method": method, "next_step": next_step},
        also_on=[order.customer, order.unit],
    )
    signals.order_followed_up.send(sender=WorkOrder, order=order, actor=actor)
    return follow_up
