"""Certificate cases: opening on delivery (idempotent), 现售 vs 预售, the 契税 guard, the hand-outs and their receipts,
the 首次登记 milestone, the alert sweep (once), masking and the access-logged reveal, and the receipt PDF."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from pypdf import PdfReader

from anju.certificates.choices import AlertKind, Clock, SaleKind, Stage
from anju.certificates.models import CertificateCase, ClockAlert, SaleSnapshot
from anju.certificates.services import cases, documents, milestones, sweep
from anju.certificates.tests import factories
from anju.certificates.workflow import CertificateAction
from anju.core.errors import ApplicationError
from anju.core.events import Event, list_timeline
from anju.core.models import AccessLog
from anju.mortgage.tests import factories as mortgage
from anju.notifications.models import Notification
from anju.properties.services import deliver_unit

pytestmark = pytest.mark.django_db
A = CertificateAction
D = datetime.date
NUMBER = "沪(2024)浦东新区不动产权第0012345号"


def _delivered(world: Any, **options: Any) -> CertificateCase:
    home = factories.unit(world)
    mortgage.sign(world, unit=home, **options)
    deliver_unit(actor=world.admin, unit=home, delivered_on=D(2024, 5, 20))
    return CertificateCase.objects.get(unit=home)


def test_delivering_a_unit_opens_its_case_and_starts_the_clocks_of_the_worked_example(world: Any) -> None:
    case = _delivered(world)
    assert (case.stage, case.sale_kind, case.delivered_on) == (Stage.COLLECTING, SaleKind.PRESALE, D(2024, 5, 20))
    assert case.developer_documents_due_on == D(2024, 7, 19)
    assert case.transfer_registration_due_on == D(2024, 8, 19)
    assert (case.next_clock, case.next_due_on) == (Clock.DEVELOPER_DOCUMENTS, D(2024, 7, 19))
    assert [c.name for c in case.owners.all()] == ["张三"]
    on_unit = [e.type for e in list_timeline(obj=case.unit, actor=world.admin)]
    assert "certificate_case.opened" in on_unit and "certificate_case.clocks_started" in on_unit


def test_the_receiver_is_idempotent(world: Any) -> None:
    case = _delivered(world)
    deliver_unit(actor=world.admin, unit=case.unit, delivered_on=D(2024, 5, 20))
    cases.open_for_delivered_unit(actor=None, unit=case.unit, delivered_on=D(2024, 5, 20))
    assert CertificateCase.objects.filter(unit=case.unit).count() == 1
    assert case.checklist.count() == CertificateCase.objects.get(pk=case.pk).checklist.count()
    assert Event.objects.filter(type="certificate_case.clocks_started", target_id=case.pk).count() == 1


def test_a_unit_without_a_live_contract_gets_no_case(world: Any) -> None:
    home = factories.unit(world)
    deliver_unit(actor=world.admin, unit=home, delivered_on=D(2024, 5, 20))
    assert not CertificateCase.objects.filter(unit=home).exists()


def test_units_delivered_earlier_are_opened_once_by_the_backfill(world: Any) -> None:
    home = factories.unit(world)
    mortgage.sign(world, unit=home)
    type(home).objects.filter(pk=home.pk).update(delivery_date=D(2024, 5, 20), status="delivered")
    assert cases.open_delivered_units(project_id=world.project_a.id) == 1
    assert cases.open_delivered_units(project_id=world.project_a.id) == 0
    assert CertificateCase.objects.get(unit=home).transfer_registration_due_on == D(2024, 8, 19)


def test_a_completed_home_sale_counts_the_transfer_clock_from_signing(world: Any) -> None:
    case = factories.case(world, measured=True, signed_on=D(2024, 3, 4))
    assert SaleSnapshot.objects.get(contract=case.contract).measured_at_signing
    assert (case.sale_kind, case.pre_registered) == (SaleKind.COMPLETED, False)
    assert case.transfer_registration_due_on == D(2024, 6, 3)  # day 90 Sunday 06-02 → Monday


def test_a_loan_plan_makes_the_case_mortgaged_with_a_loan_contract_on_the_checklist(world: Any) -> None:
    case = factories.case(world, plan="commercial_loan")
    codes = list(case.checklist.values_list("code", flat=True))
    assert case.mortgaged and "loan_contract" in codes and codes.count("id_copy") == 1
    assert "loan_contract" not in factories.case(world).checklist.values_list("code", flat=True)


def test_the_transfer_cannot_be_applied_for_before_the_deed_tax_is_paid(world: Any) -> None:
    case = factories.case(world, stage=Stage.DOCUMENTS_SUBMITTED)
    with pytest.raises(ApplicationError) as refused:
        cases.step(actor=world.admin, case=case, action=A.APPLY_TRANSFER, on=D(2024, 7, 1))
    assert refused.value.code == "certificates.deed_tax_unpaid"
    cases.step(actor=world.admin, case=case, action=A.RECORD_DEED_TAX, on=D(2024, 6, 28))
    case = cases.step(actor=world.admin, case=case, action=A.APPLY_TRANSFER, on=D(2024, 7, 1))
    assert (case.stage, case.transfer_applied_on, case.deed_tax_paid_on) == (
        Stage.TRANSFER_APPLIED,
        D(2024, 7, 1),
        D(2024, 6, 28),
    )


def test_steps_meet_their_clocks(world: Any) -> None:
    case = factories.case(world)
    case = cases.step(actor=world.admin, case=case, action=A.SUBMIT_DOCUMENTS, on=D(2024, 7, 1))
    assert (case.next_clock, case.next_due_on) == (Clock.TRANSFER_REGISTRATION, D(2024, 8, 19))
    case = cases.step(actor=world.admin, case=case, action=A.RECORD_DEED_TAX, on=D(2024, 7, 2))
    case = cases.step(actor=world.admin, case=case, action=A.APPLY_TRANSFER, on=D(2024, 7, 3))
    assert (case.next_clock, case.next_due_on) == ("", None)


def test_a_step_date_cannot_be_in_the_future(world: Any) -> None:
    case = factories.case(world)
    with pytest.raises(ApplicationError) as refused:
        cases.step(actor=world.admin, case=case, action=A.SUBMIT_DOCUMENTS, on=datetime.date.today() + datetime.timedelta(days=2))
    assert refused.value.code == "certificates.date_in_future" and list(refused.value.fields) == ["on"]


def test_completing_the_transfer_stores_the_number_encrypted_and_events_carry_it_masked(world: Any) -> None:
    case = factories.case(world, stage=Stage.TRANSFER_APPLIED)
    case = cases.complete_transfer(actor=world.admin, case=case, certificate_number=NUMBER, on=D(2024, 9, 10))
    assert NUMBER not in case.certificate_number and case.certificate_number
    assert cases.mask_number(case.certificate_number) == "沪(" + "*" * (len(NUMBER) - 4) + "5号"
    event = Event.objects.get(type="certificate_case.transfer_completed", target_id=case.pk)
    assert NUMBER not in str(event.data)


def test_revealing_the_number_writes_one_access_log_row_with_the_purpose(world: Any) -> None:
    case = factories.case(world, stage=Stage.TRANSFER_APPLIED)
    case = cases.complete_transfer(actor=world.admin, case=case, certificate_number=NUMBER)
    assert cases.reveal_number(actor=world.admin, case=case, purpose="业主来电核对") == NUMBER
    log = AccessLog.objects.get()
    assert (log.action, log.fields, log.purpose, log.object_id) == ("reveal", ["certificate_number"], "业主来电核对", case.pk)
    with pytest.raises(ApplicationError):
        cases.reveal_number(actor=world.admin, case=case, purpose="  ")


def test_a_full_payment_hand_over_writes_a_receipt_for_the_original_contract_and_invoice(world: Any) -> None:
    case = factories.case(world, stage=Stage.TRANSFER_COMPLETED)
    case = cases.hand_out(actor=world.admin, case=case, action=A.HAND_OVER, on=D(2024, 10, 8))
    receipt = case.receipts.get()
    assert (case.stage, case.handed_over_on, receipt.kind, receipt.recipient_name) == (
        Stage.HANDED_OVER,
        D(2024, 10, 8),
        "original",
        "张三",
    )
    assert len(receipt.items) == 3


def test_a_mortgaged_unit_goes_to_the_bank_and_the_owner_signs_for_a_copy(world: Any) -> None:
    case = factories.case(world, stage=Stage.TRANSFER_COMPLETED, plan="commercial_loan")
    with pytest.raises(ApplicationError):
        cases.hand_out(actor=world.admin, case=case, action=A.HAND_OVER)
    case = cases.step(actor=world.admin, case=case, action=A.REGISTER_MORTGAGE, on=D(2024, 9, 20))
    case = cases.hand_out(actor=world.admin, case=case, action=A.SEND_TO_BANK, recipient_name="张三之妻 王五", on=D(2024, 9, 25))
    receipt = case.receipts.get()
    assert (case.stage, receipt.kind, receipt.recipient_name) == (Stage.SENT_TO_BANK, "copy", "张三之妻 王五")


def _pdf_text(content: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_receipt_pdf_prints_the_number_masked_and_in_clear_only_for_the_recipient(world: Any) -> None:
    case = factories.case(world, stage=Stage.TRANSFER_APPLIED)
    case = cases.complete_transfer(actor=world.admin, case=case, certificate_number=NUMBER)
    case = cases.hand_out(actor=world.admin, case=case, action=A.HAND_OVER)
    receipt = case.receipts.get()
    masked = _pdf_text(documents.receipt_pdf(actor=world.admin, receipt=receipt))
    assert "房产证签收表" in masked and "领取人签字" in masked and "张三" in masked
    assert "0012345" not in masked and "5号" in masked
    assert not AccessLog.objects.exists()
    clear = _pdf_text(documents.receipt_pdf(actor=world.admin, receipt=receipt, purpose="业主签收"))
    assert "0012345" in clear
    assert AccessLog.objects.get().purpose == "业主签收"


def test_the_initial_registration_starts_the_pre_registration_clock_of_every_pre_registered_buyer(world: Any) -> None:
    delivered = factories.case(world)
    undelivered_contract = mortgage.sign(world, unit=factories.unit(world))
    completed = factories.case(world, measured=True)
    milestones.set_milestone(actor=world.admin, project=world.project_a, values={"first_registration_on": D(2024, 9, 2)})
    opened = CertificateCase.objects.get(contract=undelivered_contract)
    assert (opened.delivered_on, opened.pre_registration_lapses_on) == (None, D(2024, 12, 2))
    delivered.refresh_from_db()
    completed.refresh_from_db()
    assert delivered.pre_registration_lapses_on == D(2024, 12, 2)
    assert completed.pre_registration_lapses_on is None  # a 现售 has no pre-registration


def test_the_sweep_warns_before_and_alerts_on_the_missed_day_once_each(world: Any) -> None:
    supervisor = world.user("cert_supervisor", role="service_supervisor")
    handler = world.user("cert_handler", role="service_agent")
    case = factories.case(world)
    CertificateCase.objects.filter(pk=case.pk).update(handler=handler)
    assert sweep.sweep(today=D(2024, 7, 11)) == 0  # 8 days before 07-19: not yet
    assert sweep.sweep(today=D(2024, 7, 12)) == 1  # 7 days before
    assert sweep.sweep(today=D(2024, 7, 12)) == 0
    assert sweep.sweep(today=D(2024, 7, 19)) == 0  # the last day: warned already
    assert sweep.sweep(today=D(2024, 7, 20)) == 1  # missed
    assert sweep.sweep(today=D(2024, 7, 21)) == 0
    kinds = set(ClockAlert.objects.filter(case=case).values_list("clock", "kind"))
    assert kinds == {(Clock.DEVELOPER_DOCUMENTS, AlertKind.WARNING), (Clock.DEVELOPER_DOCUMENTS, AlertKind.MISSED)}
    for user in (supervisor, handler):
        assert Notification.objects.filter(recipient=user).count() == 2
    assert sweep.sweep(today=D(2024, 8, 12)) == 1  # the transfer clock's own warning (08-19)


def test_a_met_clock_is_not_alerted(world: Any) -> None:
    world.user("cert_supervisor", role="service_supervisor")
    case = factories.case(world)
    cases.step(actor=world.admin, case=case, action=A.SUBMIT_DOCUMENTS, on=D(2024, 7, 1))
    assert sweep.sweep(today=D(2024, 7, 20)) == 0


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (120, 40), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_signature_image_is_printed_on_the_receipt_and_anything_else_is_refused(world: Any) -> None:
    case = factories.case(world, stage=Stage.TRANSFER_COMPLETED)
    with pytest.raises(ApplicationError) as refused:
        cases.hand_out(actor=world.admin, case=case, action=A.HAND_OVER, signature=b"GIF89a not a png")
    assert refused.value.code == "certificates.signature_invalid"
    case = cases.hand_out(actor=world.admin, case=case, action=A.HAND_OVER, signature=_png())
    receipt = case.receipts.get()
    signed = PdfReader(io.BytesIO(documents.receipt_pdf(actor=world.admin, receipt=receipt)))
    assert sum(len(page.images) for page in signed.pages) == 1
    unsigned_case = cases.hand_out(
        actor=world.admin, case=factories.case(world, stage=Stage.TRANSFER_COMPLETED), action=A.HAND_OVER
    )
    unsigned = PdfReader(io.BytesIO(documents.receipt_pdf(actor=world.admin, receipt=unsigned_case.receipts.get())))
    assert sum(len(page.images) for page in unsigned.pages) == 0
    assert "____" in "".join(page.extract_text() for page in unsigned.pages)  # a blank line to sign by hand


@pytest.mark.django_db
def test_a_rescinded_contract_withdraws_its_open_case_and_its_clocks_stop(world) -> None:
    import datetime as _dt
    from decimal import Decimal

    from anju.certificates.choices import Stage
    from anju.certificates.models import CertificateCase
    from anju.certificates.selectors import at_risk_rows
    from anju.core.models import Event
    from anju.mortgage.tests.factories import contract as make_contract
    from anju.sales.models import Contract
    from anju.sales.signals import contract_cancelled

    deal = make_contract(world, plan="full_payment", loan=Decimal("0"))
    case = cases.open_case(actor=world.admin, contract=deal)
    cases.start_clocks(actor=world.admin, case=case, delivered_on=_dt.date(2026, 1, 5))
    contract_cancelled.send(sender=Contract, contract=deal, actor=world.admin)
    case = CertificateCase.objects.get(pk=case.pk)
    assert case.stage == Stage.WITHDRAWN
    assert Event.objects.filter(target_id=case.pk, type="certificate_case.withdrawn").exists()
    assert not at_risk_rows(CertificateCase.objects.filter(pk=case.pk), within_days=3650)  # no clock runs on it
    contract_cancelled.send(sender=Contract, contract=deal, actor=world.admin)  # a second time changes nothing
    assert Event.objects.filter(target_id=case.pk, type="certificate_case.withdrawn").count() == 1


@pytest.mark.django_db
def test_a_step_cannot_be_dated_before_the_contract_was_signed(world) -> None:
    import datetime as _dt

    case = factories.case(world)
    with pytest.raises(ApplicationError) as raised:
        cases.step(actor=world.admin, case=case, action=CertificateAction.SUBMIT_DOCUMENTS, on=_dt.date(1990, 1, 1))
    assert raised.value.fields.get("on")
