"""Member activities: staff create, cancel and check people in; owners sign up and cancel within the capacity.

Signing up locks the activity row first (``select_for_update``; SQLite runs IMMEDIATE transactions), so sign-ups for
the last places queue behind each other and each counts the places taken after the one before it committed:
never more registrations than places.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.activities.events import ActivityEvent
from anju.activities.models import Activity, ActivityStatus, Audience, Registration, RegistrationStatus
from anju.activities.selectors import open_to, taken
from anju.core.errors import ApplicationError, ConflictError
from anju.core.events import record_event
from anju.core.records import ensure_version
from anju.customers.models import Customer, Tag
from anju.properties.models import Project
from anju.properties.scope import can_see_project


def _invalid(field: str, message: str) -> ApplicationError:
    return ApplicationError("activity.invalid", message, fields={field: [message]})


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
        raise ApplicationError("scope.project_outside_scope", message, fields={"project": [message]})
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


@transaction.atomic
def cancel_activity(*, actor: Any, activity: Activity, version: int | None, reason: str) -> Activity:
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    ensure_version(activity, version)
    if activity.status != ActivityStatus.OPEN:
        raise ConflictError("activity.not_open", _("This activity is not open."))
    if not reason.strip():
        raise _invalid("reason", _("Give a reason."))
    activity.status = ActivityStatus.CANCELLED
    activity.version += 1
    activity.save()
    record_event(target=activity, type=ActivityEvent.CANCELLED, actor=actor, note=reason[:200])
    return activity


@transaction.atomic
def sign_up(*, customer: Customer, activity_id: int) -> Registration:
    """The owner takes a place (again, after a cancellation) while one is free; 409 when full or closed."""
    activity = Activity.objects.select_for_update().filter(pk=activity_id).first()
    if activity is None or not open_to(customer).filter(pk=activity_id).exists():
        raise Activity.DoesNotExist
    if activity.starts_at <= timezone.now():
        raise ConflictError("activity.started", _("This activity has already started."))
    registration = Registration.objects.filter(activity=activity, customer=customer).first()
    if registration is not None and registration.status != RegistrationStatus.CANCELLED:
        raise ConflictError("activity.already_registered", _("You have already signed up."))
    if taken(activity.pk) >= activity.capacity:
        raise ConflictError("activity.full", _("All places are taken."))
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
        raise ConflictError("activity.not_registered", _("There is no sign-up to cancel."))
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
        raise ConflictError("activity.not_registered", _("Only a registered person can be checked in."))
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
