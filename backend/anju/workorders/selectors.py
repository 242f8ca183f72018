"""Work-order reads. Scope: the actor's projects; a user who does not work the whole desk (see
``DESK_PERMISSIONS``) sees only the orders assigned to them (a technician's own list)."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connections, router
from django.db.models import Case, Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404

from anju.core.prepared import Prepared
from anju.properties.scope import can_see_project, restrict, visible_project_ids
from anju.workorders.choices import OPEN_STATUSES, OrderType, Priority
from anju.workorders.models import (
    Attachment,
    Category,
    CostLine,
    ServiceSettings,
    Team,
    Technician,
    WorkOrder,
    WorkOrderFollowUp,
    WorkOrderTally,
)

# Whoever works the whole desk (sees, dispatches, closes, cancels, reopens) sees every order in scope;
# anyone else (a technician) sees the orders assigned to them.
DESK_PERMISSIONS = (
    "workorders.view_all_workorders",
    "workorders.dispatch_workorder",
    "workorders.close_workorder",
    "workorders.cancel_workorder",
    "workorders.reopen_workorder",
    "workorders.delete_attachment",
)


def sees_whole_desk(actor: Any) -> bool:
    return any(actor.has_perm(p) for p in DESK_PERMISSIONS)


def _scoped(actor: Any, *, project: int | None = None) -> QuerySet[WorkOrder]:
    if not getattr(actor, "is_authenticated", False):  # nobody (schema generation): nothing
        return WorkOrder.objects.none()
    queryset = restrict(WorkOrder.objects.all(), actor, project=project)
    if not sees_whole_desk(actor):
        queryset = queryset.filter(assignee=actor)
    return queryset


_JOINED = ("building", "unit", "customer")
_LIST_PREFETCHED = ("project", "category", "assignee")

# A complaint order's status is its complaint's stage (受理 → 致歉 → 调查 → 答复 → 确认 → 办结): the complaints app, above
# this one, registers how to read it (``complaints.apps``), so lists, filters and the SLA board show the stage.
_STAGE_READERS: list[Callable[[QuerySet[WorkOrder]], QuerySet[WorkOrder]]] = []
COMPLAINT_STAGE_CHOICES: list[tuple[str, str]] = []


def register_complaint_stage(*, annotate: Callable[[QuerySet[WorkOrder]], QuerySet[WorkOrder]], choices: Any) -> None:
    """``annotate`` adds ``complaint_stage`` to order rows (None for other orders); ``choices`` are the stages."""
    if annotate not in _STAGE_READERS:
        _STAGE_READERS.append(annotate)
    COMPLAINT_STAGE_CHOICES[:] = list(choices)


def complaint_stage_choices() -> list[tuple[str, str]]:
    return COMPLAINT_STAGE_CHOICES


def complaint_stages(order_ids: list[int]) -> dict[int, str]:
    """Order id → its complaint's stage, for rows read from elsewhere (the SLA board's clocks), in one query."""
    if not _STAGE_READERS or not order_ids:
        return {}
    rows = _with_stage(WorkOrder.objects.filter(pk__in=order_ids).only("pk"))
    return {order.pk: stage for order in rows if (stage := getattr(order, "complaint_stage", None))}


def _with_stage(queryset: QuerySet[WorkOrder]) -> QuerySet[WorkOrder]:
    for annotate in _STAGE_READERS:
        queryset = annotate(queryset)
    return queryset


_TALLY = Prepared(lambda project: WorkOrderTally.objects.filter(project_id=project), project=int)


def tallied_count(*, actor: Any, project: int, statuses: set[str]) -> int | None:
    """How many of ``project``'s orders in ``statuses`` the actor's list holds, from the status tally — when the
    actor's scope takes that project whole (``_scoped``: every order of a project it sees, for a reader of the
    whole desk); ``None`` when it does not (a technician's or an agent's own orders: count them)."""
    if not getattr(actor, "is_authenticated", False) or not sees_whole_desk(actor):
        return None
    if not can_see_project(actor, project):
        return 0
    return sum(row.orders for row in _TALLY.all(project=project) if row.status in statuses)


def visible_work_orders(actor: Any) -> QuerySet[WorkOrder]:
    """The orders the actor may see — the list's rows without its joins, prefetches and sort (what a timeline's or an
    export's "may this reader see that order" check needs: ``core.visibility``)."""
    return _scoped(actor)


