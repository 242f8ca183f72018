"""Login, lockout, sessions, CSRF, tokens and user administration (targets S1-S4)."""

from __future__ import annotations

import datetime
import time

import pytest
from django.conf import settings
from django.contrib.auth.hashers import get_hasher
from django.contrib.sessions.models import Session
from django.test import override_settings
from django.utils import timezone
from rest_framework.test import APIClient

from anju.accounts.middleware import SESSION_AUTH_AT
from anju.accounts.models import LoginAttempt

PASSWORD = "correct-horse-battery"


def _csrf_client() -> APIClient:
    client = APIClient(enforce_csrf_checks=True)
    token = client.get("/api/v1/auth/csrf/").json()["csrf_token"]
    client.credentials(HTTP_X_CSRFTOKEN=token)
    return client


def _login(client: APIClient, username: str, password: str = PASSWORD, **extra):
    return client.post("/api/v1/auth/login/", {"username": username, "password": password}, format="json", **extra)


@pytest.mark.django_db
def test_login_returns_me_and_session_works(world) -> None:
    agent = world.user("agent", role="service_agent", projects=[world.project_a])
    client = _csrf_client()
    response = _login(client, "agent")
    assert response.status_code == 200
    body = response.json()
    assert body["username"] == "agent"
    assert body["roles"] == ["service_agent"]
    assert "customers.view_customer" in body["permissions"]
    assert [p["code"] for p in body["projects"]] == ["PA"]
    me = client.get("/api/v1/auth/me/").json()
    assert me["id"] == agent.id


@pytest.mark.django_db
def test_login_without_csrf_token_is_refused(world) -> None:
    world.user("agent", role="service_agent")
    client = APIClient(enforce_csrf_checks=True)
    response = _login(client, "agent")
    assert response.status_code == 403
    assert response.json()["code"] == "auth.csrf_failed"


@pytest.mark.django_db
def test_unsafe_request_on_session_without_csrf_is_refused(world) -> None:
    world.user("agent", role="service_agent")
    client = _csrf_client()
    assert _login(client, "agent").status_code == 200
    client.credentials()  # drop the CSRF header
    response = client.post("/api/v1/tags/", {"name": "x"}, format="json")
    assert response.status_code == 403


@pytest.mark.django_db
def test_wrong_password_message_is_clear(world) -> None:
    world.user("agent", role="service_agent")
    response = _login(_csrf_client(), "agent", "wrong-password-123")
    assert response.status_code == 400
    assert response.json()["code"] == "auth.invalid_credentials"
    assert response.json()["message"] == "用户名或密码错误。"


@pytest.mark.django_db
def test_five_failures_lock_the_username_even_with_the_right_password(world) -> None:
    world.user("agent", role="service_agent")
    client = _csrf_client()
    for _ in range(5):
        assert _login(client, "agent", "wrong-password-123").status_code == 400
    locked = _login(client, "agent")
    assert locked.status_code == 429
    assert locked.json()["code"] == "auth.locked_out"
    # Another user from the same address is not locked by the username limit.
    world.user("agent2", role="service_agent")
    assert _login(client, "agent2").status_code == 200


@pytest.mark.django_db
def test_username_lock_expires_after_fifteen_minutes(world) -> None:
    world.user("agent", role="service_agent")
    past = timezone.now() - datetime.timedelta(minutes=16)
    LoginAttempt.objects.bulk_create(
        LoginAttempt(username="agent", ip_address="10.0.0.9", attempted_at=past + datetime.timedelta(seconds=i)) for i in range(5)
    )
    assert _login(_csrf_client(), "agent").status_code == 200


@pytest.mark.django_db
def test_ip_limit_is_separate_and_higher(world) -> None:
    limit = settings.LOGIN_THROTTLE["IP_FAILURES"]
    assert limit > settings.LOGIN_THROTTLE["USERNAME_FAILURES"]
    world.user("agent", role="service_agent")
    now = timezone.now()
    LoginAttempt.objects.bulk_create(
        LoginAttempt(username=f"user{i}", ip_address="127.0.0.1", attempted_at=now - datetime.timedelta(seconds=i))
        for i in range(limit)
    )
    response = _login(_csrf_client(), "agent")
    assert response.status_code == 429


