"""Member activities: staff create, cancel and check people in; owners sign up and cancel within the capacity.

Signing up locks the activity row first (``select_for_update``; SQLite runs IMMEDIATE transactions), so sign-ups for
the last places queue behind each other and each counts the places taken after the one before it committed:
never more registrations than places.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.activities.errors import ErrorCode
from anju.activities.events import ActivityEvent
from anju.activities.models import Activity, ActivityStatus, Audience, Registration, RegistrationStatus
from anju.activities.selectors import open_to, taken
from anju.activities.workflow import WORKFLOW, ActivityAction
from anju.core.errors import ApplicationError, ConflictError, CoreErrorCode
from anju.core.events import record_event
from anju.core.records import ensure_version
from anju.customers.models import Customer, Tag
from anju.properties.models import Project
from anju.properties.scope import can_see_project
from anju.workorders.services.files import check_upload


def _invalid(field: str, message: str) -> ApplicationError:
    return ApplicationError(ErrorCode.ACTIVITY_INVALID, message, fields={field: [message]})


@transaction.atomic
def create_activity(
    *,
    actor: Any,
    project: Project,
    title: str,
    place: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    capacity: int,
    description: str = "",
    audience: str = Audience.PROJECT_OWNERS,
    group: Tag | None = None,
) -> Activity:
    if not can_see_project(actor, project.pk):
        message = _("Choose a project in your data scope.")
        raise ApplicationError(CoreErrorCode.SCOPE_PROJECT_OUTSIDE_SCOPE, message, fields={"project": [message]})
    if ends_at <= starts_at:
        raise _invalid("ends_at", _("The activity must end after it starts."))
    if starts_at <= timezone.now():
        raise _invalid("starts_at", _("The activity must start in the future."))
    if audience == Audience.GROUP and group is None:
        raise _invalid("group", _("Choose the customer group that may join."))
    activity = Activity.objects.create(
        project=project,
        title=title,
        description=description,
        place=place,
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
        audience=audience,
        group=group if audience == Audience.GROUP else None,
        created_by=actor,
    )
    record_event(target=activity, type=ActivityEvent.CREATED, actor=actor, data={"capacity": capacity}, also_on=[project])
    return activity


EDITABLE = ("title", "description", "place", "starts_at", "ends_at", "capacity", "audience", "group")


@transaction.atomic
def update_activity(*, actor: Any, activity: Activity, version: int | None, values: dict[str, Any]) -> Activity:
    """Change an open activity's details; the capacity never drops below the places already taken."""
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    ensure_version(activity, version)
    if activity.status != ActivityStatus.OPEN:
        raise ConflictError(ErrorCode.ACTIVITY_NOT_OPEN, _("This activity is not open."))
    changed = {}
    for name in EDITABLE:
        if name in values and getattr(activity, name) != values[name]:
            changed[name] = values[name]
            setattr(activity, name, values[name])
    if activity.ends_at <= activity.starts_at:
        raise _invalid("ends_at", _("The activity must end after it starts."))
    if "starts_at" in changed and activity.starts_at <= timezone.now():
        raise _invalid("starts_at", _("The activity must start in the future."))
    if activity.audience == Audience.GROUP and activity.group is None:
        raise _invalid("group", _("Choose the customer group that may join."))
    if activity.audience != Audience.GROUP:
        activity.group = None
    if "capacity" in changed and activity.capacity < taken(activity.pk):
        message = _("%(n)s places are already taken: the capacity cannot be smaller.") % {"n": taken(activity.pk)}
        raise _invalid("capacity", message)
    if not changed:
        return activity
    activity.version += 1
    activity.save()
    record_event(
        target=activity,
        type=ActivityEvent.CHANGED,
        actor=actor,
        data={"fields": sorted(changed)},
    )
    return activity


@transaction.atomic
def set_poster(*, actor: Any, activity: Activity, upload: Any) -> Activity:
    """The activity's poster: a JPEG or PNG through the checked upload (type, size, pixels, content)."""
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if activity.status != ActivityStatus.OPEN:
        raise ConflictError(ErrorCode.ACTIVITY_NOT_OPEN, _("This activity is not open."))
    extension, content_type, data = check_upload(upload)
    if not content_type.startswith("image/"):
        raise _invalid("file", _("The poster must be an image (PNG or JPEG)."))
    old = activity.poster.name if activity.poster else ""
    storage = activity.poster.storage
    activity.poster.save(f"poster.{extension}", ContentFile(data), save=False)
    activity.poster_type = content_type
    activity.version += 1
    activity.save()
    if old:
        transaction.on_commit(lambda: storage.delete(old))
    record_event(target=activity, type=ActivityEvent.POSTER_SET, actor=actor)
    return activity


@transaction.atomic
def cancel_activity(*, actor: Any, activity: Activity, version: int | None, reason: str) -> Activity:
    """Cancel an open activity with the reason (``workflow``: its timeline keeps the reason)."""
    return WORKFLOW.perform(ActivityAction.CANCEL, activity, actor, version=version, reason=reason)