def list_work_orders(*, actor: Any, project: int | None = None) -> QuerySet[WorkOrder]:
    """Orders in scope, newest first (the list's filters are ``workorders.api.filters.WorkOrderFilter``).

    ``project``: one project as a single equality (nothing when the actor does not see it), not the actor's list of
    projects AND the project: with both, SQLite walked the whole table newest first instead of the project's index.
    """
    # Few joins, small lookups prefetched: with seven joined tables PostgreSQL spent ~15 ms planning each page.
    queryset = _scoped(actor, project=project).select_related(*_JOINED).prefetch_related(*_LIST_PREFETCHED)
    # No complaint-stage join here: it stayed in the page's COUNT and slowed every list (filter on
    # ``complaint__stage`` when asked; ``values_with_stages`` fills a page's rows afterwards).
    return queryset.order_by(*ORDERINGS["-created_at"])


# What a list row shows (``serializers.list_row``): the order's columns, the names of the rows it has one each of,
# and the names of the small lookups (project, category, assignee), read as plain values — one statement per page
# instead of the rows, three prefetches and ~80 model instances (issue 14 §1).
LIST_COLUMNS = (
    "id", "number", "type", "status", "priority", "channel", "title", "description",
    "project_id", "building_id", "building__name", "unit_id", "unit__room_number",
    "customer_id", "customer__name", "category_id", "contact_name", "contact_phone", "assignee_id",
    "in_warranty", "is_paid", "appointment_start", "appointment_end", "sla_due_at", "created_at", "updated_at",
)  # fmt: skip
LIST_LOOKUPS = {  # value name -> (relation, field)
    "project_name": ("project", "name"),
    "category_name": ("category", "name"),
    "assignee_display_name": ("assignee", "display_name"),
    "assignee_username": ("assignee", "username"),
}


def list_values(queryset: QuerySet[WorkOrder]) -> QuerySet[WorkOrder, dict[str, Any]]:
    """The list's rows of a (scoped, filtered, sorted) queryset as mappings of ``LIST_COLUMNS`` and ``LIST_LOOKUPS``.

    The lookups' names: joined on SQLite and MariaDB; on PostgreSQL scalar sub-selects, which it evaluates for the
    page's rows after the sort — with six joins it spent ~3 ms planning each page, with three joins and three
    sub-selects 0.3 ms (on SQLite the sub-selects cost ~1 ms more than the joins; docs/benchmarks.md).
    """
    queryset = queryset.prefetch_related(None)
    if connections[queryset.db].vendor != "postgresql":
        return queryset.values(*LIST_COLUMNS, **{name: F(f"{rel}__{field}") for name, (rel, field) in LIST_LOOKUPS.items()})
    names = {
        name: Subquery(
            WorkOrder._meta.get_field(rel)
            .related_model._base_manager.filter(  # type: ignore[union-attr]
                pk=OuterRef(f"{rel}_id")
            )
            .order_by()
            .values(field)[:1]
        )
        for name, (rel, field) in LIST_LOOKUPS.items()
    }
    return queryset.annotate(**names).values(*LIST_COLUMNS, *LIST_LOOKUPS)


