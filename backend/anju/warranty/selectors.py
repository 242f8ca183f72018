"""Warranty reads: a project's periods and the coverage of one defect."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from anju.core import national_calendar
from anju.core.prepared import Prepared
from anju.properties.scope import restrict
from anju.warranty import rules
from anju.warranty.models import Contractor, WarrantyPolicy, WarrantyResponsibility


def periods_for(project_id: int | None) -> rules.Periods:
    if project_id is None:
        return rules.DEFAULT_PERIODS
    policy = WarrantyPolicy.objects.filter(project_id=project_id).first()
    return policy.periods() if policy else rules.DEFAULT_PERIODS


def policy_for(project: Any) -> WarrantyPolicy:
    """The saved policy, or an unsaved one holding the national defaults."""
    return WarrantyPolicy.objects.filter(project=project).first() or WarrantyPolicy(project=project)


@dataclass(frozen=True)
class Coverage:
    warranty_item: str
    expires_on: datetime.date | None
    in_warranty: bool | None  # None: the unit has no delivery date yet (pre-handover defects are the developer's)
    contractor: Contractor | None


_RESPONSIBILITY = Prepared(  # read on every repair create
    lambda building, item: (
        WarrantyResponsibility.objects.select_related("contractor").filter(building_id=building, item=item).order_by("pk")[:1]
    ),
    building=int,
    item=str,
)


def coverage(
    *, item: str, delivered: datetime.date | None, reported_on: datetime.date, project_id: int | None, building_id: int | None
) -> Coverage:
    contractor = None
    if building_id is not None:
        row = _RESPONSIBILITY.one(building=building_id, item=item)
        contractor = row.contractor if row else None
    if delivered is None:
        return Coverage(item, None, None, contractor)
    # The period's last day moves off a rest day to the first day after it (民法典 第二百零三条).
    expires = national_calendar.last_day_of_period(rules.expires_on(item, delivered, periods_for(project_id)))
    return Coverage(item, expires, reported_on <= expires, contractor)


def list_contractors() -> QuerySet[Contractor]:
    """Not scoped: contractors are a company-wide reference table (their buildings are scoped)."""
    return Contractor.objects.all()


def list_responsibilities(*, actor: Any) -> QuerySet[WarrantyResponsibility]:
    queryset = WarrantyResponsibility.objects.select_related("building", "contractor")
    return restrict(queryset, actor, lookup="building__project_id")
