"""Unit ownership, consultations, viewing appointments and follow-ups; each one on the timeline."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from anju.core.errors import ApplicationError, ConflictError, CoreErrorCode
from anju.core.events import record_event
from anju.customers.choices import AppointmentStatus
from anju.customers.errors import ErrorCode
from anju.customers.events import CustomerEvent
from anju.customers.models import Appointment, Consultation, Customer, CustomerProject, FollowUp, UnitOwnership
from anju.customers.services.customers import ensure_sales_consultant
from anju.customers.workflow import WORKFLOW
from anju.properties.models import Project, Unit
from anju.properties.scope import can_see_project


def _ensure_project(actor: Any, project: Project, field: str = "project") -> None:
    if not can_see_project(actor, project.pk):
        message = _("This project is outside your data scope.")
        raise ApplicationError(CoreErrorCode.SCOPE_PROJECT_OUTSIDE_SCOPE, message, fields={field: [message]})


def _ensure_customer_in_project(customer: Customer, project: Project) -> None:
    if not CustomerProject.objects.filter(customer=customer, project=project).exists():
        message = _("The customer does not belong to this project.")
        raise ApplicationError(ErrorCode.CUSTOMER_NOT_IN_PROJECT, message, fields={"project": [message]})


def ensure_not_erased(customer: Customer) -> None:
    """Nothing new is recorded about a person whose data was erased (PIPL Art. 47)."""
    if customer.erased_at is not None:
        raise ConflictError(ErrorCode.CUSTOMER_ERASED, _("This person's data has been erased."))


@transaction.atomic
def add_ownership(
    *,
    actor: Any,
    customer: Customer,
    unit: Unit,
    role: str,
    since: datetime.date | None = None,
    share: Decimal | None = None,
) -> UnitOwnership:
    ensure_not_erased(customer)
    _ensure_project(actor, unit.project, "unit")
    try:
        with transaction.atomic():
            ownership = UnitOwnership.objects.create(unit=unit, customer=customer, role=role, since=since, share=share)
    except IntegrityError as exc:
        message = _("This customer already owns this unit.")
        raise ApplicationError(ErrorCode.OWNERSHIP_DUPLICATE, message, fields={"unit": [message]}) from exc
    CustomerProject.objects.get_or_create(customer=customer, project=unit.project)
    record_event(
        target=ownership,
        type=CustomerEvent.OWNERSHIP_ADDED,
        actor=actor,
        data={"unit": str(unit), "customer": customer.code, "role": role},
        also_on=[customer, unit],
    )
    return ownership


@transaction.atomic
def remove_ownership(*, actor: Any, ownership: UnitOwnership) -> None:
    record_event(
        target=ownership,
        type=CustomerEvent.OWNERSHIP_REMOVED,
        actor=actor,
        data={"unit": str(ownership.unit), "customer": ownership.customer.code},
        also_on=[ownership.customer, ownership.unit],
    )
    ownership.delete()


@transaction.atomic
def create_consultation(
    *,
    actor: Any,
    customer: Customer,
    project: Project,
    channel: str,
    category: str,
    content: str,
    reply: str = "",
    occurred_at: datetime.datetime | None = None,
) -> Consultation:
    ensure_not_erased(customer)
    _ensure_project(actor, project)
    _ensure_customer_in_project(customer, project)
    consultation = Consultation(
        customer=customer, project=project, channel=channel, category=category, content=content, reply=reply, handler=actor
    )
    if occurred_at is not None:
        consultation.occurred_at = occurred_at
    consultation.save()
    record_event(
        target=consultation,
        type=CustomerEvent.CONSULTED,
        actor=actor,
        note=content[:200],
        data={"channel": channel, "category": category},
        also_on=[customer],
    )
    return consultation


def _lock_consultant(consultant_id: int) -> None:
    # Serialises bookings per consultant on every database (SQLite already serialises writers).
    get_user_model().objects.select_for_update().filter(pk=consultant_id).first()


@transaction.atomic
def create_appointment(
    *,
    actor: Any,
    customer: Customer,
    project: Project,
    consultant: Any,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    note: str = "",
) -> Appointment:
    ensure_not_erased(customer)
    _ensure_project(actor, project)
    _ensure_customer_in_project(customer, project)
    if ends_at <= starts_at:
        message = _("The end must be after the start.")
        raise ApplicationError(ErrorCode.APPOINTMENT_INVALID_SLOT, message, fields={"ends_at": [message]})
    ensure_sales_consultant(consultant, code=ErrorCode.APPOINTMENT_INVALID_CONSULTANT)
    _lock_consultant(consultant.pk)
    clash = Appointment.objects.filter(
        consultant=consultant, status=AppointmentStatus.SCHEDULED, starts_at__lt=ends_at, ends_at__gt=starts_at
    ).first()
    if clash is not None:
        message = _("The consultant is already booked from %(start)s to %(end)s.") % {
            "start": clash.starts_at.astimezone().strftime("%Y-%m-%d %H:%M"),
            "end": clash.ends_at.astimezone().strftime("%H:%M"),
        }
        raise ConflictError(ErrorCode.APPOINTMENT_DOUBLE_BOOKED, message, fields={"starts_at": [message]})
    appointment = Appointment.objects.create(
        customer=customer,
        project=project,
        consultant=consultant,
        starts_at=starts_at,
        ends_at=ends_at,
        note=note,
        created_by=actor,
    )
    record_event(
        target=appointment,
        type=CustomerEvent.APPOINTMENT_BOOKED,
        actor=actor,
        note=note[:200],
        data={"consultant": str(consultant), "starts_at": starts_at.isoformat(), "ends_at": ends_at.isoformat()},
        to_status=AppointmentStatus.SCHEDULED,
        also_on=[customer],
    )
    return appointment


def close_appointment(*, actor: Any, appointment: Appointment, action: str, note: str = "") -> Appointment:
    """Complete, cancel or mark a no-show (the appointment table in ``customers.workflow``)."""
    return WORKFLOW.perform(action, appointment, actor, reason=note)


@transaction.atomic
def create_follow_up(
    *,
    actor: Any,
    customer: Customer,
    method: str,
    content: str,
    next_step: str = "",
    next_follow_up_on: datetime.date | None = None,
    occurred_at: datetime.datetime | None = None,
    project: Project | None = None,
) -> FollowUp:
    """A contact with the customer. Without a ``project``, a follow-up by someone who shares exactly one project
    with the customer belongs to that project (so another project sharing the customer does not read it)."""
    ensure_not_erased(customer)
    if project is not None:
        _ensure_project(actor, project)
        _ensure_customer_in_project(customer, project)
    else:
        shared = [p for p in customer.projects.all() if can_see_project(actor, p.pk)]
        project = shared[0] if len(shared) == 1 else None
    follow_up = FollowUp(
        customer=customer,
        project=project,
        method=method,
        content=content,
        next_step=next_step,
        next_follow_up_on=next_follow_up_on,
        owner=actor,
    )
    if occurred_at is not None:
        follow_up.occurred_at = occurred_at
    follow_up.save()
    record_event(
        target=follow_up,
        type=CustomerEvent.FOLLOWED_UP,
        actor=actor,
        note=content[:200],
        data={
            "method": method,
            "next_step": next_step,
            "next_follow_up_on": next_follow_up_on.isoformat() if next_follow_up_on else None,
        },
        also_on=[customer],
    )
    return follow_up
