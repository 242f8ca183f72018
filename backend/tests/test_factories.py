"""The factory_boy factories of each app make valid rows that the scoped selectors treat like any other (issue 11 §3).

Each factory is exercised here so that it cannot silently rot when a model gains a required field or a rule.
"""

from __future__ import annotations

from decimal import Decimal

from anju.accounts.tests.factories import DepartmentFactory, UserFactory
from anju.customers.tests.factories import CustomerFactory, OwnershipFactory
from anju.properties.tests.factories import BuildingFactory, ProjectFactory, UnitFactory
from anju.sales.tests.factories import ContractFactory
from anju.sla.tests.factories import CalendarDayFactory, SlaPolicyFactory
from anju.warranty.tests.factories import ContractorFactory
from anju.workorders.tests.factories import CategoryFactory, WorkOrderFactory
from conftest import World


def test_given_the_plain_factories_when_building_rows_then_each_passes_the_model_validation(world: World) -> None:
    rows = [
        ProjectFactory(),
        BuildingFactory(project=world.project_a),
        UnitFactory(building=world.building_a),
        DepartmentFactory(),
        ContractorFactory(),
        SlaPolicyFactory(project=world.project_a),
        CalendarDayFactory(),
        CategoryFactory(),
    ]
    for row in rows:
        row.full_clean()
    assert rows[2].project == world.project_a


def test_given_a_unit_of_project_b_when_a_project_a_user_lists_units_then_it_is_not_there(world: World) -> None:
    from anju.properties.selectors import list_units

    theirs = UnitFactory(building=world.building_b)
    mine = UnitFactory(building=world.building_a)
    agent = UserFactory(role="service_agent", projects=[world.project_a])

    visible = set(list_units(actor=agent).values_list("pk", flat=True))

    assert mine.pk in visible and theirs.pk not in visible


def test_given_a_user_factory_with_a_role_and_projects_when_asking_then_it_has_the_role_and_only_that_scope(
    world: World,
) -> None:
    from anju.properties.scope import visible_project_ids

    supervisor = UserFactory(role="service_supervisor", projects=[world.project_b])
    everywhere = UserFactory(role="management", all_projects=True)

    assert supervisor.has_perm("customers.view_customer")
    assert set(visible_project_ids(supervisor) or []) == {world.project_b.pk}
    assert visible_project_ids(everywhere) is None
    assert supervisor.check_password("correct-horse-battery")


def test_given_a_customer_from_the_factory_when_listing_then_it_is_numbered_encrypted_and_scoped(world: World) -> None:
    from anju.customers.models import CustomerMobile
    from anju.customers.selectors import list_customers

    customer = CustomerFactory(actor=world.admin, projects=[world.project_b], mobiles=["13712345678"])
    OwnershipFactory(actor=world.admin, customer=customer, unit=UnitFactory(building=world.building_b))
    agent_a = UserFactory(role="service_agent", projects=[world.project_a])
    agent_b = UserFactory(role="service_agent", projects=[world.project_b])

    assert customer.code
    stored = CustomerMobile.objects.get(customer=customer)
    assert "13712345678" not in str(stored.__dict__.values())
    assert not list_customers(actor=agent_a).filter(pk=customer.pk).exists()
    assert list_customers(actor=agent_b).filter(pk=customer.pk).exists()
    assert customer.ownerships.count() == 1


def test_given_a_work_order_from_the_factory_when_reading_it_then_the_service_numbered_it_and_left_an_event(
    world: World,
) -> None:
    from anju.core.events import CommonEvent
    from anju.core.models import Event

    agent = UserFactory(role="service_agent", projects=[world.project_a])

    order = WorkOrderFactory(actor=agent, unit=world.unit_a, customer=world.customer_a)

    assert order.number and order.project == world.project_a
    assert Event.objects.filter(target_id=order.pk, type=CommonEvent.CREATED).exists()


def test_given_a_contract_from_the_factory_when_reading_it_then_buyers_share_it_and_the_down_payment_is_due(
    world: World,
) -> None:
    from anju.sales.selectors import list_contracts

    contract = ContractFactory(unit=UnitFactory(building=world.building_a), buyers=[world.customer_a])
    without = ContractFactory(unit=UnitFactory(building=world.building_b), down_payment=False)
    seller = UserFactory(role="sales_consultant", projects=[world.project_a])

    assert [b.share for b in contract.buyers.all()] == [Decimal("100.00")]
    assert contract.receivables.get().amount == contract.total_price
    assert not without.receivables.exists()
    visible = set(list_contracts(actor=seller).values_list("pk", flat=True))
    assert contract.pk in visible and without.pk not in visible


def test_given_a_complaint_from_the_factory_when_reading_it_then_its_order_opened_the_case_for_the_agent(
    world: World,
) -> None:
    from anju.complaints.tests.factories import ComplaintFactory

    agent = UserFactory(role="service_agent", projects=[world.project_a])

    complaint = ComplaintFactory(actor=agent, unit=world.unit_a, customer=world.customer_a)

    assert (complaint.owner, complaint.stage, complaint.work_order.type) == (agent, "received", "complaint")


def test_given_a_work_order_when_the_visit_factory_schedules_its_visit_then_a_second_one_is_refused(world: World) -> None:
    import pytest

    from anju.visits.tests.factories import ReturnVisitFactory

    agent = UserFactory(role="service_agent", projects=[world.project_a])
    order = WorkOrderFactory(actor=agent, unit=world.unit_a, customer=world.customer_a)

    visit = ReturnVisitFactory(work_order=order)

    assert (visit.status, visit.project_id) == ("pending", world.project_a.pk)
    with pytest.raises(AssertionError):
        ReturnVisitFactory(work_order=order)


def test_given_a_notification_from_the_factory_when_the_recipient_lists_theirs_then_only_they_see_it(world: World) -> None:
    from anju.notifications.selectors import list_notifications
    from anju.notifications.tests.factories import NotificationFactory

    me, other = UserFactory(), UserFactory()

    note = NotificationFactory(recipient=me)

    assert list(list_notifications(actor=me)) == [note]
    assert not list_notifications(actor=other).exists()
