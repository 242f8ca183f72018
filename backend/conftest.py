"""Shared test fixtures: personas, a two-project world and API clients.

Also guards personal data across the whole suite: every plaintext mobile and ID number
that gets encrypted is remembered, and the session fails if any of them shows up in a
log record.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import Group
from rest_framework.test import APIClient

from anju.core import pii

# --- Per-process caches start empty in every test (a rolled-back test must not leave its calendar behind) ------


@pytest.fixture(autouse=True)
def _fresh_process_caches() -> Iterator[None]:
    from anju.sla.selectors import forget_working_time

    forget_working_time()
    yield
    forget_working_time()


# --- Personal-data leak guard (security target P1: nothing in log output) ------------------

ENCRYPTED_PLAINTEXTS: set[str] = set()
_LOG_LINES: list[str] = []
_original_encrypt = pii.encrypt


def _recording_encrypt(plaintext: str) -> str:
    if len(plaintext) >= 11:
        ENCRYPTED_PLAINTEXTS.add(plaintext)
    return _original_encrypt(plaintext)


pii.encrypt = _recording_encrypt  # type: ignore[assignment]


class _CollectingHandler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        try:
            _LOG_LINES.append(self.format(record))
        except Exception:  # noqa: BLE001
            _LOG_LINES.append(str(record.msg))


@pytest.fixture(scope="session", autouse=True)
def _pii_log_guard() -> Iterator[None]:
    handler = _CollectingHandler(level=logging.DEBUG)
    handler.setFormatter(logging.Formatter("%(name)s %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    old_level = root.level
    root.setLevel(logging.DEBUG)
    yield
    root.removeHandler(handler)
    root.setLevel(old_level)
    text = "\n".join(_LOG_LINES)
    leaked = sorted(p for p in ENCRYPTED_PLAINTEXTS if p in text)
    assert not leaked, f"{len(leaked)} plaintext personal data value(s) appeared in log output"


# --- Settings for speed ----------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _test_settings(settings: Any) -> Iterator[None]:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The suite runs with production settings (DEBUG off) over plain HTTP.
    settings.SECURE_SSL_REDIRECT = False
    yield
    # A request in English leaves English active on the thread (LocaleMiddleware activates, nothing deactivates):
    # the next test's service messages would then not be in the default language.
    from django.utils import translation

    translation.deactivate()


# --- The world: two projects in one city company ------------------------------------------

VALID_IDS = ["11010519491231002X", "440524188001010014", "110101199003074477"]


class World:
    """Project A (with customer, unit, building) and project B, plus users made on demand."""

    def __init__(self) -> None:
        from anju.properties.models import Building, CityCompany, Project, Unit

        self.company = CityCompany.objects.create(code="SH", name="上海城市公司")
        self.project_a = Project.objects.create(city_company=self.company, code="PA", name="项目A")
        self.project_b = Project.objects.create(city_company=self.company, code="PB", name="项目B")
        self.building_a = Building.objects.create(project=self.project_a, code="1", name="1号楼", floors_above=18)
        self.building_b = Building.objects.create(project=self.project_b, code="1", name="1号楼", floors_above=18)
        self.unit_a = Unit.objects.create(
            project=self.project_a,
            building=self.building_a,
            room_number="101",
            floor=1,
            stack="01",
            predicted_gross_area=Decimal("100.00"),
            predicted_internal_area=Decimal("80.00"),
            delivery_date=datetime.date(2024, 6, 30),
        )
        self.unit_b = Unit.objects.create(
            project=self.project_b,
            building=self.building_b,
            room_number="101",
            floor=1,
            stack="01",
            predicted_gross_area=Decimal("90.00"),
            predicted_internal_area=Decimal("70.00"),
        )
        self._users: dict[str, Any] = {}
        self.admin = self.user("admin", role="system_admin", all_projects=True)
        from anju.customers.services.contacts import add_ownership
        from anju.customers.services.customers import create_customer

        self.customer_a = create_customer(
            actor=self.admin, name="张三", mobiles=["13800138000"], id_number=VALID_IDS[2], projects=[self.project_a]
        )
        self.ownership_a = add_ownership(actor=self.admin, customer=self.customer_a, unit=self.unit_a, role="primary")
        self.customer_b = create_customer(actor=self.admin, name="李四", mobiles=["13900139000"], projects=[self.project_b])
        self.ownership_b = add_ownership(actor=self.admin, customer=self.customer_b, unit=self.unit_b, role="primary")

    def user(
        self,
        username: str,
        *,
        role: str | None = None,
        projects: list[Any] | None = None,
        all_projects: bool = False,
        permissions: list[str] | None = None,
        exclude_permissions: list[str] | None = None,
    ) -> Any:
        from django.contrib.auth.models import Permission

        from anju.accounts.models import User
        from anju.properties.services import set_user_scope

        user = User.objects.create_user(username=username, password="correct-horse-battery", display_name=username)
        if role:
            user.groups.add(Group.objects.get(name=role))
        if permissions is not None or exclude_permissions is not None:
            all_perms = Permission.objects.select_related("content_type")
            if exclude_permissions is not None:
                excluded = set(exclude_permissions)
                chosen = [p for p in all_perms if f"{p.content_type.app_label}.{p.codename}" not in excluded]
            else:
                wanted = set(permissions or [])
                chosen = [p for p in all_perms if f"{p.content_type.app_label}.{p.codename}" in wanted]
            user.user_permissions.set(chosen)
        if all_projects:
            from anju.properties.models import UserScope

            UserScope.objects.update_or_create(user=user, defaults={"all_projects": True})
        else:
            scope_projects = [self.project_a] if projects is None else projects
            set_user_scope(actor=None, user=user, all_projects=False, city_companies=[], projects=scope_projects)
        from anju.accounts.models import User as U

        return U.objects.get(pk=user.pk)


@pytest.fixture
def world(db: Any) -> World:
    return World()


@pytest.fixture
def client_for() -> Callable[[Any], APIClient]:
    def make(user: Any | None, *, language: str | None = None) -> APIClient:
        client = APIClient()
        if language:
            client.credentials(HTTP_ACCEPT_LANGUAGE=language)
        if user is not None:
            client.force_authenticate(user)
        return client

    return make


@pytest.fixture
def anon() -> APIClient:
    return APIClient()


def xlsx_upload(rows: list[list[Any]], *, name: str = "upload.xlsx", last_row: int | None = None) -> Any:
    """An in-memory xlsx of one sheet, ready to post as a multipart file; ``last_row`` stretches the sheet's size."""
    import io

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    if last_row is not None:
        sheet.cell(row=last_row, column=1, value="")
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = name
    return buffer
