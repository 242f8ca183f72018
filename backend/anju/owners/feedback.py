"""在线反馈: an owner's repair, complaint, suggestion or praise, its photos, and the owner's rating (issue 17 §2).

The order is an ordinary work order (channel ``owner_portal``) recorded by the work-order service, so it gets its
number, SLA clocks, complaint case and auto-dispatch like any other. The owner's confirmation and stars are the
return visit of that order (``visits.services.record_outcome``): the same record, the same low-score rules.
"""

from __future__ import annotations

import datetime
from enum import StrEnum
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.core import pii
from anju.core.errors import ApplicationError
from anju.core.events import record_event
from anju.customers.models import Customer
from anju.owners.errors import ErrorCode
from anju.owners.events import OwnerEvent
from anju.owners.selectors import order_photos
from anju.properties.models import Unit
from anju.visits import services as visits
from anju.visits.models import ReturnVisit, VisitStatus
from anju.workorders.choices import AttachmentStage, Channel, OrderType, Status
from anju.workorders.models import Attachment, Category, WorkOrder
from anju.workorders.selectors import service_settings
from anju.workorders.services import files, orders, transitions

MAX_OWNER_PHOTOS = 9
MAX_WINDOW_DAYS = 60


def _invalid(field: str, message: str, code: StrEnum = ErrorCode.OWNER_INVALID) -> ApplicationError:
    return ApplicationError(code, message, fields={field: [message]})


def _first_mobile(owner: Customer) -> str:
    mobile = owner.mobiles.order_by("position", "id").first()
    return pii.decrypt(mobile.ciphertext) if mobile else ""


@transaction.atomic
def report(
    *,
    owner: Customer,
    unit: Unit,
    type: str,  # noqa: A002 - the API's name
    description: str,
    category: Category | None = None,
    preferred_start: datetime.datetime | None = None,
    preferred_end: datetime.datetime | None = None,
) -> WorkOrder:
    """Record the owner's order on one of their homes (the caller found ``unit`` among them)."""
    if type not in (OrderType.REPAIR, OrderType.COMPLAINT, OrderType.SUGGESTION, OrderType.PRAISE):
        raise _invalid("type", _("Choose repair, complaint, suggestion or praise."))
    if type == OrderType.REPAIR and category is None:
        raise _invalid("category", _("Choose what needs repairing."))
    if category is not None and not category.is_active:
        raise _invalid("category", _("Choose what needs repairing."))
    if not description.strip():
        raise _invalid("description", _("Describe the problem."))
    if (preferred_start is None) != (preferred_end is None):
        field = "preferred_end" if preferred_end is None else "preferred_start"
        raise _invalid(field, _("Give both the start and the end of the visit window."))
    if preferred_start is not None and preferred_end is not None:
        now = timezone.now()
        if preferred_end <= preferred_start:
            raise _invalid("preferred_end", _("The visit window must end after it starts."))
        if preferred_start < now - datetime.timedelta(hours=1) or preferred_end > now + datetime.timedelta(days=MAX_WINDOW_DAYS):
            raise _invalid("preferred_start", _("Choose a visit window within the next %(n)s days.") % {"n": MAX_WINDOW_DAYS})
    order = orders.create_work_order(
        actor=None,
        system=True,
        type=type,
        unit=unit,
        customer=owner,
        category=category,
        contact_name=owner.name,
        contact_phone=_first_mobile(owner),
        channel=Channel.OWNER_PORTAL,
        title=(category.name if category else "")[:100],
        description=description.strip()[:4000],
        appointment_start=preferred_start,
        appointment_end=preferred_end,
    )
    record_event(target=order, type=OwnerEvent.ORDER_REPORTED, data={"customer": owner.pk, "channel": Channel.OWNER_PORTAL})
    settings = service_settings(order.project_id)
    if settings.auto_dispatch:
        order = transitions.auto_dispatch(order=order, settings=settings)
    return order


@transaction.atomic
def add_photo(*, owner: Customer, order: WorkOrder, upload: Any) -> Attachment:
    """A photo of the problem (JPEG or PNG, through the work orders' checked upload), at most 9 per order."""
    if order.status in (Status.CLOSED, Status.CANCELLED):
        raise _invalid("file", _("This order is finished; photos can no longer be added."), ErrorCode.OWNER_ORDER_FINISHED)
    name = (getattr(upload, "name", "") or "").lower()
    if name.endswith(".pdf"):
        message = _("Only JPEG or PNG photos can be added.")
        raise ApplicationError(ErrorCode.FILE_TYPE_NOT_ALLOWED, message, fields={"file": [message]})
    locked = WorkOrder.objects.select_for_update().get(pk=order.pk)
    if order_photos(order=locked).filter(stage=AttachmentStage.REPORT).count() >= MAX_OWNER_PHOTOS:
        message = _("At most %(n)s photos can be added.") % {"n": MAX_OWNER_PHOTOS}
        raise ApplicationError(ErrorCode.FILE_TOO_MANY, message, fields={"file": [message]})
    attachment = files.attach(actor=None, order=locked, upload=upload, stage=AttachmentStage.REPORT)
    record_event(target=locked, type=OwnerEvent.PHOTO_ADDED, data={"customer": owner.pk, "attachment": attachment.pk})
    return attachment


def pending_visit(order: WorkOrder) -> ReturnVisit | None:
    return ReturnVisit.objects.filter(work_order=order, status=VisitStatus.PENDING).order_by("-id").first()


@transaction.atomic
def rate(*, owner: Customer, order: WorkOrder, stars: int, resolved: bool, comment: str = "") -> WorkOrder:
    """The owner confirms (or not) that it is resolved and gives 1-5 stars: the order's return visit, answered."""
    if not 1 <= stars <= 5:
        raise _invalid("stars", _("Give 1 to 5 stars."))
    visit = pending_visit(order)
    if visit is None or order.status not in (Status.COMPLETED, Status.PENDING_VISIT):
        raise ApplicationError(
            ErrorCode.OWNER_NOTHING_TO_CONFIRM, _("There is nothing to confirm on this order now."), status_code=409
        )
    visits.record_outcome(
        actor=None,
        visit=visit,
        satisfaction=stars,
        resolved=resolved,
        comment=(_("Owner portal: %(comment)s") % {"comment": comment.strip()})[:2000] if comment.strip() else _("Owner portal"),
        system=True,
    )
    record_event(
        target=order,
        type=OwnerEvent.ORDER_RATED,
        data={"customer": owner.pk, "stars": stars, "resolved": resolved},
        also_on=[owner],
    )
    return WorkOrder.objects.get(pk=order.pk)