@transaction.atomic
def sign_up(*, customer: Customer, activity_id: int) -> Registration:
    """The owner takes a place (again, after a cancellation) while one is free; 409 when full or closed."""
    activity = Activity.objects.select_for_update().filter(pk=activity_id).first()
    if activity is None or not open_to(customer).filter(pk=activity_id).exists():
        raise Activity.DoesNotExist
    if activity.starts_at <= timezone.now():
        raise ConflictError(ErrorCode.ACTIVITY_STARTED, _("This activity has already started."))
    registration = Registration.objects.filter(activity=activity, customer=customer).first()
    if registration is not None and registration.status != RegistrationStatus.CANCELLED:
        raise ConflictError(ErrorCode.ACTIVITY_ALREADY_REGISTERED, _("You have already signed up."))
    if taken(activity.pk) >= activity.capacity:
        raise ConflictError(ErrorCode.ACTIVITY_FULL, _("All places are taken."))
    now = timezone.now()
    if registration is None:
        registration = Registration.objects.create(activity=activity, customer=customer, registered_at=now)
    else:
        registration.status, registration.registered_at, registration.cancelled_at = RegistrationStatus.REGISTERED, now, None
        registration.save()
    record_event(target=activity, type=ActivityEvent.SIGNED_UP, data={"customer": customer.pk}, also_on=[customer])
    return registration


@transaction.atomic
def cancel_sign_up(*, customer: Customer, registration: Registration) -> Registration:
    registration = Registration.objects.select_for_update().get(pk=registration.pk, customer=customer)
    if registration.status != RegistrationStatus.REGISTERED:
        raise ConflictError(ErrorCode.ACTIVITY_NOT_REGISTERED, _("There is no sign-up to cancel."))
    registration.status, registration.cancelled_at = RegistrationStatus.CANCELLED, timezone.now()
    registration.save()
    record_event(
        target=registration.activity, type=ActivityEvent.SIGN_UP_CANCELLED, data={"customer": customer.pk}, also_on=[customer]
    )
    return registration


@transaction.atomic
def check_in(*, actor: Any, registration: Registration) -> Registration:
    registration = Registration.objects.select_for_update().select_related("activity", "customer").get(pk=registration.pk)
    if registration.status != RegistrationStatus.REGISTERED:
        raise ConflictError(ErrorCode.ACTIVITY_NOT_REGISTERED, _("Only a registered person can be checked in."))
    if registration.activity.status != ActivityStatus.OPEN:
        raise ConflictError(ErrorCode.ACTIVITY_NOT_OPEN, _("This activity is not open."))
    registration.status, registration.checked_in_at, registration.checked_in_by = (
        RegistrationStatus.CHECKED_IN,
        timezone.now(),
        actor,
    )
    registration.save()
    record_event(
        target=registration.activity,
        type=ActivityEvent.CHECKED_IN,
        actor=actor,
        data={"customer": registration.customer_id},
        also_on=[registration.customer],
    )
    return registration


def participation_workbook(rows: list[dict[str, Any]], totals: list[dict[str, Any]]) -> bytes:
    """The participation report as an Excel file: one sheet per activity, one per project and audience (every cell
    through the core export helper: titles and places are typed by staff)."""
    from django.utils.translation import gettext_lazy

    from anju.core.excel import Column, build_workbook

    audience = dict(Audience.choices)
    status = dict(ActivityStatus.choices)
    figures = [
        Column("registered", gettext_lazy("Registered"), width=10),
        Column("attended", gettext_lazy("Attended"), width=10),
        Column("no_show", gettext_lazy("No-show"), width=10),
        Column("cancelled", gettext_lazy("Cancelled sign-ups"), width=12),
    ]
    per_activity = [
        Column("title", gettext_lazy("Activity"), width=28),
        Column("project", gettext_lazy("Project"), width=20),
        Column("audience", gettext_lazy("Audience"), width=20),
        Column("starts_at", gettext_lazy("Starts at"), width=18),
        Column("status", gettext_lazy("Status"), width=10),
        Column("capacity", gettext_lazy("Capacity"), width=10),
        *figures,
    ]
    per_project = [
        Column("project", gettext_lazy("Project"), width=20),
        Column("audience", gettext_lazy("Audience"), width=20),
        Column("activities", gettext_lazy("Activities"), width=10),
        *figures,
    ]
    activity_lines = [
        [
            r["title"],
            r["project_name"],
            str(audience[r["audience"]]) + (f" · {r['group_name']}" if r["group_name"] else ""),
            timezone.localtime(r["starts_at"]).strftime("%Y-%m-%d %H:%M"),
            str(status[r["status"]]),
            r["capacity"],
            r["registered"],
            r["attended"],
            r["no_show"],
            r["cancelled"],
        ]
        for r in rows
    ]
    project_lines = [
        [
            t["project_name"],
            str(audience[t["audience"]]),
            t["activities"],
            t["registered"],
            t["attended"],
            t["no_show"],
            t["cancelled"],
        ]
        for t in totals
    ]
    return build_workbook(
        [
            (str(gettext_lazy("By activity")), per_activity, activity_lines),
            (str(gettext_lazy("By project")), per_project, project_lines),
        ]
    )
