"""seed_demo is deterministic, idempotent and refuses a default password in production."""

import pytest
from django.core.management import CommandError, call_command

from anju.accounts.models import User
from anju.customers.models import Customer, UnitOwnership
from anju.customers.selectors import list_customers
from anju.properties.models import Project, Unit
from anju.visits.models import CarePlan, ReturnVisit
from anju.workorders.models import WorkOrder


@pytest.mark.django_db
def test_seed_demo_builds_the_data_set_once(settings) -> None:
    settings.DEMO_PASSWORD = "demo-password-for-tests"
    call_command("seed_demo")
    codes = list(Customer.objects.order_by("code").values_list("code", "name"))
    counts = (Customer.objects.count(), Unit.objects.count(), UnitOwnership.objects.count())
    orders = WorkOrder.objects.count()
    care_visits = ReturnVisit.objects.filter(kind="care").count()
    surveys = _automatic_surveys()
    call_command("seed_demo")
    assert _automatic_surveys() == surveys  # the automatic surveys and their invitations are made once
    assert ReturnVisit.objects.filter(kind="care").count() == care_visits > 0  # VIP owners of P001, called today
    assert CarePlan.objects.count() == 2
    assert (Customer.objects.count(), Unit.objects.count(), UnitOwnership.objects.count()) == counts
    assert WorkOrder.objects.count() == orders
    assert list(Customer.objects.order_by("code").values_list("code", "name")) == codes
    for project in Project.objects.all():
        assert Unit.objects.filter(project=project).count() >= 200
    assert Customer.objects.count() >= 300
    assert UnitOwnership.objects.values("customer").distinct().count() >= 300
    usernames = set(User.objects.values_list("username", flat=True))
    assert {"admin", "supervisor", "agent", "tech", "tech2", "sales", "mortgage", "finance", "manager", "agent2"} <= usernames
    agent2 = User.objects.get(username="agent2")
    assert agent2.check_password("demo-password-for-tests")
    assert [p.code for p in Project.objects.filter(pk__in=agent2.data_scope.projects.all())] == ["P002"]
    showcase = list_customers(actor=User.objects.get(username="agent"), filters={"mobile": "13912345678"}).get()
    assert showcase.name == "陈安居"
    owned = showcase.ownerships.select_related("unit__building")
    assert [(o.unit.building.code, o.unit.room_number) for o in owned] == [("1", "1801")]
    assert not list_customers(actor=agent2, filters={"mobile": "13912345678"}).exists()
    # two years of history for the reports (issue 16 §5): leaks peak in the rainy months, the weak contractor reworks
    history = WorkOrder.objects.filter(number__contains="-H", type="repair")
    assert history.count() > 1000
    leaks = history.filter(category__code__in=["bathroom_leak", "exterior_wall_leak"])
    assert leaks.filter(created_at__month__in=[6, 7, 8, 9]).count() > leaks.exclude(created_at__month__in=[6, 7, 8, 9]).count()
    weak = history.filter(responsible_contractor__name="上海安固防水工程有限公司")
    assert weak.filter(reopen_count__gt=0).count() * 5 > weak.count()
    statuses = set(WorkOrder.objects.values_list("status", flat=True))
    assert {"pending_dispatch", "dispatched", "accepted", "in_progress", "on_hold", "completed", "closed"} <= statuses
    assert WorkOrder.objects.filter(assignee__username__in=["tech", "tech2"]).exists()
    # deals consistent with the units: every owned 已签约/已交付 unit has one live contract whose buyers are its owners
    from anju.mortgage.choices import Stage
    from anju.mortgage.models import MortgageCase
    from anju.sales.models import Contract, Subscription
    from anju.sales.selectors import with_amounts

    sold = Unit.objects.filter(status__in=["contracted", "delivered"], ownerships__isnull=False).distinct()
    assert Contract.objects.filter(unit__in=sold, status__in=["signed", "filed"]).count() == sold.count()
    for contract in Contract.objects.filter(unit__in=sold)[:50]:
        owners = set(UnitOwnership.objects.filter(unit=contract.unit).values_list("customer_id", flat=True))
        assert owners == set(contract.buyers.values_list("customer_id", flat=True))
    assert Subscription.objects.filter(unit__status="subscribed").exists()
    assert set(Stage.values) - set(MortgageCase.objects.values_list("stage", flat=True)) <= {
        "switched_bank",
        "to_full_payment",
        "withdrawn",
    }
    # certificates: cases of delivered units in several stages, a delay by the authority, receipts, a 首次登记 date
    from anju.certificates.models import CertificateCase, Delay, ProjectMilestone, Receipt

    delivered_live = Contract.objects.filter(unit__status="delivered", status__in=["signed", "filed"]).count()
    assert CertificateCase.objects.filter(delivered_on__isnull=False).count() == delivered_live
    # P002: four homes handed over by the certificates seed, more by the handover batch (its acceptances open cases)
    assert CertificateCase.objects.filter(project__code="P002", delivered_on__isnull=False).count() > 4
    assert {"collecting", "documents_submitted", "transfer_applied", "sent_to_bank", "handed_over"} <= set(
        CertificateCase.objects.values_list("stage", flat=True)
    )
    assert Delay.objects.filter(fault="authority").exists()
    assert {"original", "copy"} <= set(Receipt.objects.values_list("kind", flat=True))
    assert ProjectMilestone.objects.filter(first_registration_on__isnull=False).exists()
    assert CertificateCase.objects.filter(pre_registration_lapses_on__isnull=False, transfer_applied_on__isnull=True).exists()
    # 面积补差: a posted batch with the mix (within, beyond +3 %, beyond −3 % with the right, one 按套) and a draft
    from anju.settlement.models import SettlementBatch, SettlementLine

    assert sorted(SettlementBatch.objects.values_list("status", flat=True)) == ["draft", "posted"]
    posted = SettlementLine.objects.filter(batch__status="posted")
    assert posted.filter(withdrawal_right=True, buyer_pays__gt=0, developer_absorbs__gt=0).exists()
    assert posted.filter(withdrawal_right=True, double_refund_area__gt=0).exists()
    assert posted.filter(withdrawal_right=False, settles=True).count() >= 2
    assert posted.filter(settles=False, pricing_basis="whole_unit").count() == 1
    assert posted.filter(posted_at__isnull=False).count() == posted.count()
    assert SettlementBatch.objects.get(status="draft").missing
    # Homes delivered before Anju were paid up; homes handed over in the demo batch may still owe (GF-2014 第十一条).
    paid_up = with_amounts(Contract.objects.filter(unit__status="delivered", project__code="P001"))
    assert all(c.due == c.paid for c in paid_up)
    from anju.handover.models import HandoverBatch, Inspection

    assert sorted(HandoverBatch.objects.values_list("status", flat=True)) == ["handing_over", "notifying", "preparing"]
    accepted = Inspection.objects.filter(status="accepted")
    assert accepted.exists() and all(i.unit.status == "delivered" for i in accepted)
    assert Inspection.objects.filter(status="deferred").count() == 1
    assert WorkOrder.objects.filter(channel="handover_inspection").values("status").distinct().count() >= 3
    preparing = HandoverBatch.objects.get(status="preparing")
    assert preparing.list_prepared_by.username == "agent"  # the journey's supervisor approves it
    assert set(WorkOrder.objects.values_list("type", flat=True)) == {
        "repair",
        "complaint",
        "consultation",
        "suggestion",
        "praise",
    }


