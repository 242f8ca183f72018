"""工作总结 against the hand-counted history (``factories.history``) and against the report centre's own totals; the
PDF; scope, permissions and bad input; the Monday/1st delivery to the project's supervisors, once per period."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import override_settings

from anju.notifications.models import Notification, NotificationAttachment
from anju.reports import services
from anju.reports.tests.factories import History, at, history
from anju.workorders.models import WorkOrder

pytestmark = pytest.mark.django_db
URL = "/api/v1/work-summary/"


@pytest.fixture
def past(desk: Any) -> History:
    h = history(desk)
    # due times fixed by hand: o4 (received 10-15, never dispatched) overdue since 10-16 18:00; the done ones in time
    WorkOrder.objects.filter(pk=h.o4.pk).update(sla_due_at=at(10, 16, 18))
    for order in (h.o1, h.o2, h.o3):
        WorkOrder.objects.filter(pk=order.pk).update(sla_due_at=order.completed_at)
    return h


def _figures(body: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    return {f["key"]: (f["value"], f["previous"]) for f in body["figures"]}


def test_november_against_october_counted_by_hand(past: History, client_for: Any) -> None:
    project = past.desk.world.project_a
    response = client_for(past.desk.supervisor).get(URL, {"project": project.pk, "kind": "month", "date": "2026-11-15"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["date_from"], body["date_to"], body["previous_from"], body["previous_to"]) == (
        "2026-11-01",
        "2026-11-30",
        "2026-10-01",
        "2026-10-31",
    )
    figures = _figures(body)
    # received: Nov o2, o3 | Oct o4 (o1 was received 09-30); o3 was reopened once, o4 never finished
    assert figures["received"] == (2, 1)
    assert figures["not_finished"] == (0, 1)
    assert figures["reopen_percent"] == (50.0, 0.0)
    # completed: Nov o2, o3 | Oct o1 (completed 10-08)
    assert figures["completed"] == (2, 1)
    # complaints: c2 (11-20) | c1 (10-20)
    assert figures["complaints"] == (1, 1)
    # return visits: o2 answered 11-04 with 2 (a low score) | o1 answered 10-09 with 5
    assert figures["visits"] == (1, 1)
    assert figures["satisfaction"] == (2.0, 5.0)
    assert figures["low_scores"] == (1, 0)
    # overdue at the end: o4 both times (project B's ob and August's o5 are not counted)
    assert figures["overdue"] == (1, 1)
    assert [o["number"] for o in body["overdue_orders"]] == [past.o4.number]
    assert [(t["label"], t["count"], t["previous"]) for t in body["top_problems"]] == [("给水管道", 1, 0), ("墙面涂料", 1, 0)]
    change = {f["key"]: f["change"] for f in body["figures"]}
    assert (change["received"], change["satisfaction"], change["low_scores"]) == (1, -3.0, 1)


@pytest.mark.parametrize(("kind", "day"), [("month", "2026-11-15"), ("month", "2026-10-01"), ("week", "2026-11-03")])
def test_every_figure_is_the_report_centres_total_for_the_same_period(
    past: History, client_for: Any, kind: str, day: str
) -> None:
    client = client_for(past.desk.supervisor)
    project = past.desk.world.project_a.pk
    body = client.get(URL, {"project": project, "kind": kind, "date": day}).json()
    for period, index in (((body["date_from"], body["date_to"]), 0), ((body["previous_from"], body["previous_to"]), 1)):
        query = {"date_from": period[0], "date_to": period[1], "project": project}
        totals = {
            key: client.get(f"/api/v1/reports/{key}/", query).json()["totals"]
            for key in ("repairs", "technician_efficiency", "complaints", "satisfaction")
        }
        expected = {
            "received": totals["repairs"]["count"],
            "not_finished": totals["repairs"]["open"],
            "reopen_percent": totals["repairs"]["reopen_percent"],
            "completed": totals["technician_efficiency"]["completed"],
            "sla_percent": totals["technician_efficiency"]["sla_percent"],
            "complaints": totals["complaints"]["count"],
            "visits": totals["satisfaction"]["visits"],
            "satisfaction": totals["satisfaction"]["satisfaction"],
            "low_scores": totals["satisfaction"]["low_scores"],
        }
        assert {k: v[index] for k, v in _figures(body).items() if k != "overdue"} == expected
    top = client.get(
        "/api/v1/reports/repairs/", {"date_from": body["date_from"], "date_to": body["date_to"], "project": project}
    ).json()["rows"]
    assert [(t["label"], t["count"]) for t in body["top_problems"]] == [(r["label"], r["count"]) for r in top[:5]]


def test_the_pdf_download(past: History, client_for: Any) -> None:
    response = client_for(past.desk.supervisor).get(
        f"{URL}pdf/", {"project": past.desk.world.project_a.pk, "kind": "week", "date": "2026-11-03"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content.startswith(b"%PDF") and b"STSong-Light" in response.content


@pytest.mark.parametrize(
    ("params", "field", "texts"),
    [
        ({"kind": "year"}, "kind", ("请选择", "Choose one of")),
        ({"date": "2026-13-01"}, "date", ("日期", "valid date")),
        ({"project": "x"}, "project", ("整数", "whole number")),
        ({"project": ""}, "project", ("请选择项目", "Choose a project")),
    ],
)
def test_bad_input_is_a_400_in_both_languages(
    past: History, client_for: Any, params: dict[str, str], field: str, texts: tuple[str, str]
) -> None:
    query = {"project": str(past.desk.world.project_a.pk), **params}
    for language, text in zip(("zh-hans", "en"), texts, strict=True):
        response = client_for(past.desk.supervisor, language=language).get(URL, query)
        assert response.status_code == 400, response.content
        assert text in str(response.json()["fields"][field])


def test_scope_permissions(past: History, client_for: Any, anon: Any) -> None:
    world = past.desk.world
    query = {"project": world.project_a.pk, "kind": "month", "date": "2026-11-01"}
    other = world.user("sup_b", role="service_supervisor", projects=[world.project_b])
    assert client_for(other).get(URL, query).status_code == 404
    assert client_for(other).get(f"{URL}pdf/", query).status_code == 404
    assert anon.get(URL, query).status_code == 401
    assert client_for(past.desk.agent).get(URL, query).status_code == 403


@override_settings(ANJU_NOTIFY_DELIVERY=False)
def test_delivered_on_the_1st_to_the_projects_supervisors_once(past: History) -> None:
    world = past.desk.world
    past.desk.supervisor.email = "sup@example.com"
    past.desk.supervisor.save()
    sup_b = world.user("sup_b", role="service_supervisor", projects=[world.project_b])
    # Tuesday 2026-12-01 09:00: November is due (the week 11-23 … 11-29 too, since Monday 11-30 08:00)
    sent = services.send_work_summaries(now=at(12, 1, 9))
    mine = Notification.objects.filter(recipient=past.desk.supervisor, kind="reports.work_summary")
    assert sorted(n.title for n in mine) == [
        "项目A 周工作总结 2026-11-23 ~ 2026-11-29",
        "项目A 月度工作总结 2026-11-01 ~ 2026-11-30",
    ]
    monthly = mine.get(title__contains="月度")
    assert "报修工单 2（上期 1）" in monthly.body and "热点问题：" in monthly.body
    assert monthly.link == f"/reports/work-summary?project={world.project_a.pk}&kind=month&date=2026-11-01"
    attachment = NotificationAttachment.objects.get(notification=monthly)
    assert attachment.filename.endswith(".pdf") and bytes(attachment.content).startswith(b"%PDF")
    # project B's supervisor gets project B's, not project A's
    assert all("项目B" in n.title for n in Notification.objects.filter(recipient=sup_b))
    assert sent == mine.count() + Notification.objects.filter(recipient=sup_b).count()
    assert services.send_work_summaries(now=at(12, 1, 10)) == 0
    assert services.send_work_summaries(now=at(12, 2, 9)) == 0