def values_with_stages(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A page of ``list_values`` rows with ``complaint_stage`` set on each (one small query, only for complaints)."""
    stages = complaint_stages([row["id"] for row in rows if row["type"] == OrderType.COMPLAINT])
    for row in rows:
        row["complaint_stage"] = stages.get(row["id"])
    return rows


def order_values(order: WorkOrder) -> dict[str, Any]:
    """An order instance (its related rows fetched) as the mapping ``list_values`` reads from the database."""
    row: dict[str, Any] = {}
    columns = [(column, *column.partition("__")[::2]) for column in LIST_COLUMNS]
    for name, relation, field in [*columns, *((name, *pair) for name, pair in LIST_LOOKUPS.items())]:
        if not field:
            row[name] = getattr(order, relation)
            continue
        related = getattr(order, relation) if getattr(order, f"{relation}_id") is not None else None
        row[name] = getattr(related, field) if related is not None else None
    row["complaint_stage"] = getattr(order, "complaint_stage", None)
    return row


# List orderings (an allow-list: ``?ordering=`` takes only these keys, anything else is a 400): newest first (default),
# oldest first, by order number, or most urgent SLA target first (orders without a running target last).
ORDERINGS: dict[str, list[Any]] = {
    "-created_at": ["-created_at", "-id"],
    "created_at": ["created_at", "id"],
    "number": ["number"],
    "-number": ["-number"],
    "sla_due_at": [F("sla_due_at").asc(nulls_last=True), "-id"],
    # 紧急 → 高 → 普通 → 低, newest first within a priority (not the alphabetical order of the stored codes)
    "priority": [
        Case(
            *(When(priority=code, then=Value(rank)) for rank, code in enumerate(Priority.values)),
            output_field=IntegerField(),
        ).asc(),
        "-created_at",
        "-id",
    ],
}


def reads_project_whole(actor: Any, project: int) -> bool:
    """Whether the actor's list holds every order of ``project`` (``_scoped``: a reader of the whole desk who sees
    the project), so that the project's rows need no other condition."""
    return bool(getattr(actor, "is_authenticated", False) and sees_whole_desk(actor) and can_see_project(actor, project))


@functools.lru_cache(maxsize=64)
def _project_page(statuses: tuple[str, ...], ordering: str, offset: int, limit: int) -> Prepared[dict[str, Any]]:
    return Prepared(
        lambda project: list_values(
            WorkOrder.objects.filter(project_id=project, status__in=statuses).order_by(*ORDERINGS[ordering])
        )[offset : offset + limit],
        project=int,
    )


def project_page(
    *, actor: Any, project: int, statuses: set[str], ordering: str, offset: int, limit: int
) -> list[dict[str, Any]] | None:
    """``limit`` list rows (``list_values``) of ``project``'s orders in ``statuses`` from ``offset``, sorted by
    ``ordering`` — what the list reads for ``?project=&status=`` — by a statement compiled once per connection for
    each status set, sort and page (the 64 most recent kept): compiling the page's query and running the filter set
    was about a third of the list agents keep open all day (issue 14 §1). ``None`` when the actor does not read the
    project whole (then the list filters and compiles as for any other query)."""
    if not reads_project_whole(actor, project):
        return None
    return _project_page(tuple(sorted(statuses)), ordering, offset, limit).all(project=project)


_DETAIL_LOOKUPS = (*_LIST_PREFETCHED, "responsible_contractor", "created_by")
_DETAIL_JOINED = (*_JOINED, *_DETAIL_LOOKUPS)


def _joins_details(alias: str) -> bool:
    """The single-valued lookups of a detail are joined (three statements fewer, ~0.8 ms on SQLite). PostgreSQL spends
    ~1 ms more planning the five joins than running the prefetches, unless it plans the statement once per connection
    (server-side prepared statements, on with persistent connections: docs/deploy.md) — without them they are
    prefetched there."""
    connection = connections[alias]
    prepares = connection.settings_dict.get("OPTIONS", {}).get("prepare_threshold") is not None
    return connection.vendor != "postgresql" or prepares


def _joined_details(queryset: QuerySet[WorkOrder]) -> QuerySet[WorkOrder]:
    return _with_stage(queryset.select_related(*_DETAIL_JOINED))


def _prefetched_details(queryset: QuerySet[WorkOrder]) -> QuerySet[WorkOrder]:
    return _with_stage(queryset.select_related(*_JOINED).prefetch_related(*_DETAIL_LOOKUPS))


def _with_details(queryset: QuerySet[WorkOrder]) -> QuerySet[WorkOrder]:
    """The order with the rows it has one each of (its cost lines and files: ``with_children``)."""
    return (_joined_details if _joins_details(queryset.db) else _prefetched_details)(queryset)


# One order as ``_with_details`` reads it, by its id, compiled once per connection (``core.prepared``): compiling the
# detail's joins was a seventh of the detail screen (issue 14 §2). Keyed by whether the details are joined.
_DETAILS_BY_ID = {
    True: Prepared(lambda order: _joined_details(WorkOrder.objects.filter(pk=order)), order=int),
    False: Prepared(lambda order: _prefetched_details(WorkOrder.objects.filter(pk=order)), order=int),
}


