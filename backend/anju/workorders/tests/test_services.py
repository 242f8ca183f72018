"""Work-order services: numbering, warranty on create, every transition, guards, timelines."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from anju.core.errors import ApplicationError, ConflictError
from anju.core.events import list_timeline
from anju.core.models import Event
from anju.warranty.models import Contractor, WarrantyResponsibility
from anju.workorders.choices import Status
from anju.workorders.models import ServiceSettings, WorkOrder
from anju.workorders.services import orders, transitions

pytestmark = pytest.mark.django_db


def test_numbers_have_type_prefix_date_and_sequence(desk: Any, today: datetime.date) -> None:
    first = desk.repair()
    second = desk.repair()
    complaint = desk.repair(type="complaint", category=None, description="物业态度差")
    day = timezone.localtime().strftime("%Y%m%d")
    assert (first.number, second.number, complaint.number) == (f"BX{day}-0001", f"BX{day}-0002", f"TS{day}-0001")


def test_warranty_is_decided_on_create(desk: Any, today: datetime.date) -> None:
    water = desk.repair()  # 水电 → electrical_plumbing: 2 years from 2024-06-30
    assert water.warranty_item == "electrical_plumbing"
    assert water.warranty_expires_on == datetime.date(2026, 6, 30)
    assert water.in_warranty is (today <= datetime.date(2026, 6, 30))
    assert water.is_paid is (not water.in_warranty)
    leak = desk.repair(category=desk.bathroom)  # leakage: 5 years
    # 5 years end on Saturday 2029-06-30: the period runs to the Monday after (民法典 第二百零三条)
    assert (leak.warranty_item, leak.warranty_expires_on) == ("leakage", datetime.date(2029, 7, 2))
    assert leak.in_warranty is (today <= datetime.date(2029, 7, 2))
    assert leak.responsible_party == "developer"


def test_the_contractor_configured_for_the_building_is_responsible(desk: Any) -> None:
    roofer = Contractor.objects.create(name="防水工程公司")
    WarrantyResponsibility.objects.create(building=desk.world.building_a, item="leakage", contractor=roofer)
    order = desk.repair(category=desk.bathroom)
    assert (order.responsible_party, order.responsible_contractor) == ("contractor", roofer)


def test_an_undelivered_unit_has_unknown_warranty_and_is_not_charged(desk: Any) -> None:
    desk.world.unit_a.delivery_date = None
    desk.world.unit_a.save()
    order = desk.repair()
    assert (order.in_warranty, order.warranty_expires_on, order.is_paid) == (None, None, False)


def test_contact_phone_is_stored_encrypted_and_shown_masked(desk: Any) -> None:
    order = desk.repair()
    raw = WorkOrder.objects.filter(pk=order.pk).values_list("contact_phone", flat=True).get()
    assert "13800138000" not in raw
    assert orders.mask_phone(order) == "138****8000"


def test_a_repair_needs_a_category_and_a_place(desk: Any) -> None:
    with pytest.raises(ApplicationError) as caught:
        desk.repair(category=None)
    assert "category" in caught.value.fields
    with pytest.raises(ApplicationError) as caught:
        desk.repair(unit=None, customer=None)
    assert "unit" in caught.value.fields
    assert WorkOrder.objects.count() == 0


def test_full_repair_lifecycle_with_events_on_customer_and_unit(desk: Any) -> None:
    order = desk.repair()
    order = transitions.dispatch(actor=desk.supervisor, order=order, technician=desk.plumber)
    assert (order.status, order.assignee) == (Status.DISPATCHED, desk.plumber_user)
    order = transitions.accept(actor=desk.plumber_user, order=order)
    order = transitions.start(actor=desk.plumber_user, order=order)
    order = transitions.hold(actor=desk.plumber_user, order=order, reason="等待配件")
    assert (order.status, order.hold_reason) == (Status.ON_HOLD, "等待配件")
    order = transitions.resume(actor=desk.plumber_user, order=order)
    lines = [
        {"kind": "labour", "name": "更换角阀人工", "quantity": Decimal("1"), "unit": "次", "unit_price": Decimal("80.00")},
        {"kind": "material", "name": "角阀", "quantity": Decimal("2"), "unit": "个", "unit_price": Decimal("35.50")},
    ]
    order = transitions.complete(
        actor=desk.plumber_user, order=order, work_done="更换角阀两个", lines=lines, owner_confirmed_name="张三"
    )
    assert order.status == Status.COMPLETED
    assert order.owner_confirmed_at is not None
    assert order.charge_amount == (Decimal("151.00") if order.is_paid else Decimal("0.00"))
    assert [line.amount for line in order.cost_lines.all()] == [Decimal("80.00"), Decimal("71.00")]
    order = transitions.verify(actor=desk.agent, order=order)
    order = transitions.close(actor=desk.agent, order=order)
    assert order.status == Status.CLOSED and order.closed_at is not None
    order = transitions.reopen(actor=desk.agent, order=order, reason="业主反映仍漏水")
    assert (order.status, order.assignee, order.reopen_count) == (Status.PENDING_DISPATCH, None, 1)

    kinds = list(
        Event.objects.filter(target_id=order.pk, type__startswith="work_order.").order_by("id").values_list("type", flat=True)
    )
    assert kinds == [
        f"work_order.{a}"
        for a in ["dispatched", "accepted", "started", "put_on_hold", "resumed", "completed", "verified", "closed", "reopened"]
    ]
    on_customer = {e.type for e in list_timeline(obj=desk.world.customer_a, actor=desk.world.admin)}
    on_unit = {e.type for e in list_timeline(obj=desk.world.unit_a, actor=desk.world.admin)}
    assert {"record.created", "work_order.dispatched", "work_order.completed", "work_order.reopened"} <= on_customer
    assert {"record.created", "work_order.closed"} <= on_unit


def test_only_the_assignee_does_technician_actions(desk: Any) -> None:
    order = transitions.dispatch(actor=desk.supervisor, order=desk.repair(), technician=desk.plumber)
    with pytest.raises(ConflictError) as caught:
        transitions.accept(actor=desk.painter_user, order=order)
    assert caught.value.code == "workorder.not_assignee"


def test_return_cancel_and_hold_need_a_reason(desk: Any) -> None:
    order = transitions.dispatch(actor=desk.supervisor, order=desk.repair(), technician=desk.plumber)
    with pytest.raises(ApplicationError) as caught:
        transitions.return_order(actor=desk.plumber_user, order=order, reason=" ")
    assert caught.value.fields == {"reason": ["请填写原因。"]} or "reason" in caught.value.fields
    order = transitions.return_order(actor=desk.plumber_user, order=order, reason="非本人技能")
    assert (order.status, order.assignee, order.last_reason) == (Status.PENDING_DISPATCH, None, "非本人技能")
    with pytest.raises(ApplicationError):
        transitions.cancel(actor=desk.agent, order=order)
    order = transitions.cancel(actor=desk.agent, order=order, reason="业主已自行修好")
    assert order.status == Status.CANCELLED and order.cancelled_at is not None


def test_a_stale_version_or_a_finished_transition_is_a_409(desk: Any) -> None:
    order = desk.repair()
    transitions.dispatch(actor=desk.supervisor, order=order, technician=desk.plumber)
    with pytest.raises(ConflictError):
        transitions.dispatch(actor=desk.supervisor, order=order, technician=desk.painter, version=1)
    with pytest.raises(ConflictError):
        transitions.start(actor=desk.plumber_user, order=order)  # not accepted yet


def test_reopen_only_within_the_project_window(desk: Any) -> None:
    ServiceSettings.objects.create(project=desk.world.project_a, reopen_days=3)
    order = transitions.dispatch(actor=desk.supervisor, order=desk.repair(), technician=desk.plumber)
    for step in (transitions.accept, transitions.start):
        order = step(actor=desk.plumber_user, order=order)
    order = transitions.complete(
        actor=desk.plumber_user,
        order=order,
        work_done="修好",
        lines=[],
        owner_confirmed_name="张三",
        free_reason="免费：上门检查，未更换配件",
    )
    WorkOrder.objects.filter(pk=order.pk).update(completed_at=timezone.now() - datetime.timedelta(days=4))
    with pytest.raises(ApplicationError) as caught:
        transitions.reopen(actor=desk.agent, order=order, reason="再修")
    assert caught.value.code == "workorder.reopen_window_passed"


def test_completion_requires_work_done_and_owner_confirmation(desk: Any) -> None:
    order = transitions.dispatch(actor=desk.supervisor, order=desk.repair(), technician=desk.plumber)
    for step in (transitions.accept, transitions.start):
        order = step(actor=desk.plumber_user, order=order)
    with pytest.raises(ApplicationError) as caught:
        transitions.complete(actor=desk.plumber_user, order=order, work_done="修好", lines=[])
    assert "owner_confirmed_name" in caught.value.fields
    assert WorkOrder.objects.get(pk=order.pk).status == Status.IN_PROGRESS


def test_non_repairs_can_be_resolved_directly(desk: Any) -> None:
    question = desk.repair(type="consultation", category=None, description="物业费怎么交？")
    question = transitions.resolve(actor=desk.agent, order=question, reason="已电话答复")
    assert question.status == Status.CLOSED
    with pytest.raises(ConflictError):
        transitions.resolve(actor=desk.agent, order=desk.repair(), reason="x")


def test_follow_ups_appear_on_the_order_and_customer_timelines(desk: Any) -> None:
    order = desk.repair()
    orders.add_follow_up(actor=desk.agent, order=order, method="phone", content="已联系业主约定周六上门", next_step="周六上门")
    assert order.follow_ups.count() == 1
    assert "work_order.followed_up" in {e.type for e in list_timeline(obj=order, actor=desk.world.admin)}
    assert "work_order.followed_up" in {e.type for e in list_timeline(obj=desk.world.customer_a, actor=desk.world.admin)}


def _started_paid_repair(desk: Any) -> WorkOrder:
    """水电 for a unit delivered 2024-06-30 whose two years have run out: a paid repair (有偿维修)."""
    desk.world.unit_a.delivery_date = datetime.date(2020, 6, 30)
    desk.world.unit_a.save()
    order = desk.repair()
    assert (order.in_warranty, order.is_paid) == (False, True)
    order = transitions.dispatch(actor=desk.supervisor, order=order, technician=desk.plumber)
    order = transitions.accept(actor=desk.plumber_user, order=order)
    return transitions.start(actor=desk.plumber_user, order=order)


def test_a_paid_repair_is_the_owners_to_pay_not_the_contractors(desk: Any) -> None:
    roofer = Contractor.objects.create(name="水电安装公司")
    WarrantyResponsibility.objects.create(building=desk.world.building_a, item="electrical_plumbing", contractor=roofer)
    desk.world.unit_a.delivery_date = datetime.date(2020, 6, 30)
    desk.world.unit_a.save()
    paid = desk.repair()
    assert (paid.is_paid, paid.responsible_party, paid.responsible_contractor) == (True, "owner", None)
    desk.world.unit_a.delivery_date = timezone.localdate() - datetime.timedelta(days=30)
    desk.world.unit_a.save()
    covered = desk.repair()
    assert (covered.is_paid, covered.responsible_party, covered.responsible_contractor) == (False, "contractor", roofer)


def test_a_paid_repair_is_not_completed_at_zero_without_the_reason_it_is_free(desk: Any) -> None:
    order = _started_paid_repair(desk)
    with pytest.raises(ApplicationError) as caught:
        transitions.complete(actor=desk.plumber_user, order=order, work_done="紧固接头", lines=[], owner_confirmed_name="张三")
    assert list(caught.value.fields) == ["free_reason"]
    with pytest.raises(ApplicationError):  # blank is no reason
        transitions.complete(
            actor=desk.plumber_user, order=order, work_done="紧固接头", lines=[], owner_confirmed_name="张三", free_reason="  "
        )
    order.refresh_from_db()
    assert (order.status, order.work_done, order.cost_lines.count()) == (Status.IN_PROGRESS, "", 0)
    done = transitions.complete(
        actor=desk.plumber_user,
        order=order,
        work_done="紧固接头",
        lines=[],
        owner_confirmed_name="张三",
        free_reason="免费：首次上门，业主为老年人",
    )
    assert (done.status, done.charge_amount, done.free_reason) == (
        Status.COMPLETED,
        Decimal("0.00"),
        "免费：首次上门，业主为老年人",
    )
    event = Event.objects.filter(target_id=order.pk, type="work_order.completed").latest("id")
    assert event.data["free_reason"] == "免费：首次上门，业主为老年人"


def test_a_charged_paid_repair_needs_no_reason_and_keeps_none(desk: Any) -> None:
    order = _started_paid_repair(desk)
    line = {"kind": "labour", "name": "上门人工", "quantity": Decimal("1"), "unit": "次", "unit_price": Decimal("50.00")}
    done = transitions.complete(
        actor=desk.plumber_user,
        order=order,
        work_done="更换水龙头",
        lines=[line],
        owner_confirmed_name="张三",
        free_reason="免费",
    )
    assert (done.charge_amount, done.free_reason) == (Decimal("50.00"), "")


def test_a_repair_in_warranty_is_completed_at_zero_without_a_reason(desk: Any) -> None:
    desk.world.unit_a.delivery_date = timezone.localdate() - datetime.timedelta(days=30)
    desk.world.unit_a.save()
    order = desk.repair()
    assert order.is_paid is False
    order = transitions.dispatch(actor=desk.supervisor, order=order, technician=desk.plumber)
    order = transitions.accept(actor=desk.plumber_user, order=order)
    order = transitions.start(actor=desk.plumber_user, order=order)
    done = transitions.complete(actor=desk.plumber_user, order=order, work_done="紧固接头", lines=[], owner_confirmed_name="张三")
    assert (done.status, done.charge_amount, done.free_reason) == (Status.COMPLETED, Decimal("0.00"), "")


def test_given_two_planned_orders_when_the_later_one_takes_the_lock_first_then_numbers_and_times_sort_alike(
    desk: Any,
) -> None:
    """Security target C1: numbers sort in creation order. An order is stamped when it draws its number (inside the
    write lock), not when it was planned, and its SLA clocks start at that stamp."""
    from anju.sla.models import SlaClock
    from anju.workorders.services.orders import plan_work_order, save_planned_order

    values = {"type": "repair", "unit": desk.world.unit_a, "customer": desk.world.customer_a, "category": desk.water}
    first = plan_work_order(actor=desk.agent, description="先受理", **values)
    second = plan_work_order(actor=desk.agent, description="后受理", **values)
    assert first.created_at <= second.created_at  # planned in this order; the second is saved first
    saved_second = save_planned_order(order=second, actor=desk.agent)
    saved_first = save_planned_order(order=first, actor=desk.agent)
    assert saved_second.number < saved_first.number
    assert saved_second.created_at < saved_first.created_at
    for order in (saved_first, saved_second):
        clocks = list(SlaClock.objects.filter(work_order=order))
        assert clocks and {c.started_at for c in clocks} == {order.created_at}
        order.refresh_from_db()
        assert order.sla_due_at == min(c.due_at for c in clocks)