def _automatic_surveys() -> tuple[list[tuple[str, bool]], list[tuple[str, str, str]], int]:
    """The demo's automatic surveys (issue 16 §4) as a comparable value, after checking what the screens need: one per
    kind on the first project, invitations in every state (skips with their reason), the automatic campaign."""
    from anju.surveys.models import Campaign, Invitation, Recipient, SurveyTrigger

    triggers = list(SurveyTrigger.objects.order_by("kind").values_list("project__code", "kind", "anonymous", "survey__status"))
    assert triggers == [
        ("P001", "handover", False, "published"),
        ("P001", "order_closed", False, "published"),
        ("P001", "yearly", True, "published"),
    ]
    invitations = list(Invitation.objects.order_by("id").values_list("source", "state", "reason"))
    states = {state for _source, state, _reason in invitations}
    assert states == {"pending", "sent", "skipped"}
    assert {reason for _source, state, reason in invitations if state == "skipped"} == {"fatigue"}
    assert all(source.startswith("order:") for source, _state, _reason in invitations)
    sent = Invitation.objects.filter(state="sent")
    assert sent.count() == Recipient.objects.filter(invitation__in=sent).count() >= 3
    assert not Invitation.objects.filter(customer__name="陈安居").exists()  # the owner-app journeys' showcase owner
    campaigns = Campaign.objects.filter(trigger__isnull=False).count()
    assert campaigns == 1
    return (
        [(kind, anonymous) for _code, kind, anonymous, _status in triggers],
        invitations,
        campaigns,
    )


@pytest.mark.django_db
def test_seed_demo_refuses_without_password_when_debug_is_off(settings) -> None:
    settings.DEBUG = False
    settings.DEMO_PASSWORD = ""
    with pytest.raises(CommandError):
        call_command("seed_demo")


@pytest.mark.django_db
def test_the_minimal_set_has_users_projects_and_one_owner(settings) -> None:
    """`seed_demo --minimal` (the production drill): seconds instead of minutes, and the full set can follow."""
    settings.DEMO_PASSWORD = "demo-password-for-tests"
    call_command("seed_demo", "--minimal")
    call_command("seed_demo", "--minimal")  # idempotent
    assert User.objects.filter(username__in=["admin", "supervisor", "agent", "manager"]).count() == 4
    assert Project.objects.count() == 2
    assert Customer.objects.count() == 1
    assert UnitOwnership.objects.count() == 1
    assert WorkOrder.objects.count() == 0
    agent = User.objects.get(username="agent")
    assert list_customers(actor=agent, filters={"mobile": "13912345678"}).get().name == "陈安居"
