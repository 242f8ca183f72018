"""Owner sign-in (issue 17 §1): codes by text with their limits, the owner's own realm, 30-day revocable sessions."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from anju.notifications.models import OutboxMessage
from anju.owners import signin
from anju.owners.models import OwnerSession, SignInCode

pytestmark = pytest.mark.django_db

OWNER = "13800138000"  # customer_a owns unit_a
NOT_AN_OWNER = "13700137000"


def _ask(client: APIClient, mobile: str, ip: str = "10.0.0.1") -> Any:
    return client.post("/api/v1/owner/auth/code/", {"mobile": mobile}, format="json", REMOTE_ADDR=ip)


def _code_sent_to(mobile: str) -> str:
    message = OutboxMessage.objects.filter(to=mobile).order_by("-id").first()
    assert message is not None
    found = re.search(r"\b(\d{6})\b", message.body)
    assert found
    return found.group(1)


def _verify(client: APIClient, mobile: str, code: str) -> Any:
    return client.post("/api/v1/owner/auth/verify/", {"mobile": mobile, "code": code}, format="json")


def _age_codes(seconds: int) -> None:
    for row in SignInCode.objects.all():
        SignInCode.objects.filter(pk=row.pk).update(
            created_at=row.created_at - datetime.timedelta(seconds=seconds),
            expires_at=row.expires_at - datetime.timedelta(seconds=seconds),
        )


def test_an_owner_signs_in_with_the_code_from_the_outbox(world: Any, django_capture_on_commit_callbacks: Any) -> None:
    client = APIClient()
    with django_capture_on_commit_callbacks(execute=True):
        response = _ask(client, OWNER)
    assert response.status_code == 202
    code = _code_sent_to(OWNER)
    response = _verify(client, OWNER, code)
    assert response.status_code == 200, response.content
    assert response.json()["name"] == "张三"
    assert response.json()["mobile"] == "138****8000"
    assert response.json()["homes"] == 1
    cookie = response.cookies[signin.COOKIE_NAME]
    assert cookie["httponly"] and cookie["max-age"] == 30 * 24 * 3600
    assert client.get("/api/v1/owner/auth/me/").status_code == 200
    session = OwnerSession.objects.get()
    assert session.expires_at - session.created_at == datetime.timedelta(days=30)
    assert signin.COOKIE_NAME not in str(session.key_digest)
    # single use
    assert _verify(APIClient(), OWNER, code).status_code == 400


def test_the_same_answer_whether_or_not_the_number_is_an_owner(world: Any, django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        owner = _ask(APIClient(), OWNER)
        stranger = _ask(APIClient(), NOT_AN_OWNER, ip="10.0.0.2")
    assert owner.status_code == stranger.status_code == 202
    assert owner.json() == stranger.json()
    assert not OutboxMessage.objects.filter(to=NOT_AN_OWNER).exists()  # nothing is sent to a stranger
    # and guessing a code for the stranger's number fails like a wrong code
    wrong = _verify(APIClient(), NOT_AN_OWNER, "123456")
    assert wrong.status_code == 400 and wrong.json()["code"] == "owner.bad_code"
    # the limits hold for strangers too: the answer to a second request cannot tell them apart
    assert _ask(APIClient(), OWNER).status_code == _ask(APIClient(), NOT_AN_OWNER, ip="10.0.0.2").status_code == 429


def test_a_customer_who_owns_nothing_gets_no_code(world: Any, django_capture_on_commit_callbacks: Any) -> None:
    from anju.customers.services.customers import create_customer

    create_customer(actor=world.admin, name="王五", mobiles=["13600136000"], projects=[world.project_a])
    with django_capture_on_commit_callbacks(execute=True):
        assert _ask(APIClient(), "13600136000").status_code == 202
    assert not OutboxMessage.objects.filter(to="13600136000").exists()


def test_a_bad_mobile_is_a_400_in_both_languages(world: Any) -> None:
    response = APIClient().post("/api/v1/owner/auth/code/", {"mobile": "12345"}, format="json")
    assert response.status_code == 400 and "mobile" in response.json()["fields"]
    assert "手机" in response.json()["fields"]["mobile"][0]
    english = APIClient(HTTP_ACCEPT_LANGUAGE="en").post("/api/v1/owner/auth/code/", {"mobile": "x"}, format="json")
    assert "mobile" in english.json()["fields"]["mobile"][0]
    assert APIClient().post("/api/v1/owner/auth/code/", {"mobile": OWNER, "extra": 1}, format="json").status_code == 400


def test_one_code_a_minute_and_ten_a_day(world: Any) -> None:
    client = APIClient()
    assert _ask(client, OWNER).status_code == 202
    too_soon = _ask(client, OWNER)
    assert too_soon.status_code == 429 and too_soon.json()["code"] == "owner.code_limited"
    assert 0 < int(too_soon["Retry-After"]) <= 60
    for _ in range(9):
        _age_codes(61)
        assert _ask(client, OWNER).status_code == 202
    _age_codes(61)
    eleventh = _ask(client, OWNER)
    assert eleventh.status_code == 429
    assert SignInCode.objects.count() == 10


def test_one_address_cannot_ask_for_codes_without_end(world: Any) -> None:
    client = APIClient()
    for i in range(signin.IP_CODES_PER_HOUR):
        assert _ask(client, f"1370000{i:04d}", ip="10.9.9.9").status_code == 202
    assert _ask(client, "13711112222", ip="10.9.9.9").status_code == 429
    assert _ask(client, "13711112222", ip="10.9.9.8").status_code == 202


def test_a_code_dies_after_five_wrong_tries(world: Any, django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _ask(APIClient(), OWNER)
    code = _code_sent_to(OWNER)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        assert _verify(APIClient(), OWNER, wrong).status_code == 400
    assert _verify(APIClient(), OWNER, code).status_code == 400  # the right code, too late
    assert SignInCode.objects.get().attempts == 5


def test_a_code_lives_five_minutes(world: Any, django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _ask(APIClient(), OWNER)
    code = _code_sent_to(OWNER)
    _age_codes(5 * 60 + 1)
    assert _verify(APIClient(), OWNER, code).status_code == 400


def test_sessions_expire_and_sign_out_everywhere_revokes_them_all(world: Any, owner_client: Any) -> None:
    phone, tablet = owner_client(world.customer_a), owner_client(world.customer_a)
    assert phone.get("/api/v1/owner/homes/").status_code == 200
    assert phone.post("/api/v1/owner/auth/logout-all/").status_code == 204
    assert phone.get("/api/v1/owner/homes/").status_code == 401
    assert tablet.get("/api/v1/owner/homes/").status_code == 401
    other = owner_client(world.customer_a)
    OwnerSession.objects.filter(revoked_at__isnull=True).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert other.get("/api/v1/owner/homes/").status_code == 401


def test_sign_out_ends_only_this_session(world: Any, owner_client: Any) -> None:
    phone, tablet = owner_client(world.customer_a), owner_client(world.customer_a)
    assert phone.post("/api/v1/owner/auth/logout/").status_code == 204
    assert phone.get("/api/v1/owner/auth/me/").status_code == 401
    assert tablet.get("/api/v1/owner/auth/me/").status_code == 200


def test_staff_credentials_never_open_the_owner_api(world: Any, client_for: Any) -> None:
    from anju.accounts.services import _create_token

    agent = world.user("agent", role="service_agent", projects=[world.project_a])
    session_client = APIClient()
    session_client.force_login(agent)
    assert session_client.get("/api/v1/customers/").status_code == 200  # the staff session works for staff
    assert session_client.get("/api/v1/owner/homes/").status_code == 401
    assert session_client.get("/api/v1/owner/auth/me/").status_code == 401
    _token, key = _create_token(user=agent, name="t")
    token_client = APIClient(HTTP_AUTHORIZATION=f"Token {key}")
    assert token_client.get("/api/v1/customers/").status_code == 200
    assert token_client.get("/api/v1/owner/homes/").status_code == 401
    # a staff user pushed into an owner view by other means is still refused
    assert client_for(agent).get("/api/v1/owner/homes/").status_code in (401, 403)


def test_an_owner_session_never_opens_a_staff_endpoint(world: Any, owner_client: Any) -> None:
    client = owner_client(world.customer_a)
    for path in ("/api/v1/customers/", "/api/v1/work-orders/", "/api/v1/auth/me/", f"/api/v1/units/{world.unit_a.id}/"):
        assert client.get(path).status_code == 401, path


def test_an_erased_owner_is_signed_out(world: Any, owner_client: Any) -> None:
    client = owner_client(world.customer_a)
    type(world.customer_a).objects.filter(pk=world.customer_a.pk).update(erased_at=timezone.now())
    assert client.get("/api/v1/owner/homes/").status_code == 401


def test_an_owner_who_no_longer_owns_a_home_is_signed_out(world: Any, owner_client: Any) -> None:
    from anju.customers.models import UnitOwnership

    client = owner_client(world.customer_a)
    assert client.get("/api/v1/owner/orders/").status_code == 200
    UnitOwnership.objects.filter(customer=world.customer_a).delete()  # the home was sold on
    assert client.get("/api/v1/owner/orders/").status_code == 401
    assert client.get("/api/v1/owner/auth/me/").status_code == 401


def test_unsafe_owner_requests_need_the_csrf_token(world: Any) -> None:
    client = APIClient(enforce_csrf_checks=True)
    client.cookies[signin.COOKIE_NAME] = signin.open_session(customer=world.customer_a).key
    assert client.get("/api/v1/owner/homes/").status_code == 200
    response = client.post("/api/v1/owner/auth/logout-all/")
    assert response.status_code == 403
    assert OwnerSession.objects.filter(revoked_at__isnull=True).count() == 1
