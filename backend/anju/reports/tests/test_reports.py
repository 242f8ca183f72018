"""The report centre against a hand-counted history (``factories.history``): figures, drill-downs that list exactly
what a row counted, scope, permissions, bad input and the Excel export."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook

from anju.reports.catalog import REPORTS
from anju.reports.tests.factories import PERIOD, History, history

pytestmark = pytest.mark.django_db

# the column a report's rows count (the figure its drill-down list must equal)
COUNTED = {
    "repairs": "count",
    "technician_efficiency": "completed",
    "department_performance": "count",
    "complaints": "count",
    "satisfaction": "visits",
    "hot_spots": "count",
}


@pytest.fixture
def past(desk: Any) -> History:
    return history(desk)


def _get(client: Any, key: str, **params: Any) -> Any:
    return client.get(f"/api/v1/reports/{key}/", {**PERIOD, **params})


def _by_label(response: Any) -> dict[str, dict[str, Any]]:
    assert response.status_code == 200, response.content
    return {row["label"]: row for row in response.json()["rows"]}


def test_every_report_of_the_contract_is_listed(past: History, client_for: Any) -> None:
    listed = client_for(past.desk.supervisor).get("/api/v1/reports/").json()
    assert [r["key"] for r in listed] == [
        "repairs",
        "technician_efficiency",
        "department_performance",
        "complaints",
        "satisfaction",
        "hot_spots",
    ]
    assert all(r["columns"] and r["dimensions"] for r in listed)


def test_technician_efficiency_in_working_time_across_the_national_day_holiday(past: History, client_for: Any) -> None:
    rows = _by_label(_get(client_for(past.desk.supervisor), "technician_efficiency"))
    plumber = rows["plumber"]
    # o1: dispatched 09-30 17:00, accepted 10-08 10:00 → 60 min on 09-30 + 60 min on 10-08 (10-01 … 10-07 are rest days)
    # o2: dispatched 11-02 09:00, accepted 10:00 → 60 min.
    assert (plumber["completed"], plumber["respond_avg"], plumber["respond_p90"]) == (2, 90.0, 120)
    # arrival: o1 60 + 120 (10-08 09:00-11:00) = 180; o2 09:00-14:00 less the lunch hour = 240
    assert (plumber["arrive_avg"], plumber["arrive_p90"]) == (210.0, 240)
    # resolution from creation: o1 120 (09-30) + 300 (10-08 09-12, 13-15) = 420; o2 480 (11-02 from 09:00) + 60 = 540
    assert (plumber["resolve_avg"], plumber["resolve_p90"]) == (480.0, 540)
    # SLA: o1's three targets met late, o2's three on time; visits scored 5 and 2; o5 (August) not counted
    assert (plumber["sla_finished"], plumber["sla_percent"], plumber["visits"], plumber["satisfaction"]) == (6, 50.0, 2, 3.5)
    assert plumber["rework_percent"] == 0.0
    painter = rows["painter"]
    assert (painter["completed"], painter["respond_avg"], painter["resolve_avg"], painter["rework_percent"]) == (
        1,
        30.0,
        360.0,
        100.0,
    )
    totals = _get(client_for(past.desk.supervisor), "technician_efficiency").json()["totals"]
    assert (totals["completed"], totals["respond_avg"], totals["sla_finished"], totals["sla_percent"]) == (3, 70.0, 9, 66.7)
    assert "tech_b" not in rows  # project B's technician never appears for project A's supervisor


def test_repairs_by_category_month_and_channel(past: History, client_for: Any) -> None:
    client = client_for(past.desk.supervisor)
    response = _get(client, "repairs", by="category")
    rows = _by_label(response)
    assert {label: row["count"] for label, row in rows.items()} == {"给水管道": 2, "卫生间渗漏": 1, "墙面涂料": 1}
    totals = response.json()["totals"]
    # 4 orders; o4 open; o1, o2, o3 finished, o3 reopened once → first-time fix 2 of 3, reopen 1 of 4
    assert (totals["count"], totals["open"], totals["finished"], totals["first_time_fix_percent"], totals["reopen_percent"]) == (
        4,
        1,
        3,
        66.7,
        25.0,
    )
    months = _by_label(_get(client, "repairs", by="month"))
    assert {m: r["count"] for m, r in months.items()} == {"2026-09": 1, "2026-10": 1, "2026-11": 2}
    assert (
        "created_from=2026-10-01" in months["2026-10"]["drilldown"] and "created_to=2026-10-31" in months["2026-10"]["drilldown"]
    )
    assert {r["key"]: r["count"] for r in _by_label(_get(client, "repairs", by="channel")).values()} == {"phone": 4}


def test_department_league_complaints_satisfaction_and_hot_spots(past: History, client_for: Any) -> None:
    client = client_for(past.desk.supervisor)
    departments = _by_label(_get(client, "department_performance"))
    engineering = departments["工程部"]
    # the four repairs; resolution targets: o1 late, o2 and o3 on time; the quality complaint maps to 工程部
    assert (engineering["count"], engineering["sla_finished"], engineering["sla_percent"], engineering["complaints"]) == (
        4,
        3,
        66.7,
        1,
    )
    assert engineering["rank"] == 1 and engineering["satisfaction"] == 3.5

    complaints = _get(client, "complaints", by="category").json()
    assert {r["key"]: (r["count"], r["serious"], r["escalated"]) for r in complaints["rows"]} == {
        "quality": (1, 1, 1),
        "service": (1, 0, 0),
    }
    assert (complaints["totals"]["count"], complaints["totals"]["repeat_complainants"]) == (2, 1)  # 张三 complained twice

    satisfaction = _get(client, "satisfaction", by="technician").json()
    assert [(r["label"], r["visits"], r["satisfaction"], r["low_scores"]) for r in satisfaction["rows"]] == [
        ("plumber", 2, 3.5, 1)
    ]
    low = client.get(satisfaction["totals"]["low_drilldown"]).json()
    assert [row["satisfaction"] for row in low["results"]] == [2]

    spots = _by_label(_get(client, "hot_spots"))
    assert {label: (r["count"], r["reworked"]) for label, r in spots.items()} == {
        "1号楼 · 给水管道": (2, 0),
        "1号楼 · 卫生间渗漏": (1, 0),
        "1号楼 · 墙面涂料": (1, 1),
    }
    floors = _by_label(_get(client, "hot_spots", by="floor", building=past.desk.world.building_a.id))
    assert sum(r["count"] for r in floors.values()) == 4 and all("floor=1" in r["drilldown"] for r in floors.values())


@pytest.mark.parametrize("key", list(REPORTS))
def test_each_row_drills_down_to_exactly_what_it_counted(past: History, client_for: Any, key: str) -> None:
    client = client_for(past.desk.supervisor)
    report = REPORTS[key]
    checked = 0
    for by in report.dimensions:
        extra = {"building": past.desk.world.building_a.id} if by == "floor" else {}
        data = _get(client, key, by=by, **extra).json()
        for row in [*data["rows"], data["totals"]]:
            if row.get("drilldown") and row.get(COUNTED[key]) is not None:
                listed = client.get(row["drilldown"])
                assert listed.status_code == 200, row["drilldown"]
                assert listed.json()["count"] == row[COUNTED[key]], (by, row)
                checked += 1
    assert checked >= 2


@pytest.mark.parametrize("key", list(REPORTS))
def test_another_projects_reader_sees_only_its_own_project(past: History, client_for: Any, key: str) -> None:
    world = past.desk.world
    reader_b = world.user("supervisor_b", role="service_supervisor", projects=[world.project_b])
    client = client_for(reader_b)
    data = _get(client, key).json()
    counted = [row[COUNTED[key]] or 0 for row in data["rows"]]
    expected = {
        "repairs": 1,
        "technician_efficiency": 1,
        "department_performance": 1,
        "satisfaction": 1,
        "complaints": 0,
        "hot_spots": 1,
    }
    assert sum(counted) == expected[key]  # only project B's order ob (and its visit)
    assert _get(client, key, project=world.project_a.id).status_code == 404
    assert _get(client, key, building=world.building_a.id).status_code == 404
    assert client.get(f"/api/v1/reports/{key}/export/", {**PERIOD, "project": world.project_a.id}).status_code == 404
    for row in data["rows"]:
        if row["drilldown"]:
            assert client.get(row["drilldown"]).json()["count"] == row[COUNTED[key]]


def test_project_and_building_filters_and_the_previous_period(past: History, client_for: Any) -> None:
    world = past.desk.world
    client = client_for(world.admin)  # every project
    everything = _get(client, "repairs", by="project").json()
    assert {r["label"]: r["count"] for r in everything["rows"]} == {"项目A": 4, "项目B": 1}
    only_a = _get(client, "repairs", project=world.project_a.id).json()
    assert only_a["totals"]["count"] == 4 and f"project={world.project_a.id}" in only_a["totals"]["drilldown"]
    only_b_building = _get(client, "repairs", building=world.building_b.id).json()
    assert only_b_building["totals"]["count"] == 1
    wrong = client_for(world.admin, language="en").get(
        "/api/v1/reports/repairs/", {**PERIOD, "project": world.project_a.id, "building": world.building_b.id}
    )
    assert wrong.status_code == 400 and "building" in wrong.json()["fields"]
    # compare: September to November (three whole months) with June to August, which holds o5 (August)
    compared = _get(client, "repairs", compare="true").json()
    assert compared["previous"]["date_from"] == "2026-06-01" and compared["previous"]["date_to"] == "2026-08-31"
    assert compared["previous"]["totals"]["count"] == 1
    # any other period: as many days before
    days = _get(client, "repairs", date_from="2026-09-10", date_to="2026-09-19", compare="true").json()["previous"]
    assert (days["date_from"], days["date_to"]) == ("2026-08-31", "2026-09-09")
    january = _get(client, "repairs", date_from="2026-01-01", date_to="2026-01-31", compare="true").json()["previous"]
    assert (january["date_from"], january["date_to"]) == ("2025-12-01", "2025-12-31")


@pytest.mark.parametrize(
    ("params", "field", "zh"),
    [
        ({"date_from": "2026-11-30", "date_to": "2026-09-01"}, "date_to", "结束日期不能早于开始日期"),
        ({"date_from": "2026-02-30"}, "date_from", "日期"),
        ({"date_from": "2020-01-01", "date_to": "2026-01-01"}, "date_from", "三年"),
        ({"by": "moon"}, "by", "请选择"),
        ({"project": "abc"}, "project", ""),
    ],
)
def test_bad_input_is_a_400_naming_the_parameter_in_both_languages(
    past: History, client_for: Any, params: dict[str, str], field: str, zh: str
) -> None:
    for language in ("zh-hans", "en"):
        response = client_for(past.desk.supervisor, language=language).get("/api/v1/reports/repairs/", params)
        assert response.status_code == 400, response.content
        body = response.json()
        assert field in body["fields"]
        if language == "zh-hans" and zh:
            assert zh in body["message"], body
        if language == "en":
            assert body["message"].isascii()


def test_a_compared_period_the_lists_refuse_is_a_400_not_a_permission_error(past: History, client_for: Any) -> None:
    response = _get(client_for(past.desk.supervisor), "repairs", date_from="1900-01-01", date_to="1900-01-31", compare="true")
    assert response.status_code == 400, response.content
    assert response.json()["code"] != "auth.permission_denied"


def test_floor_hot_spots_need_a_building_and_an_unknown_report_is_a_404(past: History, client_for: Any) -> None:
    client = client_for(past.desk.supervisor, language="en")
    assert _get(client, "hot_spots", by="floor").json()["fields"] == {"building": ["Choose a building to see its floors."]}
    missing = client.get("/api/v1/reports/moon/")
    assert missing.status_code == 404 and missing.json()["message"] == "There is no such report."
    assert client_for(past.desk.supervisor, language="zh-hans").get("/api/v1/reports/moon/").json()["message"] == "没有这个报表。"
    assert client.get("/api/v1/reports/moon/export/").status_code == 404


def test_permissions_agents_and_technicians_have_no_report_centre(past: History, client_for: Any, anon: Any) -> None:
    assert anon.get("/api/v1/reports/").status_code == 401
    for user in (past.desk.agent, past.desk.plumber_user):
        assert client_for(user).get("/api/v1/reports/").status_code == 403
        assert _get(client_for(user), "repairs").status_code == 403
    manager = past.desk.world.user("manager", role="management", all_projects=True)
    assert _get(client_for(manager), "technician_efficiency").status_code == 200
    # the report permission without the list it counts: refused, and the report is not offered
    only_reports = past.desk.world.user("only_reports", permissions=["reports.view_report"])
    assert client_for(only_reports).get("/api/v1/reports/").json() == []
    assert _get(client_for(only_reports), "repairs").status_code == 403


def test_export_is_the_table_with_a_total_row(past: History, client_for: Any) -> None:
    response = client_for(past.desk.supervisor, language="zh-hans").get("/api/v1/reports/technician_efficiency/export/", PERIOD)
    assert response.status_code == 200
    assert (
        response["Content-Disposition"] == 'attachment; filename="anju-report-technician_efficiency-2026-09-01-2026-11-30.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][:4] == ["维修人员", "班组", "外包单位", "完成工单"]
    assert values[1][0] == "plumber" and values[1][3] == 2
    assert values[-1][0] == "合计" and values[-1][3] == 3


def test_complaint_stage_durations_are_working_minutes_counted_by_hand(past: History, client_for: Any) -> None:
    """c1 (quality, received Tue 10-20 10:00): apologised 11:30, investigating 14:00, replied Fri 10-23 10:00,
    confirmed Mon 10-26 09:30, closed 10:00. c2 (service, received Fri 11-20 10:00): apologised 10:30, still there.
    Working hours 09:00-12:00 and 13:00-18:00, weekends off:
    - received: c1 10:00→11:30 = 90; c2 10:00→10:30 = 30 → average 60, P90 90 (nearest rank of 2 values)
    - apologised: c1 11:30→12:00 + 13:00→14:00 = 90 (c2 has not left it: not counted)
    - investigating: c1 10-20 14:00→18:00 240 + 10-21 480 + 10-22 480 + 10-23 09:00→10:00 60 = 1260
    - replied: c1 10-23 10:00→18:00 (lunch out) 420 + weekend 0 + 10-26 09:00→09:30 30 = 450
    - confirmed: c1 09:30→10:00 = 30"""
    from django.contrib.contenttypes.models import ContentType

    from anju.complaints.workflow import WORKFLOW, ComplaintAction
    from anju.core.models import Event
    from anju.reports.tests.factories import at
    from anju.workorders.models import WorkOrder

    steps = {
        past.c1: [
            (ComplaintAction.APOLOGISE, at(10, 20, 11, 30)),
            (ComplaintAction.INVESTIGATE, at(10, 20, 14)),
            (ComplaintAction.ESCALATE, at(10, 21, 9)),  # keeps the stage: no stint ends here
            (ComplaintAction.REPLY, at(10, 23, 10)),
            (ComplaintAction.CONFIRM, at(10, 26, 9, 30)),
            (ComplaintAction.CLOSE, at(10, 26, 10)),
        ],
        past.c2: [(ComplaintAction.APOLOGISE, at(11, 20, 10, 30))],
    }
    kind = ContentType.objects.get_for_model(WorkOrder)
    for case, actions in steps.items():
        current = case
        for action, when in actions:
            current = WORKFLOW.perform(action, current, past.desk.supervisor, reason="处理说明")
            latest = Event.objects.filter(target_type=kind, target_id=current.work_order_id).latest("id")
            Event.objects.filter(pk=latest.pk).update(occurred_at=when)
    answer = _get(client_for(past.desk.supervisor), "complaints", by="category").json()
    totals = answer["totals"]
    assert (totals["received_avg"], totals["received_p90"]) == (60.0, 90)
    assert (totals["apologised_avg"], totals["apologised_p90"]) == (90.0, 90)
    assert (totals["investigating_avg"], totals["replied_avg"], totals["confirmed_avg"]) == (1260.0, 450.0, 30.0)
    rows = {r["key"]: r for r in answer["rows"]}
    assert (rows["quality"]["received_avg"], rows["quality"]["replied_p90"]) == (90.0, 450)
    assert (rows["service"]["received_avg"], rows["service"]["apologised_avg"]) == (30.0, None)
    listed = client_for(past.desk.supervisor).get("/api/v1/reports/").json()
    columns = [c["key"] for c in next(r for r in listed if r["key"] == "complaints")["columns"]]
    assert "investigating_avg" in columns and "confirmed_p90" in columns
