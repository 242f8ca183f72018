"""Presale permits (预售许可证) and price-list versions (价格表, 一房一价) with their approval by 管理层."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.accounts.models import User
from anju.core.errors import ApplicationError
from anju.core.events import record_event
from anju.core.records import apply_changes
from anju.notifications.services import notify
from anju.properties.models import Building, Project, Unit
from anju.properties.scope import active_users_in_role
from anju.sales.errors import ErrorCode
from anju.sales.events import SalesEvent
from anju.sales.models import PresalePermit, PriceList, PriceListItem, SalesSettings
from anju.sales.rules import money
from anju.sales.workflow import PRICE_LIST, PriceListAction


@dataclass(frozen=True)
class PriceLine:
    unit: Unit
    unit_price: Decimal
    total_price: Decimal | None = None  # default: unit price × the unit's predicted gross floor area


@transaction.atomic
def update_sales_settings(*, actor: User, project: Project, values: dict[str, Any]) -> SalesSettings:
    """A project's sales practice and fee schedule; the change is an event on the project's timeline."""
    settings, _created = SalesSettings.objects.select_for_update().get_or_create(project=project)
    changes = apply_changes(settings, values)
    if changes:
        settings.save()
        record_event(target=project, type=SalesEvent.SETTINGS_CHANGED, actor=actor, changes=changes)
    return settings


def _invalid(code: StrEnum, field: str, message: str) -> ApplicationError:
    return ApplicationError(code, message, fields={field: [message]})


@transaction.atomic
def create_permit(*, actor: User, building: Building, number: str, issued_on: datetime.date, scope: str = "") -> PresalePermit:
    if issued_on > timezone.localdate():
        raise _invalid(ErrorCode.PERMIT_FUTURE_DATE, "issued_on", _("A permit cannot be issued in the future."))
    try:
        with transaction.atomic():
            permit = PresalePermit.objects.create(
                project_id=building.project_id,
                building=building,
                number=number.strip(),
                issued_on=issued_on,
                scope=scope,
                created_by=actor,
            )
    except IntegrityError as exc:
        raise _invalid(ErrorCode.PERMIT_DUPLICATE_NUMBER, "number", _("A permit with this number is already recorded.")) from exc
    record_event(
        target=permit, type=SalesEvent.PERMIT_CREATED, actor=actor, data={"building": str(building), "number": permit.number}
    )
    return permit


@transaction.atomic
def create_price_list(
    *, actor: User, building: Building, effective_from: datetime.date, lines: Sequence[PriceLine], note: str = ""
) -> PriceList:
    """A new draft version of the building's prices (the next version number)."""
    if not lines:
        raise _invalid(ErrorCode.PRICE_LIST_EMPTY, "items", _("Give at least one unit's price."))
    if len({line.unit.pk for line in lines}) != len(lines):
        raise _invalid(ErrorCode.PRICE_LIST_DUPLICATE_UNIT, "items", _("A unit appears twice in the price list."))
    for line in lines:
        if line.unit.building_id != building.pk:
            raise _invalid(ErrorCode.PRICE_LIST_FOREIGN_UNIT, "items", _("Every unit must be in this building."))
        if line.unit_price <= 0 or (line.total_price is not None and line.total_price <= 0):
            raise _invalid(ErrorCode.PRICE_LIST_BAD_PRICE, "items", _("Prices are positive amounts."))
    Building.objects.select_for_update().get(pk=building.pk)  # version numbers in order
    last = PriceList.objects.filter(building=building).aggregate(m=Max("version_number"))["m"] or 0
    price_list = PriceList.objects.create(
        project_id=building.project_id,
        building=building,
        version_number=last + 1,
        effective_from=effective_from,
        note=note,
        created_by=actor,
    )
    PriceListItem.objects.bulk_create(
        [
            PriceListItem(
                price_list=price_list,
                unit=line.unit,
                unit_price=money(line.unit_price),
                total_price=money(
                    line.total_price if line.total_price is not None else line.unit_price * line.unit.predicted_gross_area
                ),
            )
            for line in lines
        ]
    )
    record_event(
        target=price_list,
        type=SalesEvent.PRICE_LIST_CREATED,
        actor=actor,
        data={"building": str(building), "version": price_list.version_number, "units": len(lines)},
    )
    return price_list


def step_price_list(
    *, actor: User, price_list: PriceList, action: str, reason: str = "", version: int | None = None
) -> PriceList:
    def change(current: PriceList) -> dict[str, Any]:
        if action != PriceListAction.SUBMIT:
            current.decided_by = actor
        return {"version": current.version_number}

    result = PRICE_LIST.perform(action, price_list, actor, version=version, reason=reason, change=change)
    if action == PriceListAction.SUBMIT:
        notify(
            active_users_in_role("management", price_list.project_id),
            kind="price_list.approval",
            title=_("Price list %(list)s waits for your approval") % {"list": str(price_list)},
            link="/sales/price-lists",
        )
    return result
