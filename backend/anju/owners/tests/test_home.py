"""My home (issue 17 §3): the contract's dates and balance, the sent handover notice with fees and slot booking within
capacity, defects, warranty items; another owner's home is a 404."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from anju.customers.services.contacts import add_ownership
from anju.handover.choices import NoticeStatus
from anju.handover.models import HandoverNotice, HandoverSlot
from anju.handover.tests import factories

pytestmark = pytest.mark.django_db


def _sent_notice(world: Any, *, capacity: int = 2) -> HandoverNotice:
    notice = factories.notice(world, capacity=capacity)
    HandoverNotice.objects.filter(pk=notice.pk).update(status=NoticeStatus.SENT, sent_on=timezone.localdate())
    add_ownership(actor=world.admin, customer=world.customer_a, unit=notice.unit, role="primary")
    notice.refresh_from_db()
    return notice


def test_a_home_without_a_contract_shows_what_exists(world: Any, owner_client: Any) -> None:
    body = owner_client(world.customer_a).get(f"/api/v1/owner/homes/{world.unit_a.id}/").json()
    assert body["contract"] is None and body["handover"] is None and body["certificate"] is None
    items = {row["item"]: row for row in body["warranty"]}
    assert len(items) == 6
    assert all(row["expires_on"] for row in body["warranty"])  # delivered 2024-06-30: every period has an end


def test_the_contract_balance_and_the_sent_notice_with_its_fees(world: Any, owner_client: Any) -> None:
    notice = _sent_notice(world)
    body = owner_client(world.customer_a).get(f"/api/v1/owner/homes/{notice.unit_id}/").json()
    assert body["contract"]["number"] == notice.contract.number
    assert body["contract"]["total_price"] == "1000000.00" and body["contract"]["balance_due"] == "1000000.00"
    handover = body["handover"]
    assert handover["place"] == "一期会所" and handover["can_book"] is True
    assert handover["fees"]["maintenance_fund"] == str(notice.maintenance_fund)
    assert len(handover["free_windows"]) == 6  # 3 days x 2 windows
    assert "consultant" not in str(body) and "admin" not in str(body)


def test_a_draft_notice_is_not_shown(world: Any, owner_client: Any) -> None:
    notice = _sent_notice(world)
    HandoverNotice.objects.filter(pk=notice.pk).update(status=NoticeStatus.DRAFT)
    assert owner_client(world.customer_a).get(f"/api/v1/owner/homes/{notice.unit_id}/").json()["handover"] is None


def test_the_owner_books_a_slot_within_capacity(world: Any, owner_client: Any) -> None:
    notice = _sent_notice(world, capacity=1)
    batch = notice.batch
    owner = owner_client(world.customer_a)
    body = {"day": batch.starts_on.isoformat(), "window": batch.windows[0]}
    response = owner.post(f"/api/v1/owner/homes/{notice.unit_id}/handover-slot/", body, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["handover"]["slot"]["window"] == batch.windows[0]
    assert response.json()["handover"]["can_book"] is False
    again = owner.post(f"/api/v1/owner/homes/{notice.unit_id}/handover-slot/", body, format="json")
    assert again.status_code == 409
    assert HandoverSlot.objects.filter(notice=notice).count() == 1


def test_a_full_window_is_refused_and_not_offered(world: Any, owner_client: Any) -> None:
    from anju.handover.services import slots

    notice = _sent_notice(world, capacity=1)
    batch = notice.batch
    other = factories.contract(world)
    neighbour = HandoverNotice.objects.filter(batch=batch).exclude(pk=notice.pk).first()
    if neighbour is None:  # the batch's notices were generated before this contract: give it one
        neighbour = HandoverNotice.objects.create(
            batch=batch,
            project=batch.project,
            unit=other.unit,
            contract=other,
            handover_on=notice.handover_on,
            window=notice.window,
            area=notice.area,
            price_balance=notice.price_balance,
            area_buyer_pays=notice.area_buyer_pays,
            area_developer_refunds=notice.area_developer_refunds,
            maintenance_fund=notice.maintenance_fund,
            deed_tax=notice.deed_tax,
            registration_fee=notice.registration_fee,
            property_fee=notice.property_fee,
        )
    slots.book(actor=world.admin, notice=neighbour, day=batch.starts_on, window=batch.windows[0])
    owner = owner_client(world.customer_a)
    free = owner.get(f"/api/v1/owner/homes/{notice.unit_id}/").json()["handover"]["free_windows"]
    assert {"day": batch.starts_on.isoformat(), "window": batch.windows[0], "places_left": 1} not in free
    assert len(free) == 5
    body = {"day": batch.starts_on.isoformat(), "window": batch.windows[0]}
    response = owner.post(f"/api/v1/owner/homes/{notice.unit_id}/handover-slot/", body, format="json")
    assert response.status_code == 409 and response.json()["code"] == "handover.slot_full"


def test_bad_slot_input_and_another_owners_home(world: Any, owner_client: Any) -> None:
    notice = _sent_notice(world)
    owner = owner_client(world.customer_a)
    bad = owner.post(f"/api/v1/owner/homes/{notice.unit_id}/handover-slot/", {"day": "x", "window": "09:00-12:00"}, format="json")
    assert bad.status_code == 400 and "day" in bad.json()["fields"]
    outside = owner.post(
        f"/api/v1/owner/homes/{notice.unit_id}/handover-slot/", {"day": "2000-01-01", "window": "09:00-12:00"}, format="json"
    )
    assert outside.status_code == 400 and "day" in outside.json()["fields"]
    stranger = owner_client(world.customer_b)
    assert stranger.get(f"/api/v1/owner/homes/{notice.unit_id}/").status_code == 404
    body = {"day": notice.batch.starts_on.isoformat(), "window": notice.batch.windows[0]}
    assert stranger.post(f"/api/v1/owner/homes/{notice.unit_id}/handover-slot/", body, format="json").status_code == 404
    assert not HandoverSlot.objects.exists()


def test_a_home_with_no_notice_cannot_book(world: Any, owner_client: Any) -> None:
    response = owner_client(world.customer_a).post(
        f"/api/v1/owner/homes/{world.unit_a.id}/handover-slot/", {"day": "2026-12-20", "window": "09:00-12:00"}, format="json"
    )
    assert response.status_code == 409 and response.json()["code"] == "owner.no_handover_notice"
