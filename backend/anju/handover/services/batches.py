"""Handover batches: create one (with its preparation team and the task list from the template), edit it, mark its
tasks, and run its workflow steps (the list approval is four-eyes; generating the notices is ``notices.generate``)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.core.errors import ApplicationError, CoreErrorCode
from anju.core.events import record_event
from anju.core.numbering import next_number
from anju.core.records import apply_changes, ensure_version
from anju.handover import rules
from anju.handover.choices import TASK_TEMPLATE, BatchStatus, MemberRole, TaskCode
from anju.handover.errors import ErrorCode
from anju.handover.events import HandoverEvent
from anju.handover.models import BatchMember, BatchTask, HandoverBatch
from anju.handover.workflow import BATCH_WORKFLOW, BatchAction
from anju.properties.models import Building, Project
from anju.properties.scope import can_see_project

EDITABLE_STATES = frozenset({BatchStatus.PREPARING, BatchStatus.LIST_APPROVED})


@dataclass(frozen=True)
class Member:
    user: Any
    role: str


def _invalid(field: str, message: str, code: StrEnum = ErrorCode.INVALID) -> ApplicationError:
    return ApplicationError(code, message, fields={field: [message]})


def _check_works_in(user: Any, project_id: int, field: str) -> None:
    """A team member or task owner works in the batch's project (a colleague from another shared project is not)."""
    if not can_see_project(user, project_id):
        raise _invalid(field, _("%(name)s does not work in this project.") % {"name": user.display_name or user.username})


def _check_plan(
    *, project: Project, buildings: Sequence[Building], starts_on: datetime.date, ends_on: datetime.date, windows: Sequence[str]
) -> None:
    if not buildings:
        raise _invalid("buildings", _("Choose at least one building."))
    if any(b.project_id != project.pk for b in buildings):
        raise _invalid("buildings", _("Every building must belong to the batch's project."))
    if ends_on < starts_on:
        raise _invalid("ends_on", _("The last handover day cannot be before the first."))
    if (ends_on - starts_on).days > 92:
        raise _invalid("ends_on", _("A batch spans at most three months."))
    if not windows or any(not rules.valid_window(w) for w in windows) or len(set(windows)) != len(windows):
        raise _invalid("windows", _("Give the time windows as HH:MM-HH:MM, each once, start before end."))


def _check_checklist(checklist: Any) -> None:
    ok = isinstance(checklist, list) and checklist
    for room in checklist if ok else []:
        items = room.get("items") if isinstance(room, dict) else None
        if (
            not (isinstance(room, dict) and str(room.get("room", "")).strip() and isinstance(items, list) and items)
            or any(not isinstance(i, str) or not i.strip() or len(i) > 20 for i in items)
            or len(str(room["room"])) > 20
        ):
            ok = False
    if not ok:
        raise _invalid(
            "checklist", _("The checklist needs rooms, each with a name and at least one item (20 characters at most).")
        )


@transaction.atomic
def create_batch(
    *,
    actor: Any,
    project: Project,
    name: str,
    buildings: Sequence[Building],
    starts_on: datetime.date,
    ends_on: datetime.date,
    windows: Sequence[str],
    capacity_per_window: int,
    place: str,
    members: Sequence[Member] = (),
    documents_to_bring: str = "",
) -> HandoverBatch:
    if not can_see_project(actor, project.pk):
        raise _invalid("project", _("Choose a project in your data scope."), CoreErrorCode.SCOPE_PROJECT_OUTSIDE_SCOPE)
    _check_plan(project=project, buildings=buildings, starts_on=starts_on, ends_on=ends_on, windows=windows)
    for member in members:
        _check_works_in(member.user, project.pk, "members")
    batch = HandoverBatch(
        number=next_number(scope="handover_batch", prefix="RH", period=str(starts_on.year), width=3),
        name=name,
        project=project,
        starts_on=starts_on,
        ends_on=ends_on,
        windows=list(windows),
        capacity_per_window=capacity_per_window,
        place=place,
        created_by=actor,
    )
    if documents_to_bring:
        batch.documents_to_bring = documents_to_bring
    batch.save()
    batch.buildings.set(buildings)
    owners: dict[str, Any] = {}
    for member in members:
        BatchMember.objects.get_or_create(batch=batch, user=member.user, defaults={"role": member.role})
        owners.setdefault(member.role, member.user)
    owners.setdefault(MemberRole.LEADER, actor)
    for code, role, days_before in TASK_TEMPLATE:
        BatchTask.objects.create(
            batch=batch,
            code=code,
            owner=owners.get(role) or owners[MemberRole.LEADER],
            due_on=starts_on - datetime.timedelta(days=days_before),
        )
    record_event(
        target=batch,
        type=HandoverEvent.BATCH_CREATED,
        actor=actor,
        to_status=batch.status,
        data={"number": batch.number, "buildings": [b.pk for b in buildings]},
        also_on=[project],
    )
    return batch


def _unprepare_list(batch: HandoverBatch) -> None:
    batch.list_prepared_by = None
    batch.tasks.filter(code=TaskCode.HANDOVER_LIST).update(done_at=None, done_by=None)


