"""SLA API: clocks per visible order, policy and calendar edits with clear 400s."""

from __future__ import annotations

from typing import Any

import pytest

from anju.sla.models import CalendarDay, SlaPolicy

pytestmark = pytest.mark.django_db


def test_clocks_of_visible_orders_only(desk: Any, client_for: Any) -> None:
    mine = desk.repair(priority="urgent")
    client = client_for(desk.agent)
    rows = client.get(f"/api/v1/sla/clocks/?work_order={mine.id}").json()
    assert {r["target"] for r in rows} == {"respond", "onsite", "resolve"}
    assert all(r["work_order"] == mine.id and r["state"] in {"running", "warning"} for r in rows)
    outsider = desk.world.user("outsider_sla", role="service_agent", projects=[desk.world.project_b])
    assert client_for(outsider).get(f"/api/v1/sla/clocks/?work_order={mine.id}").json() == []
    assert client.get("/api/v1/sla/clocks/?work_order=abc").status_code == 400
    assert client.get("/api/v1/sla/clocks/").json() == []


def test_a_plain_clock_row_is_what_the_serializer_gives(desk: Any) -> None:
    """``clock_row`` (the detail screen, ``/sla/clocks/``) against ``SlaClockSerializer``: running, met and paused."""
    import datetime

    from django.utils import timezone

    from anju.sla import selectors
    from anju.sla.api.serializers import SlaClockSerializer, clock_row
    from anju.sla.models import SlaClock

    order = desk.repair(priority="urgent")
    clocks = list(SlaClock.objects.filter(work_order=order).order_by("id"))
    SlaClock.objects.filter(pk=clocks[0].pk).update(met_at=timezone.now() - datetime.timedelta(minutes=3))
    SlaClock.objects.filter(pk=clocks[1].pk).update(paused_since=timezone.now() - datetime.timedelta(minutes=7))
    wt = selectors.working_time()
    rows = [{"work_order": c.work_order_id, **selectors.describe(c, wt)} for c in SlaClock.objects.filter(work_order=order)]
    assert {row["state"] for row in rows} >= {"met", "paused"}
    assert [clock_row(row) for row in rows] == SlaClockSerializer(rows, many=True).data


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_policy_input_is_checked(desk: Any, client_for: Any, language: str) -> None:
    client = client_for(desk.world.admin, language=language)
    body = {"order_type": "repair", "priority": "low", "respond_minutes": 600, "resolve_minutes": 60}
    response = client.post("/api/v1/sla/policies/", body, format="json")
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["resolve_minutes"]
    duplicate = client.post("/api/v1/sla/policies/", {**body, "resolve_minutes": 6000}, format="json")
    assert duplicate.status_code == 400  # the seeded company-wide repair/low policy exists
    assert duplicate.json()["code"] == "sla.duplicate_policy"


def test_company_wide_policies_cannot_be_deleted(desk: Any, client_for: Any) -> None:
    default = SlaPolicy.objects.get(order_type="repair", priority="normal", project__isnull=True)
    response = client_for(desk.supervisor).delete(f"/api/v1/sla/policies/{default.id}/")
    assert response.status_code == 400
    assert SlaPolicy.objects.filter(pk=default.pk).exists()


def test_calendar_days_and_working_hours(desk: Any, client_for: Any) -> None:
    client = client_for(desk.world.admin)
    national_day = client.get("/api/v1/sla/calendar/?year=2026").json()
    assert {"date": "2026-10-10", "kind": "make_up", "name": "国庆节调休"} in [
        {k: d[k] for k in ("date", "kind", "name")} for d in national_day
    ]
    again = client.post("/api/v1/sla/calendar/", {"date": "2026-10-01", "kind": "rest"}, format="json")
    assert again.status_code == 400 and again.json()["code"] == "sla.duplicate_day"
    assert CalendarDay.objects.filter(date="2026-10-01").count() == 1
    bad = client.put(
        "/api/v1/sla/working-hours/",
        {
            "morning_start": "09:00",
            "morning_end": "14:00",
            "afternoon_start": "13:00",
            "afternoon_end": "18:00",
            "weekend_days": [6, 7],
        },
        format="json",
    )
    assert bad.status_code == 400 and "afternoon_start" in bad.json()["fields"]
    ok = client.put(
        "/api/v1/sla/working-hours/",
        {
            "morning_start": "08:30",
            "morning_end": "12:00",
            "afternoon_start": "13:00",
            "afternoon_end": "17:30",
            "weekend_days": [7, 6, 7],
        },
        format="json",
    )
    assert ok.status_code == 200 and ok.json()["weekend_days"] == [6, 7]