def _order_by_id(pk: Any) -> WorkOrder | None:
    """The order with this id, whatever the scope (callers check it), with what a detail answer shows."""
    return _DETAILS_BY_ID[_joins_details(router.db_for_read(WorkOrder))].one(order=pk)


def visible_order(*, actor: Any, pk: Any) -> WorkOrder | None:
    """``work_order_details(actor=actor)``'s row with this id, or ``None`` (then a 404): the order read by its id with
    the same joins, then ``_scoped``'s rule checked on it — a project the actor sees, and the actor's own order for
    one who does not read the whole desk. ``tests/test_detail_screen.py`` compares it with the queryset for every kind
    of reader."""
    if not getattr(actor, "is_authenticated", False):
        return None
    order = _order_by_id(pk)
    if order is None or not can_see_project(actor, order.project_id):
        return None
    if not sees_whole_desk(actor) and order.assignee_id != actor.pk:
        return None
    return order


# What the detail screen reads of an order it has fetched, by the order's id: compiled once per connection
# (``core.prepared``; each compared with the related manager's rows in the tests).
_COST_LINES = Prepared(lambda order: CostLine.objects.filter(work_order_id=order), order=int)
_ATTACHMENTS = Prepared(lambda order: Attachment.objects.filter(work_order_id=order), order=int)
_FOLLOW_UPS = Prepared(lambda order: WorkOrderFollowUp.objects.filter(work_order_id=order).select_related("author"), order=int)


def with_children(order: WorkOrder) -> WorkOrder:
    """The order with its cost lines and files read (``order.cost_lines.all()`` / ``order.attachments.all()`` answer
    from memory), as ``prefetch_related`` would leave them; what is already there is kept (a just-created order)."""
    cache = order.__dict__.setdefault("_prefetched_objects_cache", {})
    for name, statement in (("cost_lines", _COST_LINES), ("attachments", _ATTACHMENTS)):
        if name not in cache:
            queryset = getattr(order, name).all()
            queryset._result_cache = statement.all(order=order.pk)
            queryset._prefetch_done = True
            cache[name] = queryset
    return order


def just_created(order: WorkOrder) -> WorkOrder:
    """An order written in this request: it has no cost lines or files yet, nothing to read back. The empty
    answers are filled in as ``with_children`` fills the read ones: iterating ``QuerySet.none()`` would compile both
    statements only to find them empty (~7 % of a create)."""
    cache: dict[str, Any] = {}
    empty: Any
    for name, empty in (("cost_lines", CostLine.objects.none()), ("attachments", Attachment.objects.none())):
        empty._result_cache = []
        empty._prefetch_done = True
        cache[name] = empty
    order.__dict__["_prefetched_objects_cache"] = cache
    return order


def follow_ups_of(order: WorkOrder) -> list[WorkOrderFollowUp]:
    """The follow-ups of an order the caller has fetched through these selectors (not scoped again), authors joined."""
    return _FOLLOW_UPS.all(order=order.pk)


def work_order_details(*, actor: Any) -> QuerySet[WorkOrder]:
    """Orders in scope with everything a detail answer shows."""
    return _with_details(_scoped(actor))


def get_work_order(*, actor: Any, pk: Any) -> WorkOrder:
    """The order in the actor's scope with its cost lines and files (``visible_order``), or a 404."""
    order = visible_order(actor=actor, pk=pk)
    if order is None:
        raise Http404
    return with_children(order)


# Answers that show the order even when the actor no longer sees it (see ``get_work_order_for_answer``).
CREATED = "create"
_ANSWERED_WHATEVER_THE_SCOPE = {CREATED, "return"}


