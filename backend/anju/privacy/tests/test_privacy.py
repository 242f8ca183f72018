"""Personal-data rights: a complete copy (PIPL Art. 45) and erasure that keeps the records (Art. 47); target P4."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import connection

from anju.core.errors import ApplicationError, ConflictError
from anju.core.models import AccessLog, Event
from anju.customers.models import Customer, CustomerMobile, Tag, UnitOwnership
from anju.customers.services.contacts import create_consultation, create_follow_up
from anju.customers.services.customers import create_customer, update_customer
from anju.privacy import services
from anju.visits.models import ReturnVisit
from anju.workorders.models import WorkOrder
from anju.workorders.services import transitions
from conftest import VALID_IDS

pytestmark = pytest.mark.django_db


def _served_customer(desk: Any) -> tuple[Customer, WorkOrder]:
    """张三 (world.customer_a) with a consultation, a follow-up and a closed repair with its return visit."""
    world = desk.world
    customer = world.customer_a
    create_consultation(
        actor=desk.agent,
        customer=customer,
        project=world.project_a,
        channel="phone",
        category="price",
        content="问价格，住址 XX 路 1 号",
    )
    create_follow_up(actor=desk.agent, customer=customer, method="phone", content="张三说周末再来")
    order = transitions.dispatch(actor=desk.supervisor, order=desk.repair(), technician=desk.plumber)
    for step in (transitions.accept, transitions.start):
        order = step(actor=desk.plumber_user, order=order)
    order = transitions.complete(
        actor=desk.plumber_user,
        order=order,
        work_done="换阀门",
        lines=[],
        owner_confirmed_name="张三",
        free_reason="免费：上门检查，未更换配件",
    )
    from anju.visits import services as visits

    visits.record_outcome(
        actor=desk.agent, visit=ReturnVisit.objects.get(work_order=order), resolved=True, satisfaction=5, comment="张三很满意"
    )
    return customer, WorkOrder.objects.get(pk=order.pk)


def test_the_copy_holds_everything_in_clear_and_is_logged_once(desk: Any) -> None:
    customer, order = _served_customer(desk)
    data = services.export_personal_data(actor=desk.supervisor, customer=customer, purpose="业主申请个人信息副本")
    assert data["customer"]["name"] == "张三"
    assert data["customer"]["mobiles"] == ["13800138000"]
    assert data["customer"]["id_number"] == VALID_IDS[2]
    assert [h["unit"] for h in data["homes"]] == ["1号楼-101"]
    assert data["consultations"][0]["content"].startswith("问价格")
    assert data["follow_ups"][0]["content"] == "张三说周末再来"
    assert [(o["number"], o["contact_phone"]) for o in data["work_orders"]] == [(order.number, "13800138000")]
    assert [(v["order"], v["satisfaction"], v["comment"]) for v in data["return_visits"]] == [(order.number, 5, "张三很满意")]
    log = AccessLog.objects.get(action="export", object_id=customer.pk)
    assert (log.actor, log.purpose, log.fields) == (desk.supervisor, "业主申请个人信息副本", ["all"])
    assert Event.objects.filter(type="customer.personal_data_exported", target_id=customer.pk).count() == 1


def test_erasure_is_refused_while_the_person_still_owns_a_home(desk: Any) -> None:
    customer, _order = _served_customer(desk)
    with pytest.raises(ConflictError) as caught:
        services.erase_customer(actor=desk.world.admin, customer=customer, reason="业主申请删除")
    assert caught.value.code == "customer.still_owner"
    assert Customer.objects.get(pk=customer.pk).name == "张三"


def test_erasure_is_refused_while_a_work_order_is_open(desk: Any) -> None:
    customer = desk.world.customer_a
    desk.repair()
    UnitOwnership.objects.filter(customer=customer).delete()
    with pytest.raises(ConflictError) as caught:
        services.erase_customer(actor=desk.world.admin, customer=customer, reason="业主申请删除")
    assert caught.value.code == "customer.open_orders"


def test_erasure_anonymises_the_person_and_keeps_the_records(desk: Any) -> None:
    customer, order = _served_customer(desk)
    UnitOwnership.objects.filter(customer=customer).delete()  # sold the home on
    with pytest.raises(ApplicationError):
        services.erase_customer(actor=desk.world.admin, customer=customer, reason="  ")
    erased = services.erase_customer(actor=desk.world.admin, customer=customer, reason="业主申请删除（第四十七条）")
    assert erased.name == services.ERASED_NAME and erased.erased_at is not None
    assert (erased.id_number_ciphertext, erased.id_number_index, erased.address) == ("", None, "")
    assert not CustomerMobile.objects.filter(customer=customer).exists()
    # the records stay, without what the person said
    order = WorkOrder.objects.get(pk=order.pk)
    assert (order.number, order.status, order.work_done, order.contact_name, order.contact_phone) == (
        order.number,
        "closed",
        "换阀门",
        "",
        "",
    )
    visit = ReturnVisit.objects.get(work_order=order)
    assert (visit.satisfaction, visit.comment) == (5, "")
    assert customer.consultations.get().content == ""
    assert customer.follow_ups.get().content == ""
    # nothing of the person is left in the database's text
    with connection.cursor() as cursor:
        for table, column in (("customers_customer", "name"), ("core_event", "note"), ("core_event", "target_label")):
            cursor.execute(f"SELECT COUNT(*) FROM {table} WHERE {column} LIKE %s", ["%张三%"])  # noqa: S608 - fixed names
            assert cursor.fetchone()[0] == 0, (
                table,
                column,
                list(Event.objects.filter(note__contains="张三").values("type", "target_type__model", "note")),
            )
    # the evidence of processing stays
    assert AccessLog.objects.filter(action="erase", object_id=customer.pk).count() == 1
    assert Event.objects.filter(type="customer.erased", target_id=customer.pk).get().note == "业主申请删除（第四十七条）"
    # and the record can no longer be edited, exported or erased again
    with pytest.raises(ConflictError):
        update_customer(actor=desk.world.admin, customer=erased, version=erased.version, notes="x")
    with pytest.raises(ConflictError):
        services.export_personal_data(actor=desk.world.admin, customer=erased, purpose="x")
    with pytest.raises(ConflictError):
        services.erase_customer(actor=desk.world.admin, customer=erased, reason="again")
    with pytest.raises(ConflictError):  # nothing new is recorded about the person
        create_follow_up(actor=desk.agent, customer=erased, method="phone", content="再联系")


def test_a_prospect_who_never_bought_can_be_erased_and_their_mobile_reused(desk: Any) -> None:
    prospect = create_customer(actor=desk.world.admin, name="王五", mobiles=["13700137000"], projects=[desk.world.project_a])
    services.erase_customer(actor=desk.world.admin, customer=prospect, reason="撤回同意")
    again = create_customer(actor=desk.world.admin, name="王五", mobiles=["13700137000"], projects=[desk.world.project_a])
    assert again.pk != prospect.pk  # the blind index of the erased mobile is gone


# --- API ----------------------------------------------------------------------------------------------------------


def test_api_download_and_erase(desk: Any, client_for: Any) -> None:
    world = desk.world
    prospect = create_customer(actor=world.admin, name="王五", mobiles=["13700137000"], projects=[world.project_a])
    supervisor = client_for(desk.supervisor)
    response = supervisor.post(f"/api/v1/customers/{prospect.id}/personal-data/", {"purpose": "本人申请"}, format="json")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="personal-data-{prospect.code}.json"'
    assert json.loads(response.content)["customer"]["mobiles"] == ["13700137000"]
    assert supervisor.post(f"/api/v1/customers/{prospect.id}/erase/", {"reason": "x"}, format="json").status_code == 403
    admin = client_for(world.admin)
    stale = admin.post(f"/api/v1/customers/{prospect.id}/erase/", {"reason": "撤回同意", "version": 99}, format="json")
    assert stale.status_code == 409
    erased = admin.post(f"/api/v1/customers/{prospect.id}/erase/", {"reason": "撤回同意", "version": 1}, format="json")
    assert erased.status_code == 200
    assert (erased.data["name"], erased.data["mobiles"], erased.data["id_number"]) == (services.ERASED_NAME, [], "")
    assert erased.data["erased_at"] is not None


@pytest.mark.parametrize(("language", "text"), [("zh-hans", "房屋"), ("en", "home")])
def test_api_bad_input_in_both_languages(desk: Any, client_for: Any, language: str, text: str) -> None:
    admin = client_for(desk.world.admin, language=language)
    customer = desk.world.customer_a
    missing = admin.post(f"/api/v1/customers/{customer.id}/erase/", {}, format="json")
    assert missing.status_code == 400 and "reason" in missing.data["fields"]
    owner = admin.post(f"/api/v1/customers/{customer.id}/erase/", {"reason": "申请", "version": customer.version}, format="json")
    assert owner.status_code == 409 and text in owner.data["message"].lower()
    no_purpose = admin.post(f"/api/v1/customers/{customer.id}/personal-data/", {"purpose": ""}, format="json")
    assert no_purpose.status_code == 400 and "purpose" in no_purpose.data["fields"]
    assert Customer.objects.get(pk=customer.pk).name == "张三"


def test_given_a_buyer_with_deals_when_the_copy_is_taken_then_it_holds_them_in_scope_with_the_refund_account(
    world: Any,
) -> None:
    import datetime
    from decimal import Decimal

    from django.utils import timezone

    from anju.privacy.services import personal_data
    from anju.sales.services import deals as svc
    from anju.sales.services import ledger
    from anju.sales.tests.conftest import Deals

    deals = Deals(world)
    contract = deals.sign(payment_plan="commercial_loan", loan_amount=Decimal("1000000.00"))
    today = timezone.localdate()
    ledger.record_receipt(actor=deals.finance, contract=contract, amount=Decimal("100.00"), occurred_on=today, method="cash")
    ledger.request_refund(
        actor=deals.finance,
        contract=contract,
        amount=Decimal("50.00"),
        occurred_on=today,
        method="transfer",
        account="6222000011112222",
        note="多收",
    )
    svc.create_subscription(
        actor=deals.sales, unit=deals.unit(2), buyers=deals.buyers(), subscribed_on=today - datetime.timedelta(days=1)
    )
    copy = personal_data(world.customer_a, actor=world.admin)
    assert [c["number"] for c in copy["contracts"]] == [contract.number]
    assert copy["contracts"][0]["share"] == "100.00"
    assert len(copy["subscriptions"]) == 1 and len(copy["mortgage_cases"]) == 1
    assert "6222000011112222" in [p["account"] for p in copy["payments"]]
    outsider = world.user("copy_b", role="service_supervisor", projects=[world.project_b])
    assert personal_data(world.customer_a, actor=outsider)["contracts"] == []


def test_the_copy_and_the_erasure_cover_the_owner_app(desk: Any, client_for: Any) -> None:
    """The owner's account (sessions, code requests), their 会员活动 registrations and what they reported in the app
    are in the copy; erasure deletes the sessions and code requests (also one made before the number was theirs)."""
    from django.utils import timezone

    from anju.activities import services as activities
    from anju.activities.tests import factories as activity_factories
    from anju.owners import feedback, signin
    from anju.owners.models import OwnerSession, SignInCode

    world = desk.world
    customer = world.customer_a
    signin.request_code(mobile="13800138000", ip_address="10.1.2.3")
    signin.open_session(customer=customer, user_agent="iPhone Safari")
    activity = activity_factories.activity(world, title="亲子烘焙")
    registration = activities.sign_up(customer=customer, activity_id=activity.id)
    activities.check_in(actor=world.admin, registration=registration)
    unit = UnitOwnership.objects.filter(customer=customer).first().unit
    order = feedback.report(owner=customer, unit=unit, type="praise", description="保安很负责")
    data = services.personal_data(customer, actor=desk.supervisor)
    assert [(r["activity"], r["status"]) for r in data["activity_registrations"]] == [("亲子烘焙", "checked_in")]
    assert data["activity_registrations"][0]["checked_in_at"]
    account = data["owner_account"]
    assert [s["device"] for s in account["sessions"]] == ["iPhone Safari"]
    assert [c["ip_address"] for c in account["sign_in_codes"]] == ["10.1.2.3"]
    assert [(o["channel"], o["description"]) for o in data["work_orders"] if o["number"] == order.number] == [
        ("owner_portal", "保安很负责")
    ]
    # another project's supervisor does not see the registration of project A's activity
    outsider = world.user("sup_b", role="service_supervisor", projects=[world.project_b])
    assert services.personal_data(customer, actor=outsider)["activity_registrations"] == []

    WorkOrder.objects.filter(pk=order.pk).update(status="closed")
    SignInCode.objects.create(  # a request made while the number was not known as an owner's
        mobile_index=signin.mobile_index("13800138000"), customer=None, ip_address="10.9.9.9", expires_at=timezone.now()
    )
    UnitOwnership.objects.filter(customer=customer).delete()
    services.erase_customer(actor=world.admin, customer=customer, reason="业主申请删除")
    assert not OwnerSession.objects.filter(customer=customer).exists()
    assert not SignInCode.objects.exists()
    # the registration stays for the participation figures, naming nobody
    assert activity.registrations.get().customer.name == services.ERASED_NAME


def test_the_email_address_is_in_the_copy_and_erasure_clears_it_with_the_emails_sent(
    desk: Any, django_capture_on_commit_callbacks: Any
) -> None:
    import datetime

    from django.utils import timezone

    from anju.notifications.models import OutboundEmail
    from anju.surveys import services as surveys
    from anju.surveys.tests import factories

    world = desk.world
    prospect = create_customer(
        actor=world.admin, name="王五", mobiles=["13700137000"], email="wangwu@example.com", projects=[world.project_a]
    )
    copy = services.export_personal_data(actor=world.admin, customer=prospect, purpose="本人申请")
    assert copy["customer"]["email"] == "wangwu@example.com"
    tag = Tag.objects.create(name="邮件调查")
    prospect.tags.add(tag)
    campaign = surveys.create_campaign(
        actor=world.admin,
        survey=factories.survey(world),
        project=world.project_a,
        tag=tag,
        name="邮件调查",
        channel="email",
        expires_at=timezone.now() + datetime.timedelta(days=7),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert surveys.send_campaign(actor=world.admin, campaign=campaign)["sent"] == 1
    assert OutboundEmail.objects.filter(about=f"customer:{prospect.pk}").count() == 1
    erased = services.erase_customer(actor=world.admin, customer=prospect, reason="撤回同意")
    assert erased.email_ciphertext == ""
    assert not OutboundEmail.objects.filter(about=f"customer:{prospect.pk}").exists()
    assert "email" in AccessLog.objects.get(action="erase", object_id=prospect.pk).fields
