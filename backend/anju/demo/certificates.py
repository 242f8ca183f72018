"""Demo certificate cases (产证): every delivered unit with a live contract gets its case through the same backfill a
data import uses; a few units of the second project are handed over now through ``properties.services.deliver_unit``
(as the handover app will), so their clocks run with days left; that project gets a 首次登记 date so the 预告登记
clock shows. The delivered project's cases are moved along the table by the services the screens use: some handed
over with a 签收表, mortgaged ones sent to the bank, one delayed by the registration authority, some still waiting."""

from __future__ import annotations

import datetime

from django.utils import timezone

from anju.accounts.models import User
from anju.certificates.choices import OPEN_STAGES
from anju.certificates.models import CertificateCase, SaleSnapshot
from anju.certificates.services import cases, milestones
from anju.certificates.workflow import CertificateAction
from anju.properties.models import Project, Unit
from anju.properties.services import deliver_unit
from anju.sales.choices import LIVE_CONTRACT
from anju.sales.models import Contract
from anju.sales.selectors import with_amounts

A = CertificateAction
# Days after delivery each step of the delivered project's cases took.
OFFSETS = {
    A.SUBMIT_DOCUMENTS: 45,
    A.RECORD_DEED_TAX: 60,
    A.APPLY_TRANSFER: 75,
    A.COMPLETE_TRANSFER: 100,
    A.REGISTER_MORTGAGE: 115,
    A.SEND_TO_BANK: 120,
    A.HAND_OVER: 110,
}

ACTORS = {A.RECORD_DEED_TAX: "finance", A.REGISTER_MORTGAGE: "mortgage", A.SEND_TO_BANK: "mortgage"}


def _presale(project: Project) -> None:
    """The demo builds its delivered units measured from the start; their contracts were signed off-plan (200 to 500
    days before delivery), so they are presales."""
    SaleSnapshot.objects.filter(contract__project=project).update(measured_at_signing=False)


def _walk(users: dict[str, User], case: CertificateCase, last: CertificateAction, index: int) -> None:
    """Move ``case`` through the happy path up to and including ``last``."""
    assert case.delivered_on is not None
    plan = [A.SUBMIT_DOCUMENTS, A.RECORD_DEED_TAX, A.APPLY_TRANSFER, A.COMPLETE_TRANSFER]
    plan += [A.REGISTER_MORTGAGE, A.SEND_TO_BANK] if case.mortgaged else [A.HAND_OVER]
    for action in plan[: plan.index(last) + 1]:
        on = case.delivered_on + datetime.timedelta(days=OFFSETS[action])
        actor = (
            users["finance"]
            if action == A.RECORD_DEED_TAX
            else users["mortgage"]
            if action in (A.REGISTER_MORTGAGE, A.SEND_TO_BANK)
            else users["agent"]
        )
        if action == A.COMPLETE_TRANSFER:
            number = f"沪({on.year})浦东新区不动产权第{index + 100321:07d}号"
            case = cases.complete_transfer(actor=actor, case=case, certificate_number=number, on=on)
        elif action in (A.HAND_OVER, A.SEND_TO_BANK):
            case = cases.hand_out(actor=actor, case=case, action=action, on=on)
        else:
            case = cases.step(actor=actor, case=case, action=action, on=on)


def _delivered_project(users: dict[str, User], project: Project) -> None:
    rows = list(CertificateCase.objects.filter(project=project).order_by("unit__building__code", "unit__floor", "unit__stack"))
    agent = users["agent"]
    for index, case in enumerate(rows):
        cases.set_checklist(actor=agent, case=case, items=[{"id": i.pk, "received": True} for i in case.checklist.all()])
        case.refresh_from_db()
        bucket = index % 10  # the demo's six payment plans spread over the buckets
        if bucket < 5:  # done: handed over, or the original at the bank
            _walk(users, case, A.SEND_TO_BANK if case.mortgaged else A.HAND_OVER, index)
        elif bucket in (5, 6):  # applied for, the registry is slow
            _walk(users, case, A.APPLY_TRANSFER, index)
            assert case.delivered_on is not None
            cases.add_delay(
                actor=agent,
                case=case,
                fault="authority",
                note="不动产登记中心系统升级，受理暂停两周",
                occurred_on=case.delivered_on + datetime.timedelta(days=80),
            )
        elif bucket == 7:  # the buyer has not paid the deed tax: documents submitted, nothing more
            _walk(users, case, A.SUBMIT_DOCUMENTS, index)
            assert case.delivered_on is not None
            cases.add_delay(
                actor=agent,
                case=case,
                fault="buyer",
                note="业主未缴契税，已电话提醒",
                occurred_on=case.delivered_on + datetime.timedelta(days=70),
            )
        # buckets 8 and 9: still collecting documents (the clocks were missed: the at-risk list shows them)


def _recent_handovers(users: dict[str, User], project: Project) -> None:
    """Four homes of the second project accepted by their owners in the last months: clocks with days left."""
    today = timezone.localdate()
    contracts = with_amounts(Contract.objects.filter(project=project, status__in=LIVE_CONTRACT, unit__delivery_date__isnull=True))
    # a home is handed over once paid for (``due`` and ``paid`` are annotated by ``with_amounts``)
    paid_up = [c.unit_id for c in contracts.order_by("id") if c.due == c.paid]  # type: ignore[attr-defined]
    units = list(Unit.objects.filter(pk__in=paid_up[:4]).order_by("id"))
    for unit, days_ago in zip(units, (50, 85, 20, 5), strict=False):
        deliver_unit(actor=users["agent"], unit=unit, delivered_on=today - datetime.timedelta(days=days_ago))


def seed_certificates(users: dict[str, User], projects: dict[str, Project]) -> None:
    delivered, recent = projects["P001"], projects["P002"]
    _presale(delivered)
    cases.open_delivered_units(actor=users["agent"], project_id=delivered.pk)
    _delivered_project(users, delivered)
    _recent_handovers(users, recent)
    milestones.set_milestone(
        actor=users["supervisor"],
        project=recent,
        values={"first_registration_on": timezone.localdate() - datetime.timedelta(days=80)},
    )
    CertificateCase.objects.filter(project__in=[delivered, recent], handler__isnull=True, stage__in=OPEN_STAGES).update(
        handler=users["agent"]
    )