def get_work_order_for_answer(*, actor: Any, pk: Any, action: str) -> WorkOrder:
    """The order to answer the request that just did ``action`` on it (``CREATED`` or a workflow action).

    Scoped like every read, except for two answers: a technician who returns an order is no longer its assignee
    (so no longer sees it), and an order auto-dispatched on creation is assigned to someone else, so an agent who
    sees only their assigned orders would not see what they just created. In both cases the actor acted on this
    very order in this request (it was fetched through ``get_work_order`` or created by them), so answering with
    it discloses nothing; every later read is scoped again.
    """
    if action in _ANSWERED_WHATEVER_THE_SCOPE:
        order = _order_by_id(pk)
        if order is None:
            raise WorkOrder.DoesNotExist
        return with_children(order)
    return get_work_order(actor=actor, pk=pk)


def list_attachments(*, actor: Any) -> QuerySet[Attachment]:
    """Files on the orders the actor can see."""
    visible = list_work_orders(actor=actor).values("pk")
    return Attachment.objects.filter(work_order__in=visible).select_related("work_order")


def reopen_deadline(order: WorkOrder, reopen_days: int) -> datetime.datetime | None:
    done = order.closed_at or order.completed_at
    return done + datetime.timedelta(days=reopen_days) if done else None


_SERVICE_SETTINGS = Prepared(lambda project: ServiceSettings.objects.filter(project_id=project).order_by("pk")[:1], project=int)


def service_settings(project_id: int) -> ServiceSettings:
    """The project's service settings, or an unsaved row holding the defaults."""
    return _SERVICE_SETTINGS.one(project=project_id) or ServiceSettings(project_id=project_id)


def open_load(user_ids: list[int], *, project_ids: set[int] | None = None) -> dict[int, int]:
    """Open orders (dispatched … on hold) per assignee, in one query; only in ``project_ids`` when given (a count
    shown to a user covers the projects they see; dispatch weighs the whole load)."""
    queryset = WorkOrder.objects.filter(assignee_id__in=user_ids, status__in=OPEN_STATUSES)
    if project_ids is not None:
        queryset = queryset.filter(project_id__in=project_ids)
    rows = queryset.values("assignee_id").annotate(n=Count("id")).order_by()
    return {row["assignee_id"]: row["n"] for row in rows}


def list_categories(*, include_inactive: bool = False) -> QuerySet[Category]:
    """Not scoped: the service-category tree is a company-wide reference table."""
    queryset = Category.objects.select_related("parent")
    return queryset if include_inactive else queryset.filter(is_active=True)


_ACTIVE_CATEGORY = Prepared(lambda pk: Category.objects.select_related("parent").filter(is_active=True, pk=pk), pk=int)


def find_active_category(*, actor: Any, pk: int) -> Category | None:
    """The category if ``list_categories()`` holds it (active), else ``None`` (a create reads it every time)."""
    return _ACTIVE_CATEGORY.one(pk=pk)


def category_warranty_item(category: Category | None) -> str:
    """The category's warranty item, inherited from the nearest ancestor that has one."""
    seen = 0
    while category is not None and seen < 10:
        if category.warranty_item:
            return category.warranty_item
        category = category.parent
        seen += 1
    return ""


def list_technicians(*, actor: Any) -> QuerySet[Technician]:
    """Technicians who work in at least one of the actor's projects (or everyone for an all-projects actor)."""
    queryset = Technician.objects.select_related("user", "team", "contractor").prefetch_related(
        "skills__category", "projects", "buildings"
    )
    ids = visible_project_ids(actor)
    if ids is None:
        return queryset
    return queryset.filter(Q(projects__id__in=ids) | Q(buildings__project_id__in=ids)).distinct()


def list_teams() -> QuerySet[Team]:
    """Not scoped: teams are a company-wide reference table (names only)."""
    return Team.objects.all()


def list_technician_candidates() -> QuerySet[Any]:
    """Active users with the technician role and no technician profile yet. Not scoped: the people a
    technician-manager may make a technician of (their projects are set on the profile)."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name="technician", technician__isnull=True)
        .order_by("username")
        .distinct()
    )


def technician_loads(*, actor: Any) -> dict[int, int]:
    """Open orders per technician, counted in the projects the actor sees."""
    return open_load(list(Technician.objects.values_list("user_id", flat=True)), project_ids=visible_project_ids(actor))


def get_technician(*, actor: Any, pk: Any) -> Technician:
    return get_object_or_404(list_technicians(actor=actor), pk=pk)
