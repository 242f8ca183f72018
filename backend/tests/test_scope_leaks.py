"""No project-1 record reaches a project-2 user, and no technician sees another technician's orders (target A1).

Records of project A carry marker strings (``ZZA-…``) and hang off a customer who is also a customer of project
B, and off project A's unit she owns: a repair with a follow-up, a dispatch note, a photo and events, a complaint,
a return visit, a consultation, an appointment, a care plan, an incident. Then every GET operation of the OpenAPI
schema (lists, details, timelines, exports, reports) and the read-only POSTs (search, personal-data copy) is
called as a project-B 客服专员 and a project-B 客服主管 with every id of those records in every path parameter and
every integer query parameter: no answer may contain a project-A marker. The same walk as a technician: the
orders of another technician (``ZZT-…``) never show. A new endpoint is walked without editing this test.

An admin walks the same way first and must meet every marker (so each marker is reachable and the walk really
passes the places where a leak would show), and the project-B users must meet project B's own record.
"""

from __future__ import annotations

import datetime
import io
import itertools
import re
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator
from PIL import Image
from rest_framework.test import APIClient

from anju.core.events import record_event
from anju.workorders.models import Category, Technician, WorkOrder
from conftest import World

# Reads that take a body (full numbers never travel in a URL; the personal-data copy is audited).
READ_POSTS = {
    "/api/v1/customers/search/": [{}, {"q": "共享"}, {"mobile": "13600136000"}],
    "/api/v1/customers/{id}/personal-data/": [{"purpose": "本人申请副本"}],
}
A_MARKERS = {
    "consultation": "ZZA-consultation",
    "appointment": "ZZA-appointment",
    "order": "ZZA-order",
    "order_follow_up": "ZZA-wofollowup",
    "event_note": "ZZA-eventnote",
    "file": "ZZA-file",
    "complaint": "ZZA-complaint",
    "visit": "ZZA-visit",
    "care_plan": "ZZA-careplan",
    "incident": "ZZA-incident",
    "customer_follow_up": "ZZA-customerfollowup",
    "subscription": "ZZA-subscription",
    "contract_change": "ZZA-contractchange",
    "refund": "ZZA-refund",
    "mortgage_case": "ZZA-mortgage",
    "settlement_batch": "ZZA-settlementbatch",
    "settlement_line": "ZZA-settlementline",
    "certificate_case": "ZZA-certificate",
    "handover_batch": "ZZA-handoverbatch",
    "handover_notice": "ZZA-notice",
    "handover_inspection": "ZZA-inspection",
}
B_MARKER = "ZZB-visible"
OWN_MARKER = "ZZO-own"  # the walking technician's own order (project A): theirs to see


def _png(name: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 20, 30)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