def test_production_hasher_is_argon2_and_minimum_length_12() -> None:
    from config import settings as configured  # the suite itself swaps in a fast hasher

    assert configured.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    with override_settings(PASSWORD_HASHERS=configured.PASSWORD_HASHERS):
        assert get_hasher().algorithm == "argon2"
        assert get_hasher().encode("a-long-passphrase", get_hasher().salt()).startswith("argon2$argon2id$")
    minimum = [v for v in settings.AUTH_PASSWORD_VALIDATORS if v["NAME"].endswith("MinimumLengthValidator")]
    assert minimum[0]["OPTIONS"]["min_length"] == 12


def test_session_lifetimes() -> None:
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_ABSOLUTE_SECONDS == 12 * 3600


@pytest.mark.django_db
def test_session_ends_after_absolute_lifetime(world) -> None:
    world.user("agent", role="service_agent")
    client = _csrf_client()
    assert _login(client, "agent").status_code == 200
    session = client.session
    session[SESSION_AUTH_AT] = time.time() - 12 * 3600 - 1
    session.save()
    assert client.get("/api/v1/auth/me/").status_code == 401


@pytest.mark.django_db
def test_login_cycles_the_session_key(world) -> None:
    world.user("agent", role="service_agent")
    client = _csrf_client()
    client.cookies["sessionid"] = "fixated-session-key-1234567890"
    _login(client, "agent")
    assert client.cookies["sessionid"].value != "fixated-session-key-1234567890"


@pytest.mark.django_db
def test_token_authentication_and_logout(world, anon) -> None:
    world.user("agent", role="service_agent")
    token = anon.post("/api/v1/auth/token/", {"username": "agent", "password": PASSWORD}, format="json").json()["token"]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/v1/auth/me/").status_code == 200
    assert client.post("/api/v1/auth/logout/").status_code == 204
    assert client.get("/api/v1/auth/me/").status_code == 401


@pytest.mark.django_db
def test_deactivation_ends_sessions_and_tokens(world, client_for, anon) -> None:
    world.user("agent", role="service_agent")
    token = anon.post("/api/v1/auth/token/", {"username": "agent", "password": PASSWORD}, format="json").json()["token"]
    browser = _csrf_client()
    assert _login(browser, "agent").status_code == 200
    assert Session.objects.count() == 1
    from anju.accounts.models import User

    target = User.objects.get(username="agent")
    response = client_for(world.admin).post(f"/api/v1/users/{target.id}/deactivate/")
    assert response.status_code == 200
    assert response.json()["is_active"] is False
    assert Session.objects.count() == 0
    assert browser.get("/api/v1/auth/me/").status_code == 401
    token_client = APIClient()
    token_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert token_client.get("/api/v1/auth/me/").status_code == 401
    assert _login(_csrf_client(), "agent").status_code == 400


@pytest.mark.django_db
def test_admin_creates_user_with_roles_and_scope(world, client_for) -> None:
    client = client_for(world.admin)
    weak = client.post("/api/v1/users/", {"username": "newbie", "password": "short"}, format="json")
    assert weak.status_code == 400
    assert "password" in weak.json()["fields"]
    created = client.post(
        "/api/v1/users/", {"username": "newbie", "password": "a-long-passphrase-1", "roles": ["service_agent"]}, format="json"
    )
    assert created.status_code == 201
    user_id = created.json()["id"]
    scope = client.put(
        f"/api/v1/users/{user_id}/scope/",
        {"all_projects": False, "city_companies": [], "projects": [world.project_b.id]},
        format="json",
    )
    assert scope.status_code == 200
    assert scope.json()["projects"] == [world.project_b.id]
    refused = client.put(
        f"/api/v1/users/{user_id}/scope/", {"all_projects": True, "city_companies": [], "projects": []}, format="json"
    )
    assert refused.status_code == 400
    assert "all_projects" in refused.json()["fields"]


@pytest.mark.django_db
def test_roles_are_seeded_with_permission_sets(world, client_for) -> None:
    roles = {r["name"]: r for r in client_for(world.admin).get("/api/v1/roles/").json()}
    assert set(roles) == {
        "system_admin",
        "service_supervisor",
        "service_agent",
        "technician",
        "sales_consultant",
        "mortgage_officer",
        "finance",
        "management",
    }
    assert roles["service_agent"]["label"] == "客服专员"
    assert "customers.reveal_customer_pii" not in roles["technician"]["permissions"]
    assert roles["management"]["all_projects_allowed"] is True
