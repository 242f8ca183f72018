"""Permission-matrix rows of the report centre (collected by ``tests.matrix.app_rows``). A report also needs the
permission of the list it counts: the allowed user is given it (``arrange``); without it the report is a 403
(``test_reports.test_permissions_agents_and_technicians_have_no_report_centre``)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Permission

from conftest import World
from tests.matrix import Op


def _may_list_orders(world: World, user: Any, prepared: dict[str, Any]) -> None:
    user.user_permissions.add(Permission.objects.get(content_type__app_label="workorders", codename="view_workorder"))


def _subscription(world: World) -> dict[str, Any]:
    from anju.reports.models import ReportSubscription

    made = ReportSubscription.objects.create(owner=world.admin, report_key="repairs", schedule="weekly", by="category")
    return {"id": made.pk, "body": {"active": False}}


def _own_it(world: World, user: Any, prepared: dict[str, Any]) -> None:
    """A subscription is its owner's alone (another user's is a 404): the allowed user owns it."""
    from anju.reports.models import ReportSubscription

    ReportSubscription.objects.filter(pk=prepared["id"]).update(owner=user)


def _summary(world: World) -> dict[str, Any]:
    return {"id": world.project_a.pk}


OPS = [
    Op("GET", "/api/v1/reports/", "reports.view_report"),
    Op("GET", "/api/v1/reports/{key}/", "reports.view_report", prepare=lambda w: {"id": "repairs"}, arrange=_may_list_orders),
    Op(
        "GET",
        "/api/v1/reports/{key}/export/",
        "reports.view_report",
        prepare=lambda w: {"id": "technician_efficiency"},
        arrange=_may_list_orders,
    ),
    Op("GET", "/api/v1/report-subscriptions/", "reports.view_report"),
    Op(
        "POST",
        "/api/v1/report-subscriptions/",
        "reports.view_report",
        ok=201,
        prepare=lambda w: {"body": {"report": "repairs", "schedule": "daily"}},
    ),
    Op("GET", "/api/v1/report-subscriptions/{id}/", "reports.view_report", prepare=_subscription, arrange=_own_it),
    Op("PATCH", "/api/v1/report-subscriptions/{id}/", "reports.view_report", prepare=_subscription, arrange=_own_it),
    Op("DELETE", "/api/v1/report-subscriptions/{id}/", "reports.view_report", ok=204, prepare=_subscription, arrange=_own_it),
    Op(
        "GET",
        "/api/v1/work-summary/?project={id}&date=2026-11-02",
        "reports.view_report",
        prepare=_summary,
        scoped=True,
        arrange=_may_list_orders,
    ),
    Op(
        "GET",
        "/api/v1/work-summary/pdf/?project={id}&kind=month&date=2026-11-02",
        "reports.view_report",
        prepare=_summary,
        scoped=True,
        arrange=_may_list_orders,
    ),
]
