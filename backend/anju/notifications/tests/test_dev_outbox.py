"""The development outbox screen: system administrators of a development site read the last texts and e-mails (an
owner's sign-in code without a shell); recipients are masked; a production site hides it (404, and no menu entry)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from anju.notifications.models import EmailStatus, Notification

pytestmark = pytest.mark.django_db
BACKEND = Path(__file__).resolve().parents[3]


def test_an_administrator_reads_an_owners_sign_in_code_with_the_number_masked(
    world: Any, client_for: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from anju.owners import signin

    settings.DEV_OUTBOX = True
    with django_capture_on_commit_callbacks(execute=True):
        signin.request_code(mobile="13800138000", ip_address="127.0.0.1")
    world.admin.email = "admin.person@example.com"
    world.admin.save()
    Notification.objects.create(
        recipient=world.admin, kind="x", title="工单超时提醒", body="BX-1 已超时", email_status=EmailStatus.SENT
    )
    admin = world.user("admin2", role="system_admin", all_projects=True)
    response = client_for(admin).get("/api/v1/dev-outbox/")
    assert response.status_code == 200, response.content
    text = response.json()["texts"][0]
    assert text["to"] == "138****8000" and "13800138000" not in json.dumps(response.json())
    assert re.search(r"\b\d{6}\b", text["body"])  # the code itself is readable
    email = response.json()["emails"][0]
    assert (email["to"], email["subject"], email["status"]) == ("a***@example.com", "工单超时提醒", "sent")
    assert client_for(admin).get("/api/v1/auth/me/").json()["dev_outbox"] is True
    agent = world.user("agent", role="service_agent", projects=[world.project_a])
    assert client_for(agent).get("/api/v1/dev-outbox/").status_code == 403
    assert client_for(agent).get("/api/v1/auth/me/").json()["dev_outbox"] is False


def test_hidden_on_a_production_site(world: Any, client_for: Any, settings: Any) -> None:
    settings.DEV_OUTBOX = False
    admin = world.user("admin2", role="system_admin", all_projects=True)
    assert client_for(admin).get("/api/v1/dev-outbox/").status_code == 404
    assert client_for(admin).get("/api/v1/auth/me/").json()["dev_outbox"] is False


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"ANJU_DEBUG": "0"}, False),  # production settings
        ({"ANJU_DEBUG": "1", "ANJU_TEXT_BACKEND": "example.sms.Gateway"}, False),  # a real gateway
        ({"ANJU_DEBUG": "1"}, True),  # development with the outbox backend
    ],
)
def test_the_setting_is_on_only_in_development_with_the_outbox_backend(
    tmp_path: Path, env: dict[str, str], expected: bool
) -> None:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("ANJU_", "DJANGO_"))}
    clean.update(env, ANJU_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="config.settings")
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from django.conf import settings; print(settings.DEV_OUTBOX)"],
        cwd=BACKEND,
        env=clean,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == str(expected)