class SharedWorld:
    """Customer 共享客户 of projects A and B, owning a unit in each, with project-A records all around her."""

    def __init__(self, world: World) -> None:
        from anju.complaints.models import Incident
        from anju.customers.services.contacts import add_ownership, create_appointment, create_consultation
        from anju.customers.services.customers import create_customer
        from anju.visits.models import CarePlan, ReturnVisit
        from anju.workorders.services.files import attach
        from anju.workorders.services.orders import add_follow_up, create_work_order

        self.world = world
        admin = world.admin
        a, b = world.project_a, world.project_b
        self.agent2 = world.user("walk_agent2", role="service_agent", projects=[b])
        self.supervisor_b = world.user("walk_supervisor_b", role="service_supervisor", projects=[b])
        self.tech_user = world.user("walk_tech", role="technician", projects=[a, b])
        self.other_tech_user = world.user("walk_other_tech", role="technician", projects=[a, b])
        for user in (self.tech_user, self.other_tech_user):
            Technician.objects.create(user=user).projects.add(a, b)
        category = Category.objects.get_or_create(
            code="walk_water", defaults={"name": "给水", "warranty_item": "electrical_plumbing"}
        )[0]
        self.customer = create_customer(actor=admin, name="共享客户", mobiles=["13600136000"], projects=[a, b])
        self.owned_a = add_ownership(actor=admin, customer=self.customer, unit=world.unit_a, role="primary")
        self.owned_b = add_ownership(actor=admin, customer=self.customer, unit=world.unit_b, role="primary")
        self.consultation = create_consultation(
            actor=admin, customer=self.customer, project=a, channel="phone", category="price", content=A_MARKERS["consultation"]
        )
        sales = world.user("walk_sales", role="sales_consultant", projects=[a])
        start = timezone.now() + datetime.timedelta(days=2)
        self.appointment = create_appointment(
            actor=admin,
            customer=self.customer,
            project=a,
            consultant=sales,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=1),
            note=A_MARKERS["appointment"],
        )

        def order(description: str, *, unit: Any = world.unit_a, type: str = "repair") -> WorkOrder:  # noqa: A002
            return create_work_order(
                actor=admin,
                type=type,
                unit=unit,
                customer=self.customer,
                category=category if type == "repair" else None,
                description=description,
            )

        # The other technician's repair in project A: every trace of it carries both markers.
        self.order_a = order(f"{A_MARKERS['order']} ZZT-order")
        add_follow_up(actor=admin, order=self.order_a, method="phone", content=f"{A_MARKERS['order_follow_up']} ZZT-followup")
        WorkOrder.objects.filter(pk=self.order_a.pk).update(assignee=self.other_tech_user, status="dispatched")
        record_event(
            target=self.order_a,
            type="work_order.dispatched",
            actor=admin,
            note=f"{A_MARKERS['event_note']} ZZT-event",
            also_on=[self.customer, world.unit_a],
        )
        self.file = attach(actor=admin, order=self.order_a, upload=_png(f"{A_MARKERS['file']}-ZZT.png"), stage="report")
        self.complaint_order = order(f"{A_MARKERS['complaint']} ZZT-complaint", type="complaint")
        self.visit = ReturnVisit.objects.create(
            work_order=self.order_a,
            project=a,
            customer=self.customer,
            unit=world.unit_a,
            due_at=timezone.now() + datetime.timedelta(days=1),
            comment=f"{A_MARKERS['visit']} ZZT-visit",
        )
        record_event(
            target=self.visit,
            type="return_visit.outcome_recorded",
            actor=admin,
            note=f"{A_MARKERS['visit']} ZZT-visit",
            also_on=[self.customer],
        )
        self.care_plan = CarePlan.objects.create(
            project=a, name=A_MARKERS["care_plan"], basis="handover", offsets=[7], starts_on=timezone.localdate()
        )
        self.incident = Incident.objects.create(
            project=a, building=world.building_a, category="quality", response_plan=A_MARKERS["incident"]
        )
        # A project-A agent's follow-up on the shared customer, and the purpose of looking at her full numbers
        from anju.customers.services.contacts import create_follow_up
        from anju.customers.services.customers import link_customer_to_project, reveal_customer_pii

        agent_a = world.user("walk_agent_a", role="service_agent", projects=[a])
        self.follow_up = create_follow_up(
            actor=agent_a, customer=self.customer, method="phone", content=A_MARKERS["customer_follow_up"]
        )
        reveal_customer_pii(actor=agent_a, customer=self.customer, purpose="ZZA-revealpurpose")
        # a project-B customer linked into project A by A's supervisor, with a reason
        supervisor_a = world.user("walk_supervisor_a", role="service_supervisor", projects=[a])
        link_customer_to_project(actor=supervisor_a, project=a, reason="ZZA-linkreason", mobile="13900139000")
        self._deals(world)
        # The walking technician's own order in project A (theirs to see, nobody in project B's).
        self.own_order = order(f"{OWN_MARKER} ZZA-ownorder")
        WorkOrder.objects.filter(pk=self.own_order.pk).update(assignee=self.tech_user, status="dispatched")
        # Project B's own record on the shared customer: what the project-B users must still see.
        self.order_b = order(B_MARKER, unit=world.unit_b)

    def _deals(self, world: World) -> None:
        """A subscription and a contract of project A whose buyer is the shared customer, a change and a refund."""
        from decimal import Decimal

        from anju.sales.services import changes, ledger
        from anju.sales.services.deals import Buyer, create_contract, create_subscription
        from anju.sales.tests.conftest import Deals

        deals = Deals(world)
        buyers = [Buyer(self.customer, "primary", Decimal("100.00"))]
        self.subscription = create_subscription(
            actor=deals.sales,
            unit=deals.unit(2),
            buyers=buyers,
            pricing_basis="whole_unit",
            total_price=Decimal("2990000.00"),
            discount_reason=A_MARKERS["subscription"],
        )
        self.contract = create_contract(
            actor=deals.sales, unit=deals.unit(3), buyers=buyers, payment_plan="commercial_loan", loan_amount=Decimal("1000000")
        )
        self.change = changes.request_change(
            actor=deals.sales, contract=self.contract, kind="cancellation", reason=A_MARKERS["contract_change"]
        )
        from anju.mortgage.models import MortgageCase

        self.mortgage_case = MortgageCase.objects.get(contract=self.contract)
        MortgageCase.objects.filter(pk=self.mortgage_case.pk).update(note=A_MARKERS["mortgage_case"])
        from anju.certificates.services import cases as certificate_cases

        self.certificate_case = certificate_cases.open_case(actor=deals.sales, contract=self.contract)
        certificate_cases.update_case(
            actor=world.admin, case=self.certificate_case, values={"note": A_MARKERS["certificate_case"]}
        )
        self._handover(world, deals)
        today = timezone.localdate()
        ledger.record_receipt(
            actor=deals.finance, contract=self.contract, amount=Decimal("10.00"), occurred_on=today, method="cash"
        )
        self.refund = ledger.request_refund(
            actor=deals.finance,
            contract=self.contract,
            amount=Decimal("5.00"),
            occurred_on=today,
            method="cash",
            note=A_MARKERS["refund"],
        )
        from anju.settlement.models import SettlementBatch, SettlementLine
        from anju.settlement.tests import factories as settlement_factories

        self.settlement_batch = settlement_factories.batch(world, measured=("105.00", "84.00"))
        SettlementBatch.objects.filter(pk=self.settlement_batch.pk).update(note=A_MARKERS["settlement_batch"])
        self.settlement_line = self.settlement_batch.lines.get()
        SettlementLine.objects.filter(pk=self.settlement_line.pk).update(withdrawal_reason=A_MARKERS["settlement_line"])

    def _handover(self, world: World, deals: Any) -> None:
        """A handover batch of project A over the shared customer's contract: its notice sent, a slot booked, an
        inspection deferred — each with a marker."""
        from anju.handover.models import HandoverBatch
        from anju.handover.services import batches, inspections, notices, slots

        start = timezone.localdate() + datetime.timedelta(days=20)
        batch = batches.create_batch(
            actor=world.admin,
            project=world.project_a,
            name=A_MARKERS["handover_batch"],
            buildings=[world.building_a],
            starts_on=start,
            ends_on=start,
            windows=["09:00-12:00"],
            capacity_per_window=5,
            place="会所",
        )
        HandoverBatch.objects.filter(pk=batch.pk).update(status="list_approved")
        batch.refresh_from_db()
        batch = notices.generate(actor=world.admin, batch=batch, version=batch.version)
        notice = batch.notices.get(contract=self.contract)
        self.handover_notice = notices.send(
            actor=world.admin,
            notice=notice,
            version=notice.version,
            channels=["post"],
            tracking_number=A_MARKERS["handover_notice"],
        )
        self.handover_batch = batch
        self.handover_slot = slots.book(actor=world.admin, notice=notice, day=start, window="09:00-12:00")
        inspection = inspections.start(actor=world.admin, notice=notice)
        self.handover_inspection = inspections.defer(
            actor=world.admin, inspection=inspection, version=inspection.version, reason=A_MARKERS["handover_inspection"]
        )

    def ids(self) -> list[int]:
        w = self.world
        objects = [
            self.subscription,
            self.contract,
            self.change,
            self.refund,
            self.mortgage_case,
            self.settlement_batch,
            self.settlement_line,
            self.certificate_case,
            self.handover_batch,
            self.handover_notice,
            self.handover_slot,
            self.handover_inspection,
            self.customer,
            self.owned_a,
            self.owned_b,
            self.consultation,
            self.appointment,
            self.order_a,
            self.file,
            self.complaint_order,
            self.complaint_order.complaint,
            self.visit,
            self.care_plan,
            self.incident,
            self.own_order,
            self.order_b,
            self.follow_up,
            w.unit_a,
            w.unit_b,
            w.building_a,
            w.building_b,
            w.project_a,
            w.project_b,
            w.company,
            w.customer_a,
            Technician.objects.get(user=self.other_tech_user),
        ]
        return sorted({obj.pk for obj in objects} | {self.other_tech_user.pk, self.tech_user.pk})


