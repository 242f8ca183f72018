"""Report subscriptions (我的订阅): subscribe within one's scope, pause, delete; the scheduled send of each due period
with the Excel file by e-mail and an inbox entry, once per period, re-checked against the owner's scope at send time."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core import mail
from django.test import override_settings
from openpyxl import load_workbook

from anju.core.models import Event
from anju.notifications.models import Notification
from anju.notifications.services import deliver_email
from anju.properties.services import set_user_scope
from anju.reports import services
from anju.reports.models import ReportSubscription, ScheduledSend
from anju.reports.tests.factories import History, at, history

pytestmark = pytest.mark.django_db
URL = "/api/v1/report-subscriptions/"


@pytest.fixture
def past(desk: Any) -> History:
    return history(desk)


def _subscription(past: History, **values: Any) -> ReportSubscription:
    sub = services.subscribe(
        actor=past.desk.supervisor,
        report_key=values.pop("report_key", "technician_efficiency"),
        schedule=values.pop("schedule", "weekly"),
        params={"project": str(past.desk.world.project_a.pk), **values},
    )
    ReportSubscription.objects.filter(pk=sub.pk).update(created_at=at(11, 1, 12))
    sub.refresh_from_db()
    return sub


def test_subscribe_from_a_reports_filters_list_pause_and_delete(past: History, client_for: Any) -> None:
    client = client_for(past.desk.supervisor)
    project = past.desk.world.project_a
    made = client.post(URL, {"report": "repairs", "schedule": "weekly", "project": project.pk, "by": "building"}, format="json")
    assert made.status_code == 201, made.content
    body = made.json()
    assert (body["report"], body["schedule"], body["project"], body["project_name"], body["by"], body["active"]) == (
        "repairs",
        "weekly",
        project.pk,
        project.name,
        "building",
        True,
    )
    # without a grouping, the report's default one
    assert client.post(URL, {"report": "satisfaction", "schedule": "daily"}, format="json").json()["by"] == "project"
    listed = client.get(URL).json()
    assert [s["report"] for s in listed] == ["satisfaction", "repairs"]
    paused = client.patch(f"{URL}{body['id']}/", {"active": False}, format="json")
    assert paused.status_code == 200 and paused.json()["active"] is False
    assert client.delete(f"{URL}{body['id']}/").status_code == 204
    assert not ReportSubscription.objects.filter(pk=body["id"]).exists()
    assert list(
        Event.objects.filter(target_id=body["id"], target_type__model="reportsubscription")
        .values_list("type", flat=True)
        .order_by("id")
    ) == ["record.created", "record.updated", "record.deleted"]


@pytest.mark.parametrize(
    ("payload", "field", "texts"),
    [
        ({"report": "repairs", "schedule": "hourly"}, "schedule", ("不是合法选项", "is not a valid choice")),
        ({"report": "nope", "schedule": "daily"}, "report", ("不是合法选项", "is not a valid choice")),
        ({"report": "repairs", "schedule": "daily", "by": "weather"}, "by", ("请选择", "Choose one of")),
        ({"report": "repairs"}, "schedule", ("该字段是必填项", "This field is required")),
    ],
)
def test_bad_input_is_a_400_in_both_languages_and_nothing_is_saved(
    past: History, client_for: Any, payload: dict[str, Any], field: str, texts: tuple[str, str]
) -> None:
    for language, text in zip(("zh-hans", "en"), texts, strict=True):
        response = client_for(past.desk.supervisor, language=language).post(URL, payload, format="json")
        assert response.status_code == 400, response.content
        assert text in str(response.json()["fields"][field]), response.json()
    assert not ReportSubscription.objects.exists()


def test_scope_another_projects_filter_and_another_users_subscription_are_404(past: History, client_for: Any) -> None:
    world = past.desk.world
    client = client_for(past.desk.supervisor)
    response = client.post(URL, {"report": "repairs", "schedule": "daily", "project": world.project_b.pk}, format="json")
    assert response.status_code == 404
    other = world.user("sup_b", role="service_supervisor", projects=[world.project_b])
    theirs = _subscription(past)
    them = client_for(other)
    assert them.get(URL).json() == []
    assert them.get(f"{URL}{theirs.pk}/").status_code == 404
    assert them.patch(f"{URL}{theirs.pk}/", {"active": False}, format="json").status_code == 404
    assert them.delete(f"{URL}{theirs.pk}/").status_code == 404
    assert ReportSubscription.objects.get(pk=theirs.pk).active


def test_anonymous_401_and_agents_without_the_report_centre_403(past: History, client_for: Any, anon: Any) -> None:
    assert anon.get(URL).status_code == 401
    assert client_for(past.desk.agent).get(URL).status_code == 403
    assert client_for(past.desk.agent).post(URL, {"report": "repairs", "schedule": "daily"}, format="json").status_code == 403


@override_settings(ANJU_NOTIFY_DELIVERY=False)
def test_the_due_week_is_sent_once_with_the_excel_and_a_summary(past: History, client_for: Any) -> None:
    past.desk.supervisor.email = "sup@example.com"
    past.desk.supervisor.save()
    sub = _subscription(past)
    # Monday 2026-11-16 07:00: the week 11-02 … 11-08 is due since Monday 11-09 08:00
    assert services.send_due_subscriptions(now=at(11, 16, 7)) == 1
    note = Notification.objects.get(recipient=past.desk.supervisor, kind="reports.subscription")
    assert "2026-11-02 ~ 2026-11-08" in note.title
    # the same figures as the report screen for that week: o2 completed 11-03 by the plumber
    screen = client_for(past.desk.supervisor).get(
        "/api/v1/reports/technician_efficiency/",
        {"date_from": "2026-11-02", "date_to": "2026-11-08", "project": past.desk.world.project_a.pk},
    )
    assert screen.json()["totals"]["completed"] == 1
    assert note.body.startswith("完成工单 1；") and "时效达成率 % 100.0；" in note.body
    assert note.link == (
        f"/reports/technician_efficiency?date_from=2026-11-02&date_to=2026-11-08&project={past.desk.world.project_a.pk}"
    )
    # a restarted worker, a second run, a run an hour later: nothing more for that week
    assert services.send_due_subscriptions(now=at(11, 16, 7)) == 0
    assert services.send_due_subscriptions(now=at(11, 16, 8, 30)) == 1  # Monday 08:00: the week 11-09 … 11-15
    assert services.send_due_subscriptions(now=at(11, 16, 9)) == 0
    assert Notification.objects.filter(kind="reports.subscription").count() == 2
    assert ScheduledSend.objects.filter(subscription=sub, outcome="sent").count() == 2
    # the e-mails (outbox) carry the spreadsheet with the report's rows and total
    assert deliver_email() == 2
    message = next(m for m in mail.outbox if "2026-11-02" in m.subject)
    (name, content, _type) = message.attachments[0]
    assert name == "anju-report-technician_efficiency-2026-11-02-2026-11-08.xlsx"
    sheet = load_workbook(io.BytesIO(content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[1][0] == "plumber" and values[-1][3] == 1


@override_settings(ANJU_NOTIFY_DELIVERY=False)
def test_a_subscription_made_after_the_send_time_waits_for_the_next_period(past: History) -> None:
    sub = _subscription(past, schedule="daily")
    ReportSubscription.objects.filter(pk=sub.pk).update(created_at=at(11, 16, 9))
    assert services.send_due_subscriptions(now=at(11, 16, 10)) == 0
    assert services.send_due_subscriptions(now=at(11, 17, 8)) == 1
    assert ScheduledSend.objects.get(subscription=sub).date_from.isoformat() == "2026-11-16"


@override_settings(ANJU_NOTIFY_DELIVERY=False)
def test_a_user_who_lost_the_project_or_paused_gets_nothing(past: History) -> None:
    sub = _subscription(past, schedule="monthly")
    paused = _subscription(past, schedule="monthly", report_key="repairs")
    services.set_active(actor=past.desk.supervisor, subscription=paused, active=False)
    set_user_scope(
        actor=None, user=past.desk.supervisor, all_projects=False, city_companies=[], projects=[past.desk.world.project_b]
    )
    assert services.send_due_subscriptions(now=at(12, 1, 9)) == 0
    assert not Notification.objects.filter(kind="reports.subscription").exists()
    assert ScheduledSend.objects.get(subscription=sub).outcome == "skipped"
    assert not ScheduledSend.objects.filter(subscription=paused).exists()


@override_settings(ANJU_NOTIFY_DELIVERY=False)
def test_a_subscription_without_a_project_covers_only_what_the_owner_sees_at_send_time(past: History) -> None:
    sub = services.subscribe(actor=past.desk.supervisor, report_key="repairs", schedule="monthly", params={"by": "project"})
    ReportSubscription.objects.filter(pk=sub.pk).update(created_at=at(10, 1, 12))
    assert services.send_due_subscriptions(now=at(11, 1, 9)) == 1  # October
    note = Notification.objects.get(kind="reports.subscription")
    # project A's October repair: o4 (received 10-15); project B's ob is not the supervisor's
    assert note.body.startswith("工单数 1；未完成 1；")