def test_board_lists_running_clocks_soonest_first(desk: Any, client_for: Any) -> None:
    import datetime as dt

    from django.utils import timezone

    from anju.sla.models import SlaClock

    urgent = desk.repair(priority="urgent")
    normal = desk.repair(priority="normal")
    SlaClock.objects.filter(work_order=normal, target="respond").update(due_at=timezone.now() - dt.timedelta(hours=1))
    client = client_for(desk.agent)
    rows = client.get("/api/v1/sla/board/").json()["results"]
    assert (rows[0]["number"], rows[0]["target"], rows[0]["state"]) == (normal.number, "respond", "overdue")
    assert rows[1]["number"] == urgent.number and rows[1]["target"] == "respond"
    overdue = client.get("/api/v1/sla/board/?overdue=true").json()
    assert overdue["count"] == 1
    outsider = desk.world.user("board_outsider", role="service_agent", projects=[desk.world.project_b])
    assert client_for(outsider).get("/api/v1/sla/board/").json()["count"] == 0


def test_company_wide_settings_need_a_scope_over_every_project(desk: Any, client_for: Any) -> None:
    """Given a 客服主管 of one project and a system admin bound to one project,
    when either changes a company-wide policy, the calendar or the working day, then it is refused (403)
    and nothing changes; the supervisor still sets their own project's targets."""
    supervisor = client_for(desk.supervisor)
    default = SlaPolicy.objects.get(order_type="repair", priority="normal", project__isnull=True)
    before = default.respond_minutes
    assert supervisor.patch(f"/api/v1/sla/policies/{default.id}/", {"respond_minutes": 1}, format="json").status_code == 403
    body = {"order_type": "repair", "priority": "low", "respond_minutes": 60, "resolve_minutes": 6000}
    assert supervisor.post("/api/v1/sla/policies/", body, format="json").status_code == 403
    own = supervisor.post("/api/v1/sla/policies/", {**body, "project": desk.world.project_a.id}, format="json")
    assert own.status_code == 201
    assert supervisor.post("/api/v1/sla/calendar/", {"date": "2031-05-06", "kind": "rest"}, format="json").status_code == 403
    scoped_admin = client_for(desk.world.user("admin_pa", role="system_admin", projects=[desk.world.project_a]))
    refused = scoped_admin.post("/api/v1/sla/calendar/", {"date": "2031-05-06", "kind": "rest"}, format="json")
    assert refused.status_code == 403 and refused.json()["code"] == "scope.company_wide"
    day = CalendarDay.objects.get(date="2026-10-01")
    assert scoped_admin.delete(f"/api/v1/sla/calendar/{day.id}/").status_code == 403
    assert CalendarDay.objects.filter(pk=day.pk).exists()
    hours = {"morning_start": "08:00", "morning_end": "12:00", "afternoon_start": "13:00", "afternoon_end": "17:00"}
    assert scoped_admin.put("/api/v1/sla/working-hours/", {**hours, "weekend_days": [6, 7]}, format="json").status_code == 403
    assert scoped_admin.patch(f"/api/v1/sla/policies/{default.id}/", {"respond_minutes": 1}, format="json").status_code == 403
    default.refresh_from_db()
    assert default.respond_minutes == before
    assert not CalendarDay.objects.filter(date="2031-05-06").exists()
