"""The company-wide bank list (合作银行). A bank's partner projects are set only within the actor's scope: the
partnerships with projects the actor cannot see are kept as they are (and not named in the history)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from anju.core.errors import ApplicationError
from anju.core.events import record_event
from anju.core.records import apply_changes
from anju.mortgage.errors import ErrorCode
from anju.mortgage.events import MortgageEvent
from anju.mortgage.models import Bank
from anju.properties.models import Project
from anju.properties.scope import can_see_project


def _check_unique(values: dict[str, Any], bank: Bank | None = None) -> None:
    for field, message in (
        ("code", _("A bank with this code already exists.")),
        ("name", _("A bank with this name already exists.")),
    ):
        if field not in values:
            continue
        others = Bank.objects.filter(**{field: values[field]})
        if bank is not None:
            others = others.exclude(pk=bank.pk)
        if others.exists():
            raise ApplicationError(ErrorCode.BANK_DUPLICATE, message, fields={field: [message]})


def _codes(projects: Iterable[Project]) -> list[str]:
    return sorted(p.code for p in projects)


@transaction.atomic
def create_bank(*, actor: Any, code: str, name: str, is_active: bool = True, projects: Iterable[Project] = ()) -> Bank:
    _check_unique({"code": code, "name": name})
    bank = Bank.objects.create(code=code, name=name, is_active=is_active)
    projects = list(projects)
    bank.projects.set(projects)
    record_event(
        target=bank,
        type=MortgageEvent.BANK_CREATED,
        actor=actor,
        changes={"code": [None, code], "name": [None, name], "projects": [None, _codes(projects)]},
    )
    return bank


@transaction.atomic
def update_bank(*, actor: Any, bank: Bank, values: dict[str, Any]) -> Bank:
    bank = Bank.objects.select_for_update().get(pk=bank.pk)
    if any(not can_see_project(actor, p.pk) for p in bank.projects.all()) and set(values) - {"projects"}:
        # the name and the active flag are shared with projects the caller does not work in
        raise ApplicationError(
            ErrorCode.BANK_OUTSIDE_SCOPE,
            _("This bank also serves projects outside your data scope: only its partner projects of yours can change."),
            status_code=403,
        )
    _check_unique(values, bank)
    projects = values.pop("projects", None)
    changes = apply_changes(bank, values)
    if changes:
        bank.save()
    if projects is not None:
        current = list(bank.projects.all())
        hidden = [p for p in current if not can_see_project(actor, p.pk)]
        visible_before = _codes(p for p in current if can_see_project(actor, p.pk))
        bank.projects.set([*hidden, *projects])
        if visible_before != _codes(projects):
            changes["projects"] = [visible_before, _codes(projects)]
    if changes:
        record_event(target=bank, type=MortgageEvent.BANK_UPDATED, actor=actor, changes=changes)
    return bank