@transaction.atomic
def update_batch(*, actor: Any, batch: HandoverBatch, values: dict[str, Any], version: int | None) -> HandoverBatch:
    batch = HandoverBatch.objects.select_for_update().get(pk=batch.pk)
    ensure_version(batch, version)
    if batch.status not in EDITABLE_STATES and set(values) - {"checklist", "place", "documents_to_bring", "members"}:
        raise ApplicationError(
            ErrorCode.PLAN_LOCKED,
            _("The notices are out: only the place, documents and checklist can still change."),
            status_code=409,
        )
    members = values.pop("members", None)
    buildings = values.pop("buildings", None)
    current = set(batch.buildings.values_list("pk", flat=True))
    moved = buildings is not None and {b.pk for b in buildings} != current
    if moved and batch.status != BatchStatus.PREPARING:
        raise ApplicationError(
            ErrorCode.LIST_LOCKED,
            _("The handover list is approved: reopen it before changing the buildings."),
            status_code=409,
        )
    if "checklist" in values:
        _check_checklist(values["checklist"])
    _check_plan(
        project=batch.project,
        buildings=buildings if buildings is not None else list(batch.buildings.all()),
        starts_on=values.get("starts_on", batch.starts_on),
        ends_on=values.get("ends_on", batch.ends_on),
        windows=values.get("windows", batch.windows),
    )
    changes = apply_changes(batch, values)
    if moved and buildings is not None:
        batch.buildings.set(buildings)
        changes["buildings"] = [b.pk for b in buildings]
        _unprepare_list(batch)  # another list: it must be prepared and approved again
    if members is not None:
        team = _set_team(batch, [m if isinstance(m, Member) else Member(m["user"], m["role"]) for m in members])
        if team is not None:
            changes["members"] = team
    if changes:
        batch.version += 1
        batch.save()
        record_event(target=batch, type=HandoverEvent.BATCH_UPDATED, actor=actor, changes=changes)
    return batch


def _team_labels(rows: Sequence[tuple[Any, str]]) -> list[str]:
    return [f"{user.display_name or user.username}（{MemberRole(role).label}）" for user, role in rows]


def _set_team(batch: HandoverBatch, members: Sequence[Member]) -> list[list[str]] | None:
    """Replace the preparation team; the tasks keep their owners. Returns the change (before, after) or ``None``."""
    if batch.status == BatchStatus.COMPLETED:
        raise ApplicationError(ErrorCode.COMPLETED, _("The batch is completed: its team can no longer change."), status_code=409)
    seen: set[int] = set()
    for member in members:
        _check_works_in(member.user, batch.project_id, "members")
        if member.user.pk in seen:
            raise _invalid("members", _("Each person joins the team once."))
        seen.add(member.user.pk)
    before = [(m.user, m.role) for m in batch.members.select_related("user")]
    after = [(m.user, m.role) for m in members]
    if {(u.pk, r) for u, r in before} == {(u.pk, r) for u, r in after}:
        return None
    batch.members.all().delete()
    BatchMember.objects.bulk_create([BatchMember(batch=batch, user=m.user, role=m.role) for m in members])
    return [_team_labels(before), _team_labels(after)]


@transaction.atomic
def update_task(
    *,
    actor: Any,
    batch: HandoverBatch,
    task_id: int,
    version: int | None,
    done: bool | None = None,
    owner: Any = None,
    due_on: datetime.date | None = None,
    note: str | None = None,
) -> HandoverBatch:
    """Mark a task done (or not), give it an owner or a due date. Marking the 入伙名单 task done makes the actor
    its preparer (who then may not approve it); undoing it is not possible once the list is approved."""
    batch = HandoverBatch.objects.select_for_update().get(pk=batch.pk)
    ensure_version(batch, version)
    task = batch.tasks.filter(pk=task_id).first()
    if task is None:
        raise _invalid("task", _("This task does not belong to the batch."))
    is_list = task.code == TaskCode.HANDOVER_LIST
    if is_list and batch.status != BatchStatus.PREPARING and done is not None:
        raise ApplicationError(
            ErrorCode.LIST_LOCKED, _("The handover list is approved; reopen it to change it."), status_code=409
        )
    values: dict[str, Any] = {}
    if owner is not None:
        _check_works_in(owner, batch.project_id, "owner")
        values["owner"] = owner
    if due_on is not None:
        values["due_on"] = due_on
    if note is not None:
        values["note"] = note
    if done is not None and done != (task.done_at is not None):
        values.update(done_at=timezone.now() if done else None, done_by=actor if done else None)
        if is_list:
            batch.list_prepared_by = actor if done else None
    changes = apply_changes(task, values)
    if changes:
        task.save()
        batch.version += 1
        batch.save()
        record_event(target=batch, type=HandoverEvent.TASK_UPDATED, actor=actor, changes=changes, data={"task": task.code})
    return batch


def step(*, actor: Any, batch: HandoverBatch, action: str, version: int | None, reason: str = "") -> HandoverBatch:
    """A batch workflow step; the approval records its approver, the notices step generates the notices."""
    if action == BatchAction.START_NOTICES:
        from anju.handover.services.notices import generate

        return generate(actor=actor, batch=batch, version=version)

    def change(current: HandoverBatch) -> dict[str, Any]:
        if action == BatchAction.APPROVE_LIST:
            current.list_approved_by = actor
        return {}

    done = BATCH_WORKFLOW.perform(action, batch, actor, version=version, reason=reason, change=change)
    if action == BatchAction.COMPLETE:
        from anju.handover.reports import send_problem_summary

        transaction.on_commit(lambda: send_problem_summary(done))
    return done
