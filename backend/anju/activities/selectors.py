from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from anju.activities.models import TAKES_A_PLACE, Activity, ActivityStatus, Audience, Registration
from anju.customers.models import Customer
from anju.properties.scope import restrict


def list_activities(*, actor: Any) -> QuerySet[Activity]:
    """The activities of the actor's projects, with ``taken`` (places taken) on each."""
    queryset = Activity.objects.select_related("project", "group").annotate(
        taken=Count("registrations", filter=Q(registrations__status__in=TAKES_A_PLACE))
    )
    return with_counts(restrict(queryset, actor))


def registrations_of(activity: Activity) -> QuerySet[Registration]:
    return activity.registrations.select_related("customer").order_by("registered_at", "id")


def taken(activity_id: int) -> int:
    return Registration.objects.filter(activity_id=activity_id, status__in=TAKES_A_PLACE).count()


def open_to(customer: Customer) -> QuerySet[Activity]:
    """What an owner may see and join: open activities of projects where they own a home, for everyone or their group."""
    project_ids = customer.ownerships.values("unit__project_id")
    queryset = Activity.objects.filter(status=ActivityStatus.OPEN, project_id__in=project_ids).filter(
        Q(audience=Audience.PROJECT_OWNERS) | Q(audience=Audience.GROUP, group__in=customer.tags.all())
    )
    return queryset.select_related("project").annotate(
        taken=Count("registrations", filter=Q(registrations__status__in=TAKES_A_PLACE))
    )


def registration_of(customer: Customer, activity: Activity) -> Registration | None:
    return Registration.objects.filter(activity=activity, customer=customer).first()


def list_registrations(*, actor: Any) -> QuerySet[Registration]:
    """Registrations of the actor's projects' activities."""
    return restrict(Registration.objects.select_related("activity", "customer"), actor, lookup="activity__project_id")


def with_counts(queryset: QuerySet[Activity]) -> QuerySet[Activity]:
    """The participation figures of each activity: registered (incl. checked in), checked in, cancelled."""
    return queryset.annotate(
        checked_in=Count("registrations", filter=Q(registrations__status="checked_in")),
        cancelled=Count("registrations", filter=Q(registrations__status="cancelled")),
    )


def registrations_by(customer: Customer) -> QuerySet[Any]:
    """``(activity id, status)`` of the customer's registrations."""
    return Registration.objects.filter(customer=customer).values_list("activity_id", "status")
