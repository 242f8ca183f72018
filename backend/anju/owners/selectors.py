"""What an owner may see: only their own homes and their own records.

The owner's data scope is the customer themself (not a project list): every query here starts from the customer of
the session, so another owner's unit, order or photo is simply not found (404). A staff user never reaches these
selectors: the owner views accept owner sessions only.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from anju.core.events import CommonEvent
from anju.customers.models import Customer, CustomerMobile, UnitOwnership
from anju.owners.events import OwnerEvent
from anju.properties.models import Unit
from anju.workorders.choices import OrderType
from anju.workorders.models import Attachment, Category, WorkOrder
from anju.workorders.workflow import WORKFLOW as _ORDER
from anju.workorders.workflow import WorkOrderAction as _A

OWNER_ORDER_TYPES = (OrderType.REPAIR, OrderType.COMPLAINT, OrderType.SUGGESTION, OrderType.PRAISE)


def owner_by_mobile_index(index: str) -> Customer | None:
    """The customer with this mobile who owns or co-owns a unit today, or None (erased people are nobody)."""
    customer_id = CustomerMobile.objects.filter(blind_index=index).values_list("customer_id", flat=True).first()
    if customer_id is None:
        return None
    return Customer.objects.filter(pk=customer_id, erased_at__isnull=True, ownerships__isnull=False).distinct().first()


def list_homes(*, owner: Customer) -> QuerySet[Unit]:
    return (
        Unit.objects.filter(ownerships__customer=owner)
        .select_related("project", "building")
        .distinct()
        .order_by("project_id", "building_id", "room_number", "id")
    )


def get_home(*, owner: Customer, unit_id: int) -> Unit:
    """One of the owner's homes (``Unit.DoesNotExist`` otherwise: a 404)."""
    return list_homes(owner=owner).get(pk=unit_id)


def ownership(*, owner: Customer, unit: Unit) -> UnitOwnership | None:
    return UnitOwnership.objects.filter(customer=owner, unit=unit).first()


def list_orders(*, owner: Customer) -> QuerySet[WorkOrder]:
    """The owner's own orders (reported by them or for them), newest first."""
    return (
        WorkOrder.objects.filter(customer=owner, type__in=OWNER_ORDER_TYPES)
        .select_related("unit", "unit__building", "project", "category", "assignee")
        .order_by("-created_at", "-id")
    )


def get_order(*, owner: Customer, order_id: int) -> WorkOrder:
    return list_orders(owner=owner).get(pk=order_id)


def order_photos(*, order: WorkOrder) -> QuerySet[Attachment]:
    """Photos of the report and of the finished repair (never signatures or PDFs)."""
    return Attachment.objects.filter(
        work_order=order, stage__in=("report", "completion"), content_type__startswith="image/"
    ).order_by("id")


def get_photo(*, owner: Customer, order_id: int, photo_id: int) -> Attachment:
    order = get_order(owner=owner, order_id=order_id)
    return order_photos(order=order).get(pk=photo_id)


def list_categories() -> QuerySet[Category]:
    """Company-wide reference table (not scoped): the active repair categories an owner may choose."""
    return Category.objects.filter(is_active=True).select_related("parent").order_by("position", "id")


# --- What the owner sees of an order's progress ---------------------------------------------------------------

# The owner's five steps (已受理 / 已派单 / 维修中 / 待确认 / 已完成) and a cancelled order.
OWNER_STATUS = {
    "pending_dispatch": "received",
    "dispatched": "dispatched",
    "accepted": "dispatched",
    "in_progress": "in_progress",
    "on_hold": "in_progress",
    "completed": "to_confirm",
    "pending_visit": "to_confirm",
    "closed": "done",
    "cancelled": "cancelled",
}

# Timeline entries meant for the owner: the event type and the owner's step it shows. Notes, reasons, costs, calls,
# follow-ups and internal changes are never listed.
OWNER_EVENTS = {
    str(CommonEvent.CREATED): "received",
    _ORDER.event_type(_A.DISPATCH): "dispatched",
    _ORDER.event_type(_A.REASSIGN): "dispatched",
    _ORDER.event_type(_A.ACCEPT): "accepted",
    _ORDER.event_type(_A.START): "in_progress",
    _ORDER.event_type(_A.HOLD): "on_hold",
    _ORDER.event_type(_A.RESUME): "in_progress",
    _ORDER.event_type(_A.COMPLETE): "to_confirm",
    _ORDER.event_type(_A.RESOLVE): "to_confirm",
    _ORDER.event_type(_A.REOPEN): "reopened",
    _ORDER.event_type(_A.CLOSE): "done",
    _ORDER.event_type(_A.CANCEL): "cancelled",
    str(OwnerEvent.ORDER_RATED): "rated",
}


def owner_timeline(*, order: WorkOrder) -> list[dict[str, object]]:
    from django.contrib.contenttypes.models import ContentType

    from anju.core.models import Event

    events = Event.objects.filter(
        target_type=ContentType.objects.get_for_model(WorkOrder), target_id=order.pk, type__in=list(OWNER_EVENTS)
    ).order_by("occurred_at", "id")
    return [{"step": OWNER_EVENTS[e.type], "at": e.occurred_at} for e in events.only("type", "occurred_at")]


def order_progress(*, order: WorkOrder) -> dict[str, object]:
    """The owner's view of an order beyond its row: technician, rating, complaint stage and reply, photos, steps."""
    from anju.complaints.models import Complaint
    from anju.visits.models import ReturnVisit, VisitStatus

    assignee = order.assignee
    technician = (getattr(assignee, "display_name", "") or "") if assignee is not None else ""
    pending = ReturnVisit.objects.filter(work_order=order, status=VisitStatus.PENDING).exists()
    done = ReturnVisit.objects.filter(work_order=order, status=VisitStatus.DONE).order_by("-completed_at", "-id").first()
    complaint = Complaint.objects.filter(work_order=order).first()
    return {
        "technician": technician,
        "can_rate": pending and order.status in ("completed", "pending_visit"),
        "rating": {"stars": done.satisfaction, "resolved": done.resolved} if done and done.satisfaction else None,
        "complaint": (
            {
                "stage": complaint.stage,
                "stage_label": complaint.get_stage_display(),
                "reply": complaint.outcome if complaint.stage in ("replied", "confirmed", "closed") else "",
            }
            if complaint
            else None
        ),
        "photos": list(order_photos(order=order)),
        "timeline": owner_timeline(order=order),
    }


def owner_account_of(customer: Customer) -> dict[str, Any]:
    """The person's owner-app account for their personal-data copy: sessions (devices) and code requests."""
    from anju.owners.models import OwnerSession, SignInCode

    def when(value: Any) -> str | None:
        return value.isoformat() if value else None

    sessions = OwnerSession.objects.filter(customer=customer).order_by("created_at", "id")
    codes = SignInCode.objects.filter(customer=customer).order_by("created_at", "id")
    return {
        "sessions": [
            {
                "signed_in_at": when(row.created_at),
                "last_seen_at": when(row.last_seen_at),
                "expires_at": when(row.expires_at),
                "signed_out_at": when(row.revoked_at),
                "device": row.user_agent,
            }
            for row in sessions
        ],
        "sign_in_codes": [
            {"requested_at": when(row.created_at), "ip_address": row.ip_address, "used_at": when(row.used_at)} for row in codes
        ],
    }
