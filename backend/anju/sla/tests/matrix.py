"""Permission-matrix rows of the SLA API (collected by ``tests.matrix.app_rows``): clocks and the board, policies, the
working calendar (days and years) and working hours. The calendar and working hours are company-wide: changing them
needs a user bound to every project (``scope_all``)."""

from __future__ import annotations

import datetime
from typing import Any

from conftest import World
from tests.matrix import Op


def _sla_policy(w: World) -> dict[str, Any]:
    from anju.sla.models import SlaPolicy

    policy = SlaPolicy.objects.create(
        order_type="repair", priority="low", project=w.project_a, respond_minutes=60, resolve_minutes=600
    )
    return {"id": policy.id, "body": {"resolve_minutes": 900}}


def _calendar_day(w: World) -> dict[str, Any]:
    from anju.sla.models import CalendarDay

    return {"id": CalendarDay.objects.create(date=datetime.date(2030, 1, 1), kind="rest", name="元旦").id}


OPS: list[Op] = [
    Op("GET", "/api/v1/sla/clocks/", "workorders.view_workorder"),
    Op("GET", "/api/v1/sla/board/", "workorders.view_workorder"),
    Op("GET", "/api/v1/sla/policies/", "sla.view_slapolicy"),
    Op("GET", "/api/v1/sla/policies/{id}/", "sla.view_slapolicy", prepare=_sla_policy, scoped=True),
    Op(
        "POST",
        "/api/v1/sla/policies/",
        "sla.add_slapolicy",
        ok=201,
        prepare=lambda w: {
            "body": {
                "order_type": "praise",
                "priority": "low",
                "project": w.project_a.id,
                "respond_minutes": 60,
                "resolve_minutes": 120,
            }
        },
        fk_into_a=True,
    ),
    Op("PATCH", "/api/v1/sla/policies/{id}/", "sla.change_slapolicy", prepare=_sla_policy, scoped=True),
    Op("DELETE", "/api/v1/sla/policies/{id}/", "sla.delete_slapolicy", ok=204, prepare=_sla_policy, scoped=True),
    Op("GET", "/api/v1/sla/calendar/", "sla.view_calendarday"),
    Op(
        "POST",
        "/api/v1/sla/calendar/",
        "sla.add_calendarday",
        ok=201,
        prepare=lambda w: {"body": {"date": "2031-01-01", "kind": "rest", "name": "元旦"}},
        scope_all=True,  # company-wide: the calendar governs every project
    ),
    Op("DELETE", "/api/v1/sla/calendar/{id}/", "sla.delete_calendarday", ok=204, prepare=_calendar_day, scope_all=True),
    Op("GET", "/api/v1/sla/working-hours/", "sla.view_workinghours"),
    Op(
        "PUT",
        "/api/v1/sla/working-hours/",
        "sla.change_workinghours",
        prepare=lambda w: {
            "body": {
                "morning_start": "08:30",
                "morning_end": "12:00",
                "afternoon_start": "13:30",
                "afternoon_end": "17:30",
                "weekend_days": [6, 7],
            }
        },
        scope_all=True,
    ),
    Op("GET", "/api/v1/sla/calendar-years/", "sla.view_calendarday"),
    Op("GET", "/api/v1/sla/calendar-years/{year}/days/", "sla.view_calendarday", prepare=lambda w: {"id": 2030}),
    Op(
        "PUT",
        "/api/v1/sla/calendar-years/{year}/",
        "sla.add_calendarday",
        prepare=lambda w: {"id": 2030, "body": {"official": False, "note": ""}},
        scope_all=True,
    ),
]
