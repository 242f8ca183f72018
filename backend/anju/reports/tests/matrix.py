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
]
