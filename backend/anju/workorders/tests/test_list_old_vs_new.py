"""Differential guard: the work-order list (plain values, search cap) against the old serializer path, for five roles and ~75
odd query strings, on whichever database runs the tests: same status and JSON; technicians see only their orders,
an agent of project B only B's."""

from __future__ import annotations

import pytest
from django.utils import timezone

from anju.workorders import selectors
from anju.workorders.api import serializers as s
from anju.workorders.api.views import WorkOrderViewSet
from anju.workorders.models import WorkOrder
from anju.workorders.services import transitions

pytestmark = pytest.mark.django_db


def _old_list(self, request):
    page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
    orders = list(page)
    stages = selectors.complaint_stages([o.pk for o in orders])
    for order in orders:
        order.complaint_stage = stages.get(order.pk)
    return self.get_paginated_response([dict(s.WorkOrderSerializer(o).data) for o in orders])


QUERIES = [
    "",
    "q=漏水",
    "q=%20%20",
    "q=WO",
    "q=13800",
    "q=王",
    "q=ab",
    "q=%E3%80%80",
    "project={a}",
    "project={b}",
    "project=",
    "project={b}&project={a}",
    "project={a}&project={b}",
    "project_x={b}",
    "assignee={plumber}",
    "mine=true",
    "mine=false",
    "status=dispatched",
    "type=complaint",
    "complaint_stage=accepted",
    "ordering=priority",
    "ordering=sla_due_at",
    "ordering=number",
    "ordering=-number",
    "ordering=created_at",
    "page_size=1",
    "page_size=1&page=2",
    "page_size=0",
    "page_size=-1",
    "page_size=abc",
    "page_size=100000",
    "page=0",
    "page=-1",
    "page=abc",
    "page=last",
    "page_size=2&page=last",
    "q=漏水&page_size=1&page=2",
    "category={water}",
    "category_only={water}",
    "floor=1",
    "building={bb}",
    "customer={cb}",
    "unit={ub}",
    "q=%25",
    "q=_",
    "q=%5C",
    "q=%22",
    "q=a%22b%20OR%20c",
    "q=" + "x" * 3000,
    "q=%00",
    "project=%00",
    "q=*",
    "q=%5Eabc",
    "q=abc*",
    "q=number:WO",
    "q=(((",
    "q=%01%02%03",
    "q=%F0%9F%98%80%F0%9F%98%80",
    "q=%ED%A0%80abc",
    "q=NEAR(a b)",
    "q=漏水&page=last",
    "page=1&page=2",
    "q=a&q=",
    "q=&q=漏水",
    "q=%E6%BC%8F%E6%B0%B4%20",
    "ordering=%00",
    "created_from=0001-01-01",
    "created_from=9999-12-31",
    "sla_due_before=2024-01-01T00:00:00%2B99:00",
    "floor=1e400",
    "floor=nan",
    "floor=inf",
]


@pytest.fixture
def orders(desk, world):
    from anju.workorders.services.orders import create_work_order

    made = [desk.repair(), desk.repair(title="约好了", contact_name="王五", contact_phone="13912345678", priority="urgent")]
    transitions.dispatch(actor=desk.supervisor, order=made[1], action="dispatch", technician=desk.plumber)
    made.append(desk.repair(unit=None, building=world.building_a, customer=None, contact_phone=""))
    made.append(desk.repair(type="consultation", category=None, description="咨询 漏水"))
    made.append(desk.repair(type="complaint", category=None, description="投诉漏水"))
    p = desk.repair(description="油漆 漏水")
    transitions.dispatch(actor=desk.supervisor, order=p, action="dispatch", technician=desk.painter)
    made.append(p)
    made.append(
        create_work_order(
            actor=world.admin,
            type="repair",
            unit=world.unit_b,
            customer=world.customer_b,
            category=desk.water,
            description="B项目漏水",
            contact_phone="13900139000",
        )
    )
    WorkOrder.objects.filter(pk=made[2].pk).update(sla_due_at=timezone.now())
    return made


def _fmt(q, world, desk):
    return q.format(
        a=world.project_a.pk,
        b=world.project_b.pk,
        plumber=desk.plumber_user.pk,
        water=desk.water.pk,
        bb=world.building_b.pk,
        cb=world.customer_b.pk,
        ub=world.unit_b.pk,
    )


@pytest.mark.parametrize("who", ["admin", "supervisor", "plumber", "painter", "agent_b"])
def test_new_equals_old(*, orders, desk, world, client_for, monkeypatch, who):
    user = {
        "admin": world.admin,
        "supervisor": desk.supervisor,
        "plumber": desk.plumber_user,
        "painter": desk.painter_user,
        "agent_b": None,
    }[who]
    if user is None:
        user = world.user("agent_b", role="service_agent", projects=[world.project_b])
    client = client_for(user)
    diffs = []
    for q in QUERIES:
        url = "/api/v1/work-orders/?" + _fmt(q, world, desk)
        new = client.get(url)
        with monkeypatch.context() as m:
            m.setattr(WorkOrderViewSet, "list", _old_list)
            old = client.get(url)
        if new.status_code != old.status_code or (new.status_code == 200 and new.json() != old.json()):
            diffs.append(
                (
                    q[:60],
                    new.status_code,
                    old.status_code,
                    new.json() if new.status_code < 500 else None,
                    old.json() if old.status_code < 500 else None,
                )
            )
        if new.status_code == 200 and who in ("plumber", "painter"):
            ids = {r["id"] for r in new.json()["results"]}
            mine = set(WorkOrder.objects.filter(assignee=user).values_list("pk", flat=True))
            assert ids <= mine, (q, ids, mine)
        if new.status_code == 200 and who == "agent_b":
            assert all(r["project"] == world.project_b.pk for r in new.json()["results"]), q
        assert new.status_code < 500, (q, new.status_code)
    assert diffs == []