def _text(response: Any) -> str:
    """The answer's text; an xlsx (a zip) is opened so that cells are searched too."""
    content = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    if content[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "\n".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
    return content.decode("utf-8", "replace")


def _operations() -> list[tuple[str, str, list[dict[str, Any]]]]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    found = []
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method == "get" or (method == "post" and path in READ_POSTS):
                found.append((method, path, operation.get("parameters", [])))
    posts = {path for method, path, _ in found if method == "post"}
    assert posts == set(READ_POSTS), f"read-only POSTs missing from the schema: {set(READ_POSTS) - posts}"
    return found


def _calls(method: str, path: str, parameters: list[dict[str, Any]], ids: list[int]) -> list[tuple[str, dict[str, Any]]]:
    """Every URL (and query) to try: each id in each path parameter, each id in each integer query parameter."""
    names = re.findall(r"\{([a-z_]+)\}", path)
    urls = (
        [re.sub(r"\{[a-z_]+\}", str(pk), path) for pk in ids]
        if names
        else [path]  # one id in every path parameter at once: the paths here have one
    )
    query_ints = [p["name"] for p in parameters if p.get("in") == "query" and p.get("schema", {}).get("type") == "integer"]
    extra: dict[str, Any] = {}
    for p in parameters:
        if p.get("in") == "query" and p.get("schema", {}).get("type") == "boolean":
            extra[p["name"]] = "true"
        if p.get("in") == "query" and p["name"] == "purpose":
            extra["purpose"] = "越权检查"
    calls: list[tuple[str, dict[str, Any]]] = [(url, {}) for url in urls]
    if method == "get":
        calls += [(url, extra) for url in urls] if extra else []
        calls += [(url, {name: pk}) for url, name, pk in itertools.product(urls[:1], query_ints, ids)]
    return calls


def _walk(client: APIClient, shared: SharedWorld) -> dict[str, str]:
    """``{request: answer text}`` for every read the schema offers."""
    answers: dict[str, str] = {}
    for method, path, parameters in _operations():
        for url, query in _calls(method, path, parameters, shared.ids()):
            if method == "post":
                for body in READ_POSTS[path]:
                    response = client.post(url, body, format="json")
                    answers[f"POST {url} {body}"] = _text(response)
            else:
                response = client.get(url, {"page_size": 200, **query})  # every row of a list on one page
                answers[f"GET {url} {query}"] = _text(response)
    return answers


def _leaks(answers: dict[str, str], prefix: str) -> list[str]:
    return [
        f"{request}: …{text[max(0, text.find(prefix) - 80) : text.find(prefix) + 40]}…"
        for request, text in answers.items()
        if prefix in text
    ]


@pytest.fixture
def shared(world: World) -> SharedWorld:
    return SharedWorld(world)


def _client(user: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.django_db
def test_given_project_a_records_on_a_shared_customer_when_project_b_users_walk_the_api_then_none_shows(
    shared: SharedWorld,
) -> None:
    seen_by_admin = "\n".join(_walk(_client(shared.world.admin), shared).values())
    unreachable = [name for name, marker in A_MARKERS.items() if marker not in seen_by_admin]
    assert unreachable == [], f"the walk never meets these project-A records, so it proves nothing about them: {unreachable}"

    for user in (shared.agent2, shared.supervisor_b):
        answers = _walk(_client(user), shared)
        assert any(B_MARKER in text for text in answers.values()), f"{user.username} should still see project B's order"
        leaks = _leaks(answers, "ZZA-")
        assert leaks == [], f"{user.username} sees project-A records ({len(leaks)}):\n" + "\n".join(leaks[:15])


@pytest.mark.django_db
def test_given_another_technicians_order_when_a_technician_walks_the_api_then_none_of_it_shows(shared: SharedWorld) -> None:
    answers = _walk(_client(shared.tech_user), shared)
    assert any(OWN_MARKER in text for text in answers.values()), "the technician should see their own order"
    leaks = _leaks(answers, "ZZT-")
    assert leaks == [], f"the technician sees another technician's order ({len(leaks)}):\n" + "\n".join(leaks[:15])
