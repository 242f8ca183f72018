"""Customer reads: scope (a customer is visible through any of its projects) and search."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from anju.core import pii
from anju.core.validators import InvalidValue, normalize_id_number, normalize_mobile
from anju.customers.models import (
    Appointment,
    Consultation,
    Customer,
    CustomerMobile,
    CustomerProject,
    FollowUp,
    Tag,
    UnitOwnership,
)
from anju.properties.scope import visible_project_ids


def _scoped_customers(actor: Any) -> QuerySet[Customer]:
    ids = visible_project_ids(actor)
    queryset = Customer.objects.all()
    if ids is None:
        return queryset
    return queryset.filter(pk__in=CustomerProject.objects.filter(project_id__in=ids).values("customer_id"))


def customers_in_scope(*, actor: Any) -> QuerySet[Customer]:
    """The customers the actor may see, bare (no prefetches): for picking one by id, e.g. an order's customer."""
    return _scoped_customers(actor)


def list_customers(*, actor: Any, filters: dict[str, Any] | None = None) -> QuerySet[Customer]:
    """Customers in scope, filtered by name/code text, tag, project, full mobile or ID number.

    Mobile and ID number match exactly through their blind index; an invalid one matches nothing.
    """
    queryset = (
        _scoped_customers(actor)
        .select_related("consultant")
        .prefetch_related("tags", "projects", Prefetch("mobiles", queryset=CustomerMobile.objects.order_by("position")))
        .order_by("-created_at", "-id")
    )
    return filter_customers(queryset, actor=actor, filters=filters or {})


# List orderings (an allow-list: ``?ordering=`` and the search body take only these keys, anything else is a 400).
# Names sort by their stored characters (code points), not by pinyin; ties broken by id so paging is stable.
CUSTOMER_ORDERINGS: dict[str, list[str]] = {
    "-created_at": ["-created_at", "-id"],
    "created_at": ["created_at", "id"],
    "name": ["name", "id"],
    "-name": ["-name", "-id"],
    "code": ["code"],
    "-code": ["-code"],
}

CUSTOMER_ORDERING_CHOICES = [(key, key) for key in CUSTOMER_ORDERINGS]


def filter_customers(queryset: QuerySet[Customer], *, actor: Any, filters: dict[str, Any]) -> QuerySet[Customer]:
    """Narrow customers in scope by ``q``, ``tag``, ``project`` (in scope only), ``consultant``, ``mobile`` or
    ``id_number`` (the search form and the list's ``CustomerFilter`` use the same rules)."""
    text = (filters.get("q") or "").strip()
    if text:
        queryset = queryset.filter(Q(name__icontains=text) | Q(code__icontains=text))
    if filters.get("tag") and reads_tags(actor):  # else not applied: narrowing by a tag would tell who has it
        queryset = queryset.filter(tags__id=filters["tag"])
    if filters.get("project"):
        ids = visible_project_ids(actor)
        if ids is not None and filters["project"] not in ids:
            return queryset.none()  # never confirm who else is a customer of a project the actor cannot see
        queryset = queryset.filter(pk__in=CustomerProject.objects.filter(project_id=filters["project"]).values("customer_id"))
    if filters.get("consultant"):
        queryset = queryset.filter(consultant_id=filters["consultant"])
    if filters.get("ordering"):
        queryset = queryset.order_by(*CUSTOMER_ORDERINGS[filters["ordering"]])
    if filters.get("mobile"):
        try:
            index = pii.blind_index("mobile", normalize_mobile(filters["mobile"]))
        except InvalidValue:
            return queryset.none()
        queryset = queryset.filter(mobiles__blind_index=index)
    if filters.get("id_number"):
        try:
            index = pii.blind_index("id_number", normalize_id_number(filters["id_number"]))
        except InvalidValue:
            index = pii.blind_index("id_number", str(filters["id_number"]).strip().upper())
        queryset = queryset.filter(id_number_index=index)
    return queryset


