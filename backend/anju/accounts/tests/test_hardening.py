"""Authentication hardening: admin login through the lockout, per-IP counting, Retry-After, token expiry and
management, the API description behind a login, private file modes."""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib import admin
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient, APIRequestFactory

from anju.accounts.admin_site import AdminLoginForm
from anju.accounts.middleware import SESSION_AUTH_AT
from anju.accounts.models import ApiToken, LoginAttempt, User, UserSession

PASSWORD = "correct-horse-battery"
BACKEND = Path(__file__).resolve().parents[3]


def _api_login(client: APIClient, username: str, password: str = PASSWORD) -> Any:
    return client.post("/api/v1/auth/login/", {"username": username, "password": password}, format="json")


def _admin_login(client: Client, username: str, password: str = PASSWORD) -> Any:
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password, "next": "/admin/"})


def _issue(username: str, password: str = PASSWORD, **body: Any) -> Any:
    return APIClient().post("/api/v1/auth/token/", {"username": username, "password": password, **body}, format="json")


def _token_client(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def _staff(world: Any, username: str = "boss") -> User:
    user = world.user(username, role="system_admin", all_projects=True)
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return user


def _failures(n: int, *, ip: str = "127.0.0.1", start: int = 0) -> None:
    now = timezone.now()
    LoginAttempt.objects.bulk_create(
        LoginAttempt(username=f"nobody{start + i}", ip_address=ip, attempted_at=now - datetime.timedelta(seconds=i))
        for i in range(n)
    )


# --- 1. The admin login goes through the same lockout as the API --------------------------------------------


def test_the_admin_site_uses_the_checked_login_form() -> None:
    assert admin.site.login_form is AdminLoginForm


@pytest.mark.django_db
def test_wrong_admin_passwords_lock_the_username_everywhere(world) -> None:
    _staff(world)
    browser = Client()
    for _ in range(settings.LOGIN_THROTTLE["USERNAME_FAILURES"]):
        response = _admin_login(browser, "boss", "wrong-password-123")
        assert response.status_code == 200  # the form again, with its error
        assert not response.wsgi_request.user.is_authenticated
    assert LoginAttempt.objects.filter(username="boss", succeeded=False).count() == 5
    locked = _admin_login(browser, "boss")  # the right password, now refused
    assert locked.status_code == 429
    assert 1 <= int(locked["Retry-After"]) <= 15 * 60 + 1
    assert browser.get("/api/v1/auth/me/").status_code == 401
    assert _api_login(APIClient(), "boss").status_code == 429


@pytest.mark.django_db
def test_api_lockout_holds_on_the_admin_login(world) -> None:
    _staff(world)
    api = APIClient()
    for _ in range(5):
        assert _api_login(api, "boss", "wrong-password-123").status_code == 400
    browser = Client()
    response = _admin_login(browser, "boss")
    assert response.status_code == 429
    assert "sessionid" not in browser.cookies or not browser.cookies["sessionid"].value
    assert browser.get("/api/v1/auth/me/").status_code == 401
    assert browser.get("/admin/").status_code == 302


@pytest.mark.django_db
def test_admin_login_respects_the_ip_limit(world) -> None:
    _staff(world)
    _failures(settings.LOGIN_THROTTLE["IP_FAILURES"])
    assert _admin_login(Client(), "boss").status_code == 429


@pytest.mark.django_db
def test_staff_admin_login_opens_a_tracked_session(world) -> None:
    boss = _staff(world)
    browser = Client()
    response = _admin_login(browser, "boss")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert browser.get("/admin/").status_code == 200
    assert browser.get("/api/v1/auth/me/").json()["id"] == boss.id
    assert UserSession.objects.filter(user=boss).count() == 1
    assert SESSION_AUTH_AT in browser.session
    assert LoginAttempt.objects.filter(username="boss", succeeded=True).count() == 1


@pytest.mark.django_db
def test_admin_login_refuses_non_staff_with_the_right_password(world) -> None:
    world.user("agent", role="service_agent")
    browser = Client()
    response = _admin_login(browser, "agent")
    assert response.status_code == 200
    assert not response.wsgi_request.user.is_authenticated
    assert browser.get("/api/v1/auth/me/").status_code == 401


# --- 2. The per-IP counter is not reset by a success -----------------------------------------------------------


@pytest.mark.django_db
def test_a_successful_login_does_not_reset_the_ip_counter(world) -> None:
    world.user("agent", role="service_agent")
    client = APIClient()
    limit = settings.LOGIN_THROTTLE["IP_FAILURES"]
    _failures(limit - 5)
    assert _api_login(client, "agent").status_code == 200
    for i in range(5):  # the limit is reached across the success
        assert _api_login(client, f"guess{i}", "wrong-password-123").status_code == 400
    response = _api_login(APIClient(), "agent")
    assert response.status_code == 429
    assert response.json()["code"] == "auth.locked_out"


@pytest.mark.django_db
def test_a_successful_login_still_resets_its_username_counter(world) -> None:
    world.user("agent", role="service_agent")
    client = APIClient()
    for _ in range(4):
        assert _api_login(client, "agent", "wrong-password-123").status_code == 400
    assert _api_login(client, "agent").status_code == 200
    for _ in range(4):
        assert _api_login(client, "agent", "wrong-password-123").status_code == 400
    assert _api_login(client, "agent").status_code == 200


# --- 3. Every 429 says when to come back -----------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/auth/login/", "/api/v1/auth/token/"])
def test_lockout_429_has_retry_after(world, path: str) -> None:
    world.user("agent", role="service_agent")
    client = APIClient()
    for _ in range(5):
        client.post(path, {"username": "agent", "password": "wrong-password-123"}, format="json")
    response = client.post(path, {"username": "agent", "password": PASSWORD}, format="json")
    assert response.status_code == 429
    seconds = int(response["Retry-After"])
    assert seconds == response.json()["retry_after_seconds"]
    assert 15 * 60 - 5 <= seconds <= 15 * 60 + 1


def test_drf_throttle_429_has_retry_after() -> None:
    from rest_framework.decorators import api_view, permission_classes, throttle_classes
    from rest_framework.permissions import AllowAny
    from rest_framework.throttling import BaseThrottle

    class Closed(BaseThrottle):
        def allow_request(self, request: Any, view: Any) -> bool:
            return False

        def wait(self) -> float:
            return 41.2

    @api_view(["GET"])
    @permission_classes([AllowAny])
    @throttle_classes([Closed])
    def view(request: Any) -> Any:
        raise AssertionError("throttled before the view")

    response = view(APIRequestFactory().get("/api/v1/x/"))
    assert response.status_code == 429
    assert response.data["code"] == "throttled"
    assert response["Retry-After"] == "42"


# --- 4. Tokens: idle expiry, cheap last-use, list and revoke ---------------------------------------------------


def test_token_idle_timeout_defaults_to_thirty_days() -> None:
    assert os.environ.get("ANJU_TOKEN_IDLE_DAYS") is None
    assert settings.API_TOKENS["IDLE_TIMEOUT"] == datetime.timedelta(days=30)


@pytest.mark.django_db
def test_token_key_is_shown_once_and_stored_as_a_digest(world) -> None:
    world.user("agent", role="service_agent")
    issued = _issue("agent", name="erp sync")
    assert issued.status_code == 200
    body = issued.json()
    key = body["token"]
    assert body["name"] == "erp sync"
    row = ApiToken.objects.get(pk=body["id"])
    assert key not in (row.digest, row.name) and len(row.digest) == 64
    client = _token_client(key)
    listed = client.get("/api/v1/auth/tokens/")
    assert listed.status_code == 200
    assert key not in listed.content.decode()
    assert listed.json() == [
        {
            "id": row.id,
            "name": "erp sync",
            "created_at": listed.json()[0]["created_at"],
            "last_used_at": listed.json()[0]["last_used_at"],
            "expires_at": listed.json()[0]["expires_at"],
            "current": True,
        }
    ]
    assert listed.json()[0]["last_used_at"] is not None


@pytest.mark.django_db
def test_each_request_for_a_token_gives_a_new_one(world) -> None:
    world.user("agent", role="service_agent")
    first, second = _issue("agent").json(), _issue("agent").json()
    assert first["token"] != second["token"]
    assert _token_client(first["token"]).get("/api/v1/auth/me/").status_code == 200
    assert _token_client(second["token"]).get("/api/v1/auth/me/").status_code == 200


@pytest.mark.django_db
def test_idle_token_expires(world) -> None:
    world.user("agent", role="service_agent")
    body = _issue("agent").json()
    client = _token_client(body["token"])
    assert client.get("/api/v1/auth/me/").status_code == 200
    ApiToken.objects.filter(pk=body["id"]).update(last_used_at=timezone.now() - datetime.timedelta(days=30, seconds=5))
    response = client.get("/api/v1/auth/me/")
    assert response.status_code == 401
    assert response.json()["code"] == "auth.authentication_failed"
    assert not ApiToken.objects.filter(pk=body["id"]).exists()


@pytest.mark.django_db
def test_never_used_token_expires_from_its_creation(world) -> None:
    world.user("agent", role="service_agent")
    body = _issue("agent").json()
    ApiToken.objects.filter(pk=body["id"]).update(created_at=timezone.now() - datetime.timedelta(days=31))
    assert _token_client(body["token"]).get("/api/v1/auth/me/").status_code == 401


@pytest.mark.django_db
def test_idle_timeout_follows_the_setting(world, settings) -> None:
    settings.API_TOKENS = {**settings.API_TOKENS, "IDLE_TIMEOUT": datetime.timedelta(days=2)}
    world.user("agent", role="service_agent")
    body = _issue("agent").json()
    ApiToken.objects.filter(pk=body["id"]).update(last_used_at=timezone.now() - datetime.timedelta(days=3))
    assert _token_client(body["token"]).get("/api/v1/auth/me/").status_code == 401


@pytest.mark.django_db
def test_last_use_is_written_at_most_every_few_minutes(world) -> None:
    world.user("agent", role="service_agent")
    body = _issue("agent").json()
    client = _token_client(body["token"])
    assert client.get("/api/v1/auth/me/").status_code == 200
    first_use = ApiToken.objects.get(pk=body["id"]).last_used_at
    assert first_use is not None
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/v1/auth/me/").status_code == 200
    assert not [q for q in queries.captured_queries if q["sql"].startswith("UPDATE") and "accounts_apitoken" in q["sql"]]
    assert ApiToken.objects.get(pk=body["id"]).last_used_at == first_use
    older = timezone.now() - datetime.timedelta(minutes=6)
    ApiToken.objects.filter(pk=body["id"]).update(last_used_at=older)
    assert client.get("/api/v1/auth/me/").status_code == 200
    assert ApiToken.objects.get(pk=body["id"]).last_used_at > older


@pytest.mark.django_db
def test_tokens_list_is_own_and_revoke_is_scoped(world) -> None:
    world.user("agent", role="service_agent")
    world.user("other", role="service_agent")
    mine = _issue("agent", name="mine").json()
    spare = _issue("agent", name="spare").json()
    theirs = _issue("other", name="theirs").json()
    client = _token_client(mine["token"])
    listed = client.get("/api/v1/auth/tokens/").json()
    assert sorted(t["name"] for t in listed) == ["mine", "spare"]
    assert {t["name"]: t["current"] for t in listed} == {"mine": True, "spare": False}
    # Another user's token id: 404, and it keeps working.
    refused = client.delete(f"/api/v1/auth/tokens/{theirs['id']}/")
    assert refused.status_code == 404
    assert refused.json()["code"] == "not_found"
    assert _token_client(theirs["token"]).get("/api/v1/auth/me/").status_code == 200
    # One's own: 204, and it stops working.
    assert client.delete(f"/api/v1/auth/tokens/{spare['id']}/").status_code == 204
    assert _token_client(spare["token"]).get("/api/v1/auth/me/").status_code == 401
    assert client.delete(f"/api/v1/auth/tokens/{spare['id']}/").status_code == 404


@pytest.mark.django_db
def test_tokens_are_listed_and_revoked_from_a_browser_session(world, client_for) -> None:
    agent = world.user("agent", role="service_agent")
    body = _issue("agent", name="script").json()
    client = client_for(agent)
    assert [t["name"] for t in client.get("/api/v1/auth/tokens/").json()] == ["script"]
    assert client.delete(f"/api/v1/auth/tokens/{body['id']}/").status_code == 204
    assert client.get("/api/v1/auth/tokens/").json() == []


@pytest.mark.django_db
def test_expired_tokens_are_not_listed(world) -> None:
    world.user("agent", role="service_agent")
    old = _issue("agent", name="old").json()
    new = _issue("agent", name="new").json()
    ApiToken.objects.filter(pk=old["id"]).update(last_used_at=timezone.now() - datetime.timedelta(days=40))
    assert [t["name"] for t in _token_client(new["token"]).get("/api/v1/auth/tokens/").json()] == ["new"]


@pytest.mark.django_db
def test_tokens_per_user_are_capped_least_recently_used_first(world, settings) -> None:
    settings.API_TOKENS = {**settings.API_TOKENS, "MAX_PER_USER": 3}
    world.user("agent", role="service_agent")
    issued = [_issue("agent", name=f"t{i}").json() for i in range(3)]
    assert _token_client(issued[0]["token"]).get("/api/v1/auth/me/").status_code == 200  # t0 used: t1 is the oldest
    _issue("agent", name="t3")
    assert sorted(ApiToken.objects.values_list("name", flat=True)) == ["t0", "t2", "t3"]


@pytest.mark.django_db
def test_new_password_ends_tokens(world, client_for) -> None:
    agent = world.user("agent", role="service_agent")
    key = _issue("agent").json()["token"]
    response = client_for(world.admin).post(
        f"/api/v1/users/{agent.id}/set-password/", {"password": "another-long-passphrase-9"}, format="json"
    )
    assert response.status_code == 204
    assert _token_client(key).get("/api/v1/auth/me/").status_code == 401


@pytest.mark.django_db(transaction=True)
def test_migration_carries_drf_tokens_over_as_digests(world) -> None:
    from importlib import import_module

    from django.apps import apps

    migration = import_module("anju.accounts.migrations.0002_apitoken")
    agent = world.user("agent", role="service_agent")
    quote = connection.ops.quote_name
    table, key = quote("authtoken_token"), "0123456789abcdef0123456789abcdef01234567"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {table} ({quote('key')} varchar(40) PRIMARY KEY, {quote('user_id')} bigint)")
    try:
        with connection.cursor() as cursor:
            insert = f"INSERT INTO {table} ({quote('key')}, {quote('user_id')}) VALUES (%s, %s)"  # noqa: S608 - constants
            cursor.execute(insert, [key, agent.id])
        with connection.schema_editor() as editor:
            migration.move_drf_tokens(apps, editor)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608 - a constant, quoted table name
            assert cursor.fetchone()[0] == 0
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE {table}")
    assert _token_client(key).get("/api/v1/auth/me/").json()["id"] == agent.id
    assert ApiToken.objects.get(user=agent).name == "legacy"


# --- 5. The API description needs a login unless DEBUG is on ---------------------------------------------------


@pytest.mark.django_db
def test_schema_and_docs_need_a_login_without_debug(world, client_for, anon) -> None:
    assert settings.DEBUG is False
    reader = client_for(world.user("reader", permissions=[]))  # any logged-in user, no permission needed
    for path in ("/api/v1/schema/?format=json", "/api/v1/docs/"):
        assert anon.get(path).status_code == 401, path
        assert reader.get(path).status_code == 200, path
    key = _issue("admin").json()["token"]
    assert _token_client(key).get("/api/v1/schema/?format=json").status_code == 200


@pytest.mark.django_db
def test_schema_and_docs_are_public_in_debug(anon, settings) -> None:
    settings.DEBUG = True
    assert anon.get("/api/v1/schema/?format=json").status_code == 200
    assert anon.get("/api/v1/docs/").status_code == 200


def test_spectacular_command_needs_no_login(tmp_path: Path) -> None:
    target = tmp_path / "openapi.json"
    call_command("spectacular", "--format", "openapi-json", "--file", str(target))
    paths = json.loads(target.read_text(encoding="utf-8"))["paths"]
    assert {"/api/v1/auth/tokens/", "/api/v1/auth/tokens/{id}/"} <= set(paths)


# --- 6. Files and folders of a fresh data folder are private ---------------------------------------------------

_PROBE = """
import json, os, sys
import django
django.setup()
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import connection
from anju.core import pii

with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE IF NOT EXISTS probe (x integer)")
    cursor.execute("INSERT INTO probe VALUES (1)")
pii.get_keyring()
if sys.argv[1] == "upload":
    FileSystemStorage(location=str(settings.PRIVATE_MEDIA_ROOT)).save("orders/1/photo.jpg", ContentFile(b"x"))
data = settings.DATA_DIR
names = ["", "anju.sqlite3", "anju.sqlite3-wal", "anju.sqlite3-shm", "secret-key.txt", "pii-keys.json",
         "private", "private/orders", "private/orders/1", "private/orders/1/photo.jpg"]
modes = {name: oct(os.stat(data / name).st_mode & 0o777) for name in names if (data / name).exists()}
print(json.dumps({"modes": modes, "idle_days": settings.API_TOKENS["IDLE_TIMEOUT"].days}))
"""


def _probe(data_dir: Path, mode: str) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANJU_", "DJANGO_"))}
    env.update(ANJU_DATA_DIR=str(data_dir), ANJU_DEBUG="0", ANJU_TOKEN_IDLE_DAYS="7")
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    result = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", _PROBE, mode],
        cwd=BACKEND,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        preexec_fn=lambda: os.umask(0o022),  # the usual umask, which the settings must override
    )
    assert result.returncode == 0, result.stderr[-2000:]
    data: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return data


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_fresh_data_folder_is_private(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    probe = _probe(data_dir, "upload")
    assert probe["idle_days"] == 7  # ANJU_TOKEN_IDLE_DAYS
    modes = probe["modes"]
    assert set(modes) >= {"", "anju.sqlite3", "anju.sqlite3-wal", "anju.sqlite3-shm", "secret-key.txt", "pii-keys.json"}
    assert "private/orders/1/photo.jpg" in modes
    for name, mode in modes.items():
        is_dir = (data_dir / name).is_dir()
        assert mode == ("0o700" if is_dir else "0o600"), f"{name or 'data folder'}: {mode}"


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_loose_files_of_an_older_data_folder_are_tightened(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    _probe(data_dir, "upload")
    for path in [data_dir, *data_dir.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    modes = _probe(data_dir, "plain")["modes"]
    for name in ("", "anju.sqlite3", "secret-key.txt", "pii-keys.json", "private"):
        expected = "0o700" if (data_dir / name).is_dir() else "0o600"
        assert modes[name] == expected, f"{name or 'data folder'}: {modes[name]}"
