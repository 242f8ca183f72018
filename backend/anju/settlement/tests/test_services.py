"""The settlement per contract through the service (every basis and clause), the batch workflow with four eyes, the posting
to the ledger (correct amounts, idempotent, all or nothing), the buyer's withdrawal and the 结算单 PDF."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from anju.core.errors import ApplicationError
from anju.core.events import Event
from anju.notifications.models import Notification, OutboxMessage
from anju.sales.choices import EntryStatus, ReceivableKind
from anju.sales.models import ContractChange, LedgerEntry, Receivable, SalesSettings
from anju.sales.services.ledger import balance_of
from anju.settlement.models import SettlementLine
from anju.settlement.selectors import settled_difference
from anju.settlement.services import batches, documents
from anju.settlement.tests import factories as fx

D = Decimal
pytestmark = pytest.mark.django_db


def _line(world, **options) -> SettlementLine:
    batch = fx.batch(world, **options)
    return batch.lines.get()


# --- The engine per basis and clause, through the service -----------------------------------------------------------


def test_building_area_statutory_settles_on_the_gross_ratio_only(world):
    # 建筑面积 +2 % (E1), 套内 −5 %: under 88号令 only the priced area counts, no withdrawal right.
    line = _line(world, measured=("102.00", "76.00"))
    assert line.settles and line.withdrawal_right is False and line.inner_ratio is None
    assert (line.buyer_pays, line.developer_refunds) == (D("40000.00"), D("0.00"))
    assert (line.contract_inner_area, line.measured_inner_area) == (D("80.00"), D("76.00"))  # kept for the record


def test_building_area_model_contract_gives_the_right_on_the_inner_ratio_but_money_on_gross(world):
    line = _line(world, clause="model_contract", measured=("102.00", "76.00"))
    assert line.withdrawal_right is True and line.inner_ratio == D("-0.05")
    assert line.buyer_pays == D("40000.00")


def test_inner_area_basis_settles_the_internal_areas(world):
    # E9: 套内 80.00 → 82.00 at 25,000 per 套内 m².
    line = _line(world, basis="inner_area", clause="model_contract", unit_price="25000.00", measured=("101.00", "82.00"))
    assert (line.contract_area, line.measured_area) == (D("80.00"), D("82.00"))
    assert line.buyer_pays == D("50000.00") and not line.withdrawal_right
    assert line.contract_inner_area is None


def test_custom_clause_uses_the_contracts_threshold_and_multiplier(world):
    # 1 % threshold, refund beyond it 3 times: 100 → 98 at 10,000: 1 m² single + 1 m² × 3 = 40,000.
    line = _line(world, clause="custom", threshold="1.00", multiplier="3.00", unit_price="10000.00", measured=("98.00", "78.40"))
    assert line.withdrawal_right is True
    assert line.developer_refunds == D("40000.00")
    assert (line.single_refund_area, line.double_refund_area) == (D("1.0000"), D("1.0000"))


def test_statutory_clause_ignores_thresholds_stored_on_the_contract(world):
    line = _line(world, threshold="1.00", multiplier="3.00", measured=("98.00", "78.40"))
    assert line.withdrawal_right is False and line.developer_refunds == D("40000.00")


def test_whole_unit_is_listed_without_settlement(world):
    line = _line(world, basis="whole_unit", clause="statutory", unit_price=None, total="1800000.00", measured=("110.00", "88.00"))
    assert line.settles is False and line.withdrawal_right is False
    assert (line.buyer_pays, line.developer_refunds, line.developer_absorbs) == (D("0.00"),) * 3
    assert line.price_source == "none"


def test_missing_unit_price_is_derived_from_the_total(world):
    line = _line(world, unit_price=None, total="1500000.00", measured=("101.00", "80.80"))
    assert line.price_source == "derived" and line.unit_price == D("15000.00")
    assert line.buyer_pays == D("15000.00")


def test_certificate_fees_follow_the_fee_schedule_on_the_settled_price(world):
    SalesSettings.objects.create(project=world.project_a, deed_tax_percent=D("1.50"), registration_fee=D("80.00"))
    line = _line(world, measured=("102.00", "81.60"))  # 2,000,000 + 40,000
    assert line.deed_tax == D("30600.00") and line.registration_fee == D("80.00")


def test_unmeasured_units_and_other_buildings_are_listed_as_missing(world):
    fx.contract(world, measured=None)
    fx.contract(world, project=world.project_b)
    batch = batches.create_batch(actor=world.admin, building=world.building_a)
    assert batch.lines.count() == 0 and [m["reason"] for m in batch.missing] == ["not_measured"]


def test_one_open_batch_per_building(world):
    batch = fx.batch(world)
    with pytest.raises(ApplicationError) as error:
        batches.create_batch(actor=world.admin, building=batch.building)
    assert error.value.code == "settlement.open_batch_exists"


# --- Workflow and four eyes ------------------------------------------------------------------------------------------


def _people(world):
    return (
        world.user("sup", role="service_supervisor", projects=[world.project_a]),
        world.user("fin", role="finance", projects=[world.project_a]),
        world.user("fin2", role="finance", projects=[world.project_a]),
    )


def test_review_approve_notify_post_with_four_eyes(world, django_capture_on_commit_callbacks):
    supervisor, finance, _other = _people(world)
    batch = fx.batch(world, measured=("105.00", "84.00"))
    batch = batches.step(actor=supervisor, batch=batch, action="review")
    assert batch.status == "reviewed" and batch.reviewed_by == supervisor
    with pytest.raises(ApplicationError) as error:
        batches.step(actor=supervisor, batch=batch, action="approve")
    assert error.value.status_code == 403  # the supervisor holds no approval right
    batch = batches.step(actor=finance, batch=batch, action="approve")
    assert batch.status == "approved" and batch.approved_by == finance
    assert settled_difference(batch.lines.get().contract_id) is not None
    with django_capture_on_commit_callbacks(execute=True):
        batch = batches.step(actor=finance, batch=batch, action="notify")
    assert OutboxMessage.objects.filter(channel="sms", to="13800138000", body__contains="+5.00%").exists()
    assert Notification.objects.filter(kind="settlement.notified").count() == 1
    batch = batches.step(actor=finance, batch=batch, action="post")
    assert batch.status == "posted"


def test_the_creator_may_not_review_and_neither_the_creator_nor_the_reviewer_may_approve(world):
    supervisor, _finance, _other = _people(world)
    admin = world.admin
    drawn_up = fx.batch(world, actor=admin)
    with pytest.raises(ApplicationError) as own_review:
        batches.step(actor=admin, batch=drawn_up, action="review")
    assert own_review.value.code == "settlement.four_eyes" and own_review.value.status_code == 403
    reviewed = batches.step(actor=supervisor, batch=drawn_up, action="review")
    with pytest.raises(ApplicationError) as creator:
        batches.step(actor=admin, batch=reviewed, action="approve")
    assert creator.value.code == "settlement.four_eyes"
    by_supervisor = fx.batch(world, actor=supervisor)
    reviewed_by_admin = batches.step(actor=admin, batch=by_supervisor, action="review")
    with pytest.raises(ApplicationError) as reviewer:
        batches.step(actor=admin, batch=reviewed_by_admin, action="approve")
    assert reviewer.value.code == "settlement.four_eyes"


def test_send_back_needs_a_reason_and_clears_the_review(world):
    supervisor, finance, _other = _people(world)
    batch = batches.step(actor=supervisor, batch=fx.batch(world), action="review")
    with pytest.raises(ApplicationError):
        batches.step(actor=finance, batch=batch, action="send_back")
    batch = batches.step(actor=finance, batch=batch, action="send_back", reason="实测面积待复核")
    assert batch.status == "draft" and batch.reviewed_by is None


def _to_notified(world, batch):
    supervisor, finance, _other = _people(world)
    batch = batches.step(actor=supervisor, batch=batch, action="review")
    batch = batches.step(actor=finance, batch=batch, action="approve")
    return batches.step(actor=finance, batch=batch, action="notify"), finance


# --- Posting ---------------------------------------------------------------------------------------------------------


def test_posting_buyer_pays_adds_an_area_difference_receivable_and_the_certificate_fees(world):
    SalesSettings.objects.create(project=world.project_a, deed_tax_percent=D("3.00"), registration_fee=D("80.00"))
    batch, finance = _to_notified(world, fx.batch(world, measured=("105.00", "84.00")))  # E3: pays 60,000
    contract = batch.lines.get().contract
    batches.step(actor=finance, batch=batch, action="post")
    kinds = dict(Receivable.objects.filter(contract=contract).exclude(kind="down_payment").values_list("kind", "amount"))
    assert kinds == {
        ReceivableKind.AREA_DIFFERENCE: D("60000.00"),
        ReceivableKind.DEED_TAX: D("61800.00"),  # 3 % of 2,060,000
        ReceivableKind.REGISTRATION_FEE: D("80.00"),
    }
    assert balance_of(contract) == D("121880.00")


def test_posting_a_refund_reduces_the_price_and_requests_the_overpayment_back(world):
    # E4: 100 → 95 at 20,000: 140,000 back to a buyer who paid everything.
    batch = fx.batch(world, measured=("95.00", "76.00"))
    from anju.settlement.models import SettlementBatch

    SettlementBatch.objects.filter(pk=batch.pk).update(collect_certificate_fees=False)
    batch.refresh_from_db()
    batch, finance = _to_notified(world, batch)
    contract = batch.lines.get().contract
    batches.step(actor=finance, batch=batch, action="post")
    reduction = Receivable.objects.get(contract=contract, kind=ReceivableKind.AREA_DIFFERENCE)
    assert reduction.amount == D("-140000.00")
    refund = LedgerEntry.objects.get(contract=contract, kind="refund")
    assert refund.amount == D("-140000.00") and refund.status == EntryStatus.PENDING  # waits for approval
    assert balance_of(contract) == D("-140000.00")  # once the refund is approved and posted, 0


def test_a_refund_to_a_buyer_who_still_owes_only_lowers_what_is_owed(world):
    batch = fx.batch(world, measured=("99.00", "79.20"), paid="1000000.00")  # 20,000 back, 1,000,000 still owed
    from anju.settlement.models import SettlementBatch

    SettlementBatch.objects.filter(pk=batch.pk).update(collect_certificate_fees=False)
    batch.refresh_from_db()
    batch, finance = _to_notified(world, batch)
    contract = batch.lines.get().contract
    batches.step(actor=finance, batch=batch, action="post")
    assert not LedgerEntry.objects.filter(contract=contract, kind="refund").exists()
    assert balance_of(contract) == D("980000.00")


def test_posting_twice_changes_nothing(world):
    batch, finance = _to_notified(world, fx.batch(world, measured=("102.00", "81.60")))
    batches.step(actor=finance, batch=batch, action="post")
    count = Receivable.objects.count()
    with pytest.raises(ApplicationError) as error:
        batches.step(actor=finance, batch=batch, action="post")
    assert error.value.status_code == 409 and Receivable.objects.count() == count


def test_posting_is_all_or_nothing(world):
    fx.contract(world, measured=("102.00", "81.60"))
    second = fx.contract(world, measured=("101.00", "80.80"))
    batch = batches.create_batch(actor=world.admin, building=world.building_a)
    batch, finance = _to_notified(world, batch)
    type(second).objects.filter(pk=second.pk).update(status="cancelled")  # cancelled behind the batch's back
    with pytest.raises(ApplicationError) as error:
        batches.step(actor=finance, batch=batch, action="post")
    assert error.value.code == "settlement.contract_not_live"
    assert not Receivable.objects.filter(kind=ReceivableKind.AREA_DIFFERENCE).exists()
    batch.refresh_from_db()
    assert batch.status == "notified" and not batch.lines.filter(posted_at__isnull=False).exists()


# --- Withdrawal ------------------------------------------------------------------------------------------------------


def test_a_withdrawal_starts_the_cancellation_and_is_not_posted(world):
    import datetime

    batch, finance = _to_notified(world, fx.batch(world, measured=("95.00", "76.00")))
    line = batch.lines.get()
    supervisor = world.user("sup2", role="service_supervisor", projects=[world.project_a])
    line = batches.record_withdrawal(
        actor=supervisor, line=line, reason="买受人书面通知退房", decided_on=datetime.date(2026, 3, 2)
    )
    change = ContractChange.objects.get(contract=line.contract)
    assert change.kind == "cancellation" and change.status == "pending" and line.cancellation == change
    assert batches.refund_due_on(line) == datetime.date(2026, 4, 1)  # 88号令: 30 days after 03-02
    batches.step(actor=finance, batch=batch, action="post")
    assert not Receivable.objects.filter(contract=line.contract, kind=ReceivableKind.AREA_DIFFERENCE).exists()
    assert Event.objects.filter(type="settlement_line.withdrawal_recorded").count() >= 1


def test_no_withdrawal_within_the_threshold(world):
    import datetime

    batch, _finance = _to_notified(world, fx.batch(world, measured=("102.00", "81.60")))
    with pytest.raises(ApplicationError) as error:
        batches.record_withdrawal(actor=world.admin, line=batch.lines.get(), reason="x", decided_on=datetime.date(2026, 3, 2))
    assert error.value.code == "settlement.no_withdrawal_right"


def test_model_contract_refund_deadline_is_the_contracts_own(world):
    import datetime

    batch, _finance = _to_notified(
        world, fx.batch(world, clause="model_contract", rescission_days=15, measured=("95.00", "76.00"))
    )
    line = batches.record_withdrawal(
        actor=world.admin, line=batch.lines.get(), reason="退房", decided_on=datetime.date(2024, 3, 1)
    )
    assert batches.refund_days(line) == 15 and batches.refund_due_on(line) == datetime.date(2024, 3, 18)  # 03-16 is a Saturday


# --- The 结算单 ------------------------------------------------------------------------------------------------------


def test_statement_pdf_reads_back_with_every_figure(world):
    line = _line(world, measured=("95.00", "76.00"))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(documents.line_pdf(line))).pages)
    for expected in (
        "面积补差结算单",
        line.contract.number,
        "-5.00%",
        "140,000.00",
        "60,000.00",
        "80,000.00",
        "第二十条",
        "契税",
        "退房权",
    ):
        assert expected in text, expected
    batch_text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(documents.batch_pdf(line.batch))).pages)
    assert "面积补差结算汇总" in batch_text and "140,000.00" in batch_text
