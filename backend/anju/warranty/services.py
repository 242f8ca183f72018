"""Warranty writes: a project's policy, contractors and building responsibilities."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from anju.core.errors import ApplicationError, CoreErrorCode
from anju.core.events import CommonEvent, record_event
from anju.core.records import apply_changes
from anju.properties.models import Building, Project
from anju.properties.scope import can_see_project
from anju.warranty.errors import ErrorCode
from anju.warranty.events import WarrantyEvent
from anju.warranty.models import Contractor, WarrantyPolicy, WarrantyResponsibility


@transaction.atomic
def update_policy(*, actor: Any, project: Project, values: dict[str, Any]) -> WarrantyPolicy:
    policy, _created = WarrantyPolicy.objects.select_for_update().get_or_create(project=project)
    changes = apply_changes(policy, values)
    if changes:
        policy.save()
        record_event(target=project, type=WarrantyEvent.POLICY_CHANGED, actor=actor, changes=changes)
    return policy


@transaction.atomic
def create_contractor(*, actor: Any, **values: Any) -> Contractor:
    if Contractor.objects.filter(name=values["name"]).exists():
        message = _("A contractor with this name already exists.")
        raise ApplicationError(ErrorCode.CONTRACTOR_DUPLICATE, message, fields={"name": [message]})
    contractor = Contractor.objects.create(**values)
    record_event(target=contractor, type=CommonEvent.CREATED, actor=actor, changes={"name": [None, contractor.name]})
    return contractor


@transaction.atomic
def update_contractor(*, actor: Any, contractor: Contractor, values: dict[str, Any]) -> Contractor:
    if "name" in values and Contractor.objects.filter(name=values["name"]).exclude(pk=contractor.pk).exists():
        message = _("A contractor with this name already exists.")
        raise ApplicationError(ErrorCode.CONTRACTOR_DUPLICATE, message, fields={"name": [message]})
    changes = apply_changes(contractor, values)
    if changes:
        contractor.save()
        record_event(target=contractor, type=CommonEvent.UPDATED, actor=actor, changes=changes)
    return contractor


@transaction.atomic
def set_responsibility(*, actor: Any, building: Building, item: str, contractor: Contractor) -> WarrantyResponsibility:
    if not can_see_project(actor, building.project_id):
        message = _("Choose a building in your projects.")
        raise ApplicationError(CoreErrorCode.SCOPE_PROJECT_OUTSIDE_SCOPE, message, fields={"building": [message]})
    try:
        with transaction.atomic():
            row, _created = WarrantyResponsibility.objects.update_or_create(
                building=building, item=item, defaults={"contractor": contractor}
            )
    except IntegrityError as exc:  # pragma: no cover - a concurrent duplicate
        raise ApplicationError(CoreErrorCode.RECORD_DUPLICATE, _("This record already exists.")) from exc
    record_event(
        target=building, type=WarrantyEvent.RESPONSIBILITY_SET, actor=actor, data={"item": item, "contractor": contractor.name}
    )
    return row


@transaction.atomic
def remove_responsibility(*, actor: Any, responsibility: WarrantyResponsibility) -> None:
    building = responsibility.building
    item = responsibility.item
    responsibility.delete()
    record_event(target=building, type=WarrantyEvent.RESPONSIBILITY_REMOVED, actor=actor, data={"item": item})
