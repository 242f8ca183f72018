"""Handover services and rules: the notice lead time (and its override), capacity and the last place, defects as
work orders, acceptance delivering the unit, unpaid fees never blocking, the four-eyes list approval."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader

from anju.core.errors import ApplicationError
from anju.handover import rules
from anju.handover.choices import BatchStatus, InspectionStatus, NoticeStatus, SlotStatus, TaskCode
from anju.handover.models import HandoverBatch, HandoverNotice
from anju.handover.services import batches, documents, inspections, notices, slots
from anju.handover.tests import factories
from anju.handover.workflow import BatchAction
from anju.properties.models import Unit
from anju.sales.models import SalesSettings
from anju.workorders.models import WorkOrder
from conftest import World

TODAY = datetime.date(2026, 12, 4)


def _png(name: str = "defect.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 20, 30)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


# --- Rules ------------------------------------------------------------------------------------------------------


def test_lead_time_is_the_contract_figure_never_below_ten_days_and_plans_with_the_project_setting() -> None:
    lead = rules.lead_time(handover_on=datetime.date(2027, 1, 20), contract_days=12, project_days=14)
    assert (lead.required_days, lead.planned_days) == (12, 14)
    assert lead.latest_send_on == datetime.date(2027, 1, 8)
    assert lead.planned_send_on == datetime.date(2027, 1, 6)
    assert not rules.is_late(sent_on=datetime.date(2027, 1, 8), lead=lead)
    assert rules.is_late(sent_on=datetime.date(2027, 1, 9), lead=lead)
    assert rules.lead_time(handover_on=datetime.date(2027, 1, 20), contract_days=7, project_days=7).required_days == 10


def test_spread_fills_each_window_to_capacity_in_order() -> None:
    day = datetime.date(2027, 1, 1)
    places = rules.spread(
        5, starts_on=day, ends_on=day + datetime.timedelta(days=1), windows=["09:00-12:00", "13:00-17:00"], capacity=2
    )
    assert places == [(day, "09:00-12:00")] * 2 + [(day, "13:00-17:00")] * 2 + [(day + datetime.timedelta(days=1), "09:00-12:00")]


@pytest.mark.parametrize("value", ["09:00-12:00", "13:30-17:30"])
def test_valid_windows(value: str) -> None:
    assert rules.valid_window(value)


@pytest.mark.parametrize("value", ["12:00-09:00", "9:00-12:00", "09:00", "aa:bb-cc:dd", ""])
def test_invalid_windows(value: str) -> None:
    assert not rules.valid_window(value)


# --- Batch and the four-eyes approval ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_new_batch_gets_the_preparation_tasks_due_before_the_first_day(world: World) -> None:
    batch = factories.batch(world, starts_in=40)
    tasks = {t.code: t for t in batch.tasks.all()}
    assert set(tasks) == set(TaskCode.values)
    assert tasks[TaskCode.QUALITY_GUARANTEE].due_on == batch.starts_on - datetime.timedelta(days=30)
    assert all(t.owner_id == world.admin.pk for t in tasks.values())  # no team: the creator owns them


@pytest.mark.django_db
def test_the_list_is_approved_by_someone_else_and_only_once_prepared(world: World) -> None:
    supervisor = world.user("ho_sup", role="service_supervisor", projects=[world.project_a])
    batch = factories.batch(world)
    with pytest.raises(ApplicationError) as refused:
        batches.step(actor=supervisor, batch=batch, action=BatchAction.APPROVE_LIST, version=batch.version)
    assert refused.value.code == "handover.list_not_prepared"
    batch = factories.prepared(world, batch, by=supervisor)
    with pytest.raises(ApplicationError) as own:
        batches.step(actor=supervisor, batch=batch, action=BatchAction.APPROVE_LIST, version=batch.version)
    assert (own.value.code, own.value.status_code) == ("handover.own_list", 403)
    approved = batches.step(actor=world.admin, batch=batch, action=BatchAction.APPROVE_LIST, version=batch.version)
    assert approved.status == BatchStatus.LIST_APPROVED and approved.list_approved_by == world.admin


@pytest.mark.django_db
def test_notices_are_generated_for_every_contracted_unit_with_their_fees(world: World) -> None:
    SalesSettings.objects.create(
        project=world.project_a,
        maintenance_fund_basis="per_m2",
        maintenance_fund_rate=Decimal("78.00"),
        deed_tax_percent=Decimal("1.50"),
        registration_fee=Decimal("80.00"),
        property_fee_rate=Decimal("3.20"),
        property_fee_months=12,
    )
    contract = factories.contract(world)
    Unit.objects.filter(pk=contract.unit_id).update(measured_gross_area=Decimal("101.50"))
    factories.unit(world)  # no contract: not on the list
    batch = factories.notifying(world, units=0)
    assert batch.status == BatchStatus.NOTIFYING
    notice = HandoverNotice.objects.get(batch=batch)
    assert notice.unit_id == contract.unit_id
    assert (notice.area, notice.area_measured) == (Decimal("101.50"), True)
    assert notice.price_balance == Decimal("1000000.00")  # the down payment is unpaid
    assert notice.maintenance_fund == Decimal("7917.00")  # 101.50 × 78
    assert notice.deed_tax == Decimal("15000.00")
    assert notice.registration_fee == Decimal("80.00")
    assert notice.property_fee == Decimal("3897.60")  # 3.20 × 101.50 × 12
    assert notice.has_area_settlement is False
    assert (notice.handover_on, notice.window) == (batch.starts_on, "09:00-12:00")


@pytest.mark.django_db
def test_a_batch_without_contracted_units_cannot_start_its_notices(world: World) -> None:
    batch = factories.batch(world, status=BatchStatus.LIST_APPROVED)
    with pytest.raises(ApplicationError) as refused:
        batches.step(actor=world.admin, batch=batch, action=BatchAction.START_NOTICES, version=batch.version)
    assert refused.value.code == "handover.no_units"
    assert HandoverBatch.objects.get(pk=batch.pk).status == BatchStatus.LIST_APPROVED


# --- Sending: the lead time -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_notice_in_time_is_sent_by_post_with_its_tracking_number(world: World) -> None:
    notice = factories.notice(world, starts_in=20)
    sent = notices.send(
        actor=world.admin, notice=notice, version=notice.version, channels=["post", "sms"], tracking_number="SF123"
    )
    assert (sent.status, sent.sent_on, sent.tracking_number, sent.sent_by) == (
        NoticeStatus.SENT,
        timezone.localdate(),
        "SF123",
        world.admin,
    )


@pytest.mark.django_db
def test_post_needs_a_tracking_number(world: World) -> None:
    notice = factories.notice(world, starts_in=20)
    with pytest.raises(ApplicationError) as refused:
        notices.send(actor=world.admin, notice=notice, version=notice.version, channels=["post"])
    assert "tracking_number" in refused.value.fields


@pytest.mark.django_db
def test_a_late_notice_is_refused_and_an_agent_cannot_override_it(world: World) -> None:
    agent = world.user("ho_agent", role="service_agent", projects=[world.project_a])
    notice = factories.notice(world, starts_in=13)  # the contract promises 14 days
    with pytest.raises(ApplicationError) as late:
        notices.send(actor=agent, notice=notice, version=notice.version, channels=["in_person"])
    assert late.value.code == "handover.notice_too_late" and "sent_on" in late.value.fields
    with pytest.raises(ApplicationError) as forbidden:
        notices.send(actor=agent, notice=notice, version=notice.version, channels=["in_person"], override_reason="业主要求提前")
    assert forbidden.value.status_code == 403
    assert HandoverNotice.objects.get(pk=notice.pk).status == NoticeStatus.DRAFT


@pytest.mark.django_db
def test_a_supervisor_overrides_a_late_notice_with_a_reason_on_the_timeline(world: World) -> None:
    from anju.core.models import Event

    supervisor = world.user("ho_sup2", role="service_supervisor", projects=[world.project_a])
    notice = factories.notice(world, starts_in=13)
    sent = notices.send(
        actor=supervisor, notice=notice, version=notice.version, channels=["in_person"], override_reason="业主书面同意缩短"
    )
    assert sent.override_reason == "业主书面同意缩短"
    event = Event.objects.get(type="handover_notice.lead_overridden")
    assert event.note == "业主书面同意缩短" and event.data["required_days"] == 14 and event.data["days_given"] == 13


@pytest.mark.django_db
def test_a_notice_in_time_is_not_refused_on_the_last_day(world: World) -> None:
    notice = factories.notice(world, starts_in=14)
    assert (
        notices.send(actor=world.admin, notice=notice, version=notice.version, channels=["in_person"]).status == NoticeStatus.SENT
    )


@pytest.mark.django_db
def test_a_text_message_goes_to_each_buyer_through_the_outbox(world: World, django_capture_on_commit_callbacks: object) -> None:
    from anju.notifications.models import OutboxMessage

    notice = factories.notice(world, starts_in=20)
    with django_capture_on_commit_callbacks(execute=True):
        notices.send(actor=world.admin, notice=notice, version=notice.version, channels=["sms"])
    message = OutboxMessage.objects.get()
    assert message.to == "13800138000" and notice.batch.place in message.body


# --- Slots -------------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_window_takes_its_capacity_and_no_more(world: World) -> None:
    batch = factories.notifying(world, units=3, capacity=2)
    first, second, third = batch.notices.order_by("id")
    day, window = batch.starts_on, batch.windows[0]
    slots.book(actor=world.admin, notice=first, day=day, window=window)
    slots.book(actor=world.admin, notice=second, day=day, window=window)
    with pytest.raises(ApplicationError) as full:
        slots.book(actor=world.admin, notice=third, day=day, window=window)
    assert full.value.code == "handover.slot_full"
    booked = slots.book(actor=world.admin, notice=third, day=day, window=batch.windows[1])
    moved = slots.cancel(actor=world.admin, slot=booked, version=booked.version)
    assert moved.status == SlotStatus.CANCELLED


@pytest.mark.django_db
def test_a_slot_outside_the_batch_or_its_windows_is_a_field_error(world: World) -> None:
    notice = factories.notice(world)
    with pytest.raises(ApplicationError) as wrong_day:
        slots.book(actor=world.admin, notice=notice, day=notice.batch.ends_on + datetime.timedelta(days=1), window="09:00-12:00")
    assert "day" in wrong_day.value.fields
    with pytest.raises(ApplicationError) as wrong_window:
        slots.book(actor=world.admin, notice=notice, day=notice.batch.starts_on, window="08:00-09:00")
    assert "window" in wrong_window.value.fields


@pytest.mark.django_db
def test_a_booked_slot_moves_and_checks_in_only_on_its_day(world: World) -> None:
    slot = factories.slot(world)
    moved = slots.reschedule(actor=world.admin, slot=slot, version=slot.version, day=slot.day, window=slot.batch.windows[1])
    assert moved.window == slot.batch.windows[1]
    with pytest.raises(ApplicationError) as not_today:
        slots.check_in(actor=world.admin, slot=moved, version=moved.version)
    assert not_today.value.code == "handover.not_today"
    today = factories.slot(world, today=True)
    assert slots.check_in(actor=world.admin, slot=today, version=today.version).status == SlotStatus.CHECKED_IN


@pytest.mark.django_db
def test_the_notice_follows_the_booked_time_and_a_sent_notice_texts_the_new_time(
    world: World, django_capture_on_commit_callbacks: object
) -> None:
    from anju.core.models import Event
    from anju.notifications.models import OutboxMessage

    notice = factories.notice(world, starts_in=20)
    batch = notice.batch
    other_window = next(w for w in batch.windows if w != notice.window)
    slot = slots.book(actor=world.admin, notice=notice, day=notice.handover_on, window=other_window)
    notice.refresh_from_db()
    assert (notice.handover_on, notice.window) == (slot.day, other_window)
    assert not OutboxMessage.objects.exists()  # a draft notice: the new time is printed when it is sent
    notice = notices.send(actor=world.admin, notice=notice, version=notice.version, channels=["in_person"])
    later = notice.handover_on + datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        slots.reschedule(actor=world.admin, slot=slot, version=slot.version, day=later, window=batch.windows[0])
    notice.refresh_from_db()
    assert (notice.handover_on, notice.window) == (later, batch.windows[0])
    changed = Event.objects.filter(type="handover_notice.time_changed").order_by("id").last()
    assert changed is not None and changed.changes["handover_on"] == [slot.day.isoformat(), later.isoformat()]
    message = OutboxMessage.objects.get()
    assert later.isoformat() in message.body and batch.windows[0] in message.body


# --- Inspection --------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_defect_becomes_a_repair_order_of_the_handover_channel_with_warranty_from_its_category(world: World) -> None:
    inspection = factories.inspection(world)
    defect = inspections.add_defect(
        actor=world.admin,
        inspection=inspection,
        room="卫生间",
        item="防水",
        description="地漏周边渗水",
        category=factories.category("ho_leak", "渗漏", "waterproofing"),
        photos=[_png()],
    )
    order = WorkOrder.objects.get(pk=defect.work_order_id)
    assert (order.type, order.channel, order.unit_id) == ("repair", "handover_inspection", inspection.unit_id)
    assert order.category.code == "ho_leak" and order.warranty_item == "waterproofing"
    assert order.customer_id == world.customer_a.pk
    assert order.attachments.count() == 1
    inspection.refresh_from_db()
    assert inspection.results["卫生间/防水"] == "defect"


@pytest.mark.django_db
def test_a_bad_photo_writes_nothing(world: World) -> None:
    inspection = factories.inspection(world)
    bad = SimpleUploadedFile("x.png", b"not an image", content_type="image/png")
    with pytest.raises(ApplicationError):
        inspections.add_defect(
            actor=world.admin,
            inspection=inspection,
            room="客厅",
            description="墙面裂缝",
            category=factories.category(),
            photos=[bad],
        )
    assert WorkOrder.objects.count() == 0 and inspection.defects.count() == 0


@pytest.mark.django_db
def test_acceptance_delivers_the_unit_that_day_and_finishes_the_slot(world: World) -> None:
    slot = factories.slot(world, today=True)
    inspection = inspections.start(actor=world.admin, notice=slot.notice)
    assert inspection.slot_id == slot.pk
    done = inspections.accept(
        actor=world.admin,
        inspection=inspection,
        version=inspection.version,
        keys_count=3,
        water_reading=Decimal("0.50"),
        electricity_reading=Decimal("12.30"),
        gas_reading=Decimal("0.00"),
    )
    unit = Unit.objects.get(pk=inspection.unit_id)
    assert (done.status, done.accepted_on) == (InspectionStatus.ACCEPTED, timezone.localdate())
    assert (unit.status, unit.delivery_date) == ("delivered", timezone.localdate())
    slot.refresh_from_db()
    assert slot.status == SlotStatus.DONE


@pytest.mark.django_db
def test_acceptance_needs_the_keys_and_meter_readings(world: World) -> None:
    inspection = factories.inspection(world)
    with pytest.raises(ApplicationError) as refused:
        inspections.accept(actor=world.admin, inspection=inspection, version=inspection.version)
    assert "keys_count" in refused.value.fields
    assert Unit.objects.get(pk=inspection.unit_id).status != "delivered"


@pytest.mark.django_db
def test_unpaid_fees_never_block_the_inspection_or_the_handover(world: World) -> None:
    """GF-2014 第十一条: the price balance and every fee unpaid, the owner still inspects and takes the home."""
    notice = factories.notice(world)
    unpaid = {item.code for item in notices.unpaid_items(notice)}
    assert {"price_balance", "maintenance_fund", "deed_tax", "registration_fee"} <= unpaid
    inspection = inspections.start(actor=world.admin, notice=notice)
    done = inspections.accept(
        actor=world.admin,
        inspection=inspection,
        version=inspection.version,
        keys_count=2,
        water_reading=Decimal("0"),
        electricity_reading=Decimal("0"),
    )
    assert done.status == InspectionStatus.ACCEPTED
    assert Unit.objects.get(pk=notice.unit_id).status == "delivered"


@pytest.mark.django_db
def test_a_deferral_is_followed_by_a_linked_re_inspection_round(world: World) -> None:
    inspection = factories.inspection(world)
    with pytest.raises(ApplicationError):
        inspections.start(actor=world.admin, notice=inspection.notice)  # one round at a time
    deferred = inspections.defer(
        actor=world.admin, inspection=inspection, version=inspection.version, reason="卫生间渗水，修好再收"
    )
    assert (deferred.status, deferred.reason) == (InspectionStatus.DEFERRED, "卫生间渗水，修好再收")
    second = inspections.reinspect(actor=world.admin, inspection=deferred)
    assert (second.round, second.previous_id) == (2, deferred.pk)


@pytest.mark.django_db
def test_the_defect_progress_follows_the_orders(world: World) -> None:
    from anju.handover.selectors import defect_progress

    inspection = factories.inspection(world)
    for room in ("客厅", "卧室"):
        inspections.add_defect(
            actor=world.admin, inspection=inspection, room=room, description="墙面裂缝", category=factories.category()
        )
    WorkOrder.objects.filter(pk=inspection.defects.first().work_order_id).update(status="completed")
    assert defect_progress(inspection) == {"total": 2, "open": 1, "fixed": 1, "cancelled": 0}


# --- PDFs ---------------------------------------------------------------------------------------------------------


def _text(content: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.mark.django_db
def test_the_notice_pdf_reads_back_in_chinese_with_the_fees(world: World) -> None:
    notice = factories.notice(world)
    text = _text(documents.notices_pdf([notice]))
    assert "入伙通知书" in text and "一期会所" in text and "张三" in text
    assert "1,000,000.00" in text  # the price balance
    assert f"{notice.deed_tax:,.2f}" in text and "契税" in text and "税务机关" in text
    assert "不是验房和交付的前提条件" in text


@pytest.mark.django_db
def test_the_batch_pdf_has_one_section_per_unit(world: World) -> None:
    batch = factories.notifying(world, units=3)
    reader = PdfReader(io.BytesIO(documents.notices_pdf(batch.notices.all())))
    assert len(reader.pages) >= 3
    assert sum("入伙通知书" in page.extract_text() for page in reader.pages) == 3


@pytest.mark.django_db
def test_the_handover_record_lists_the_defects_and_the_acceptance(world: World) -> None:
    inspection = factories.inspection(world)
    defect = inspections.add_defect(
        actor=world.admin, inspection=inspection, room="厨房", description="橱柜门脱落", category=factories.category()
    )
    inspections.sign(actor=world.admin, inspection=inspection, version=inspection.version + 1, upload=_png("sign.png"))
    inspection.refresh_from_db()
    done = inspections.accept(
        actor=world.admin,
        inspection=inspection,
        version=inspection.version,
        keys_count=4,
        water_reading=Decimal("1"),
        electricity_reading=Decimal("2"),
    )
    text = _text(documents.handover_record_pdf(done))
    assert "商品房交接单" in text and "橱柜门脱落" in text and defect.work_order.number in text and "已于" in text


@pytest.mark.django_db
def test_the_notice_lists_the_area_difference_only_once_a_settlement_binds(world: World) -> None:
    from anju.settlement.tests.test_selectors import _line

    settled = factories.contract(world)
    unsettled = factories.contract(world)
    _line(world, settled, "approved", "101.00", "BC-HO1")  # buyer pays 1 m² × 10,000
    batch = factories.notifying(world, units=0)
    by_contract = {n.contract_id: n for n in batch.notices.all()}
    notice = by_contract[settled.pk]
    assert (notice.has_area_settlement, notice.area_buyer_pays) == (True, Decimal("10000.00"))
    assert by_contract[unsettled.pk].has_area_settlement is False
    assert "area_difference" in {i.code for i in notices.unpaid_items(notice)}
    text = _text(documents.notices_pdf([notice]))
    assert "面积差异补缴款" in text and "10,000.00" in text
    assert "面积差异" not in _text(documents.notices_pdf([by_contract[unsettled.pk]]))
