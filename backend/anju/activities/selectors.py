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
    # explicit: Meta.ordering does not apply to a query with GROUP BY (the count), the list would come unordered
    return with_counts(restrict(queryset, actor)).order_by("-starts_at", "-id")


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


def participation(queryset: QuerySet[Activity], *, now: Any) -> list[dict[str, Any]]:
    """Per activity: registered (signed up and not cancelled, checked in included), attended (checked in), no-show
    (still only registered once the activity has ended) and cancelled sign-ups."""
    rows = []
    for activity in queryset.order_by("starts_at", "id"):
        figures: Any = activity  # annotated by list_activities: taken, checked_in, cancelled
        registered = figures.taken
        attended = figures.checked_in
        ended = activity.ends_at <= now
        rows.append(
            {
                "activity": activity.pk,
                "title": activity.title,
                "project": activity.project_id,
                "project_name": activity.project.name,
                "audience": activity.audience,
                "group_name": activity.group.name if activity.group is not None else "",
                "starts_at": activity.starts_at,
                "status": activity.status,
                "capacity": activity.capacity,
                "registered": registered,
                "attended": attended,
                "no_show": registered - attended if ended else 0,
                "cancelled": figures.cancelled,
            }
        )
    return rows


def participation_by_project(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The activity rows added up per project and audience (all owners of the project / a customer group)."""
    totals: dict[tuple[int, str], dict[str, Any]] = {}
    for row in rows:
        key = (row["project"], row["audience"])
        total = totals.setdefault(
            key,
            {
                "project": row["project"],
                "project_name": row["project_name"],
                "audience": row["audience"],
                "activities": 0,
                "registered": 0,
                "attended": 0,
                "no_show": 0,
                "cancelled": 0,
            },
        )
        total["activities"] += 1
        for name in ("registered", "attended", "no_show", "cancelled"):
            total[name] += row[name]
    return sorted(totals.values(), key=lambda t: (t["project_name"], t["audience"]))