def get_customer(*, actor: Any, pk: Any) -> Customer:
    return get_object_or_404(list_customers(actor=actor), pk=pk)


def reads_tags(actor: Any) -> bool:
    """Who may read customer tags (docs/rules.md): holders of ``customers.view_tag`` — every role but the technician.
    For anyone else a customer's tags are empty, the ``tag`` filter is not applied, and the timelines leave out tag
    changes; the export writes no tag names."""
    return actor is not None and getattr(actor, "is_authenticated", False) and actor.has_perm("customers.view_tag")


def list_tags() -> QuerySet[Tag]:
    """Not scoped: tags are a company-wide reference table (a customer's tags are read through the customer)."""
    return Tag.objects.all()


def list_ownerships(*, actor: Any) -> QuerySet[UnitOwnership]:
    ids = visible_project_ids(actor)
    queryset = UnitOwnership.objects.select_related("unit", "unit__building", "unit__project", "customer")
    return queryset if ids is None else queryset.filter(unit__project_id__in=ids)


def list_consultations(*, actor: Any) -> QuerySet[Consultation]:
    ids = visible_project_ids(actor)
    queryset = Consultation.objects.select_related("customer", "project", "handler")
    return queryset if ids is None else queryset.filter(project_id__in=ids)


def list_appointments(*, actor: Any) -> QuerySet[Appointment]:
    ids = visible_project_ids(actor)
    queryset = Appointment.objects.select_related("customer", "project", "consultant")
    return queryset if ids is None else queryset.filter(project_id__in=ids)


def list_follow_ups(*, actor: Any) -> QuerySet[FollowUp]:
    """Follow-ups of customers in scope: those about one project only where that project is in scope too."""
    queryset = FollowUp.objects.select_related("customer", "owner").filter(customer__in=_scoped_customers(actor))
    ids = visible_project_ids(actor)
    return queryset if ids is None else queryset.filter(Q(project__isnull=True) | Q(project_id__in=ids))


def follow_ups_about_project(queryset: QuerySet[FollowUp], *, actor: Any, project: int) -> QuerySet[FollowUp]:
    """Those about ``project``, or about the customer as a whole when the customer is one of that project's; none for
    a project out of the actor's scope (never confirm that a customer is also known there)."""
    ids = visible_project_ids(actor)
    if ids is not None and project not in ids:
        return queryset.none()
    # an EXISTS, not a join over the customer's projects: a customer of two projects must not double a row
    member = CustomerProject.objects.filter(customer_id=OuterRef("customer_id"), project_id=project)
    return queryset.filter(Q(project_id=project) | Q(project__isnull=True) & Exists(member))


def list_follow_ups_due(*, actor: Any, on: datetime.date) -> QuerySet[FollowUp]:
    """My follow-ups whose next date has come, counting only the latest follow-up per customer."""
    mine = list_follow_ups(actor=actor).filter(owner=actor, next_follow_up_on__isnull=False, next_follow_up_on__lte=on)
    # "latest" among the follow-ups the actor may see: one about a project out of scope neither hides nor reveals
    newer = list_follow_ups(actor=actor).filter(customer_id=OuterRef("customer_id"), occurred_at__gt=OuterRef("occurred_at"))
    return mine.exclude(Exists(newer)).order_by("next_follow_up_on", "id")


def list_consultants(*, actor: Any, project_id: int | None = None) -> list[Any]:
    """Active 置业顾问 who work in at least one of the actor's projects (or in ``project_id``)."""
    actor_ids = visible_project_ids(actor)
    wanted: set[int] | None = {project_id} if project_id else actor_ids
    if project_id and actor_ids is not None and project_id not in actor_ids:
        return []
    users = (
        get_user_model()
        .objects.filter(is_active=True, groups__name="sales_consultant")
        .order_by("display_name", "username")
        .distinct()
    )
    result = []
    for user in users:
        theirs = visible_project_ids(user)
        if wanted is None or theirs is None or theirs & wanted:
            result.append(user)
    return result
