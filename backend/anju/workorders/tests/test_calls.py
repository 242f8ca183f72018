"""拨打: only the assigned technician, only while the order is open, one access-log row per call; a privacy-number
project hands out the provider's number, never the owner's."""

from __future__ import annotations

from typing import Any

import pytest

from anju.core.models import AccessLog, Event
from anju.workorders.models import ServiceSettings, WorkOrder
from anju.workorders.tests.conftest import Desk

pytestmark = pytest.mark.django_db


def _assigned(desk: Desk, status: str = "accepted") -> WorkOrder:
    order = desk.repair()
    WorkOrder.objects.filter(pk=order.pk).update(status=status, assignee=desk.plumber_user)
    return WorkOrder.objects.get(pk=order.pk)


def test_the_assignee_gets_the_number_for_this_call_and_it_is_logged(desk: Desk, client_for: Any) -> None:
    order = _assigned(desk)
    response = client_for(desk.plumber_user).post(f"/api/v1/work-orders/{order.pk}/call/")
    assert response.status_code == 200, response.content
    assert response.json() == {"mode": "direct", "dial": "13800138000", "expires_at": None}
    row = AccessLog.objects.get(object_id=order.pk)
    assert row.actor_id == desk.plumber_user.pk and row.purpose == "上门联系" and row.action == "reveal"
    assert Event.objects.filter(target_id=order.pk, type="work_order.owner_called").exists()
    detail = client_for(desk.plumber_user).get(f"/api/v1/work-orders/{order.pk}/").json()
    assert detail["contact_phone"] == "138****8000"  # the order itself stays masked


def test_a_privacy_number_project_never_hands_out_the_owners_number(desk: Desk, client_for: Any) -> None:
    ServiceSettings.objects.update_or_create(project=desk.world.project_a, defaults={"call_mode": "privacy_number"})
    order = _assigned(desk)
    body = client_for(desk.plumber_user).post(f"/api/v1/work-orders/{order.pk}/call/").json()
    assert body["mode"] == "privacy_number" and body["dial"].startswith("170") and body["dial"] != "13800138000"
    assert body["expires_at"]
    assert AccessLog.objects.get(object_id=order.pk).purpose == "上门联系（隐私号）"


@pytest.mark.parametrize(("who", "status", "code"), [("painter", "accepted", 403), ("plumber", "completed", 409)])
def test_another_technician_or_a_closed_order_cannot_call(desk: Desk, client_for: Any, who: str, status: str, code: int) -> None:
    order = _assigned(desk, status=status)
    user = desk.painter_user if who == "painter" else desk.plumber_user
    response = client_for(user).post(f"/api/v1/work-orders/{order.pk}/call/")
    assert response.status_code in (code, 404), response.content  # another technician does not see the order at all
    assert not AccessLog.objects.filter(object_id=order.pk).exists()


def test_an_agent_without_the_work_permission_is_refused(desk: Desk, client_for: Any, anon: Any) -> None:
    order = _assigned(desk)
    assert client_for(desk.agent).post(f"/api/v1/work-orders/{order.pk}/call/").status_code == 403
    assert anon.post(f"/api/v1/work-orders/{order.pk}/call/").status_code == 401


def test_without_a_contact_number_the_customers_mobile_is_called(desk: Desk, client_for: Any) -> None:
    order = _assigned(desk)
    WorkOrder.objects.filter(pk=order.pk).update(contact_phone="")
    body = client_for(desk.plumber_user).post(f"/api/v1/work-orders/{order.pk}/call/").json()
    assert body["dial"] == "13800138000"  # 张三's mobile
