"""Sales daily / weekly / monthly reports: the figures of a period, per consultant and per day, scoped; the morning
report to each project's supervisors and management."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from anju.notifications.models import Notification
from anju.sales.reports import Period, send_daily_reports
from anju.sales.services import deals as svc
from anju.sales.services import ledger
from conftest import World

pytestmark = pytest.mark.django_db
D = Decimal


def test_given_a_day_when_periods_are_built_then_weeks_start_on_monday_and_months_on_the_first() -> None:
    day = datetime.date(2026, 12, 4)  # a Friday
    assert Period.around("week", day) == Period("week", datetime.date(2026, 11, 30), datetime.date(2026, 12, 6))
    assert Period.around("month", day) == Period("month", datetime.date(2026, 12, 1), datetime.date(2026, 12, 31))
    assert Period.around("month", datetime.date(2028, 2, 10)).end == datetime.date(2028, 2, 29)
    assert Period.around("day", day).days() == [day]


def test_given_todays_deals_when_the_daily_report_is_read_then_every_figure_adds_up(
    world: World, deals: Any, client_for: Any
) -> None:
    today = timezone.localdate()
    deals.subscribe(1)
    contract = deals.sign(2, payment_plan="commercial_loan", loan_amount=D("2000000.00"))
    ledger.record_receipt(actor=deals.finance, contract=contract, amount=D("1000000.00"), occurred_on=today, method="transfer")
    ledger.post_loan_disbursement(actor=deals.finance, contract=contract, amount=D("2000000.00"), occurred_on=today)
    sub3 = deals.subscribe(3)
    svc.cancel_subscription(actor=deals.sales, subscription=sub3, reason="放弃")
    report = client_for(deals.sales).get("/api/v1/sales-reports/", {"period": "day", "project": world.project_a.id}).json()
    totals = report["totals"]
    assert totals["subscriptions"] == 2 and totals["subscription_amount"] == "6000000.00"
    assert totals["contracts"] == 1 and totals["contract_area"] == "100.00" and totals["contract_amount"] == "3000000.00"
    assert totals["cancellations"] == 1
    assert totals["received"] == "1000000.00" and totals["loans_disbursed"] == "2000000.00"
    assert report["by_consultant"][0]["consultant"] == deals.sales.pk
    assert [d["contracts"] for d in report["series"]] == [1]
    assert report["series"][0]["received"] == "1000000.00" and report["series"][0]["loans_disbursed"] == "2000000.00"
    week = client_for(deals.sales).get("/api/v1/sales-reports/", {"period": "week"}).json()
    assert len(week["series"]) == 7 and week["totals"]["contracts"] == 1
    other = client_for(world.user("sales_pb", role="sales_consultant", projects=[world.project_b]))
    assert other.get("/api/v1/sales-reports/").json()["totals"]["contracts"] == 0
    assert client_for(deals.sales).get("/api/v1/sales-reports/", {"period": "year"}).status_code == 400
    export = client_for(deals.sales).get("/api/v1/sales-reports/export/", {"period": "month"})
    assert export.status_code == 200 and export.content[:2] == b"PK"


def test_given_yesterdays_deals_when_the_morning_report_runs_then_supervisors_and_management_get_it_once(
    world: World, deals: Any
) -> None:
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    deals.sign(1, signed_on=yesterday)
    assert send_daily_reports() == 2  # the supervisor and the manager of project A
    assert send_daily_reports() == 0
    note = Notification.objects.get(recipient=deals.supervisor, kind="sales.daily_report")
    assert yesterday.isoformat() in note.title and "3,000,000.00" in note.body
