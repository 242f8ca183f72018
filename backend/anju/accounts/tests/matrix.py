"""Permission-matrix rows of sign-in, API tokens, roles, users and departments (collected by
``tests.matrix.app_rows``). Users and departments are company-wide (not project-scoped)."""

from __future__ import annotations

from typing import Any

from anju.accounts.models import Department
from conftest import World
from tests.matrix import AUTHENTICATED, PUBLIC, Op, plain_user


def _own_token(w: World, user: Any, prepared: dict[str, Any]) -> None:
    from anju.accounts.models import ApiToken

    prepared["id"] = ApiToken.objects.create(user=user, name="ci", digest="0" * 64).id


def _department(w: World) -> dict[str, Any]:
    row = Department.objects.get(code="design")
    return {"id": row.id, "version": row.version, "body": {"emails": ["design@example.com"]}}


OPS: list[Op] = [
    Op("GET", "/api/v1/auth/csrf/", PUBLIC),
    Op("POST", "/api/v1/auth/login/", PUBLIC, ok=400, prepare=lambda w: {"body": {"username": "x", "password": "y"}}),
    Op("POST", "/api/v1/auth/token/", PUBLIC, ok=400, prepare=lambda w: {"body": {"username": "x", "password": "y"}}),
    Op("POST", "/api/v1/auth/logout/", AUTHENTICATED, ok=204),
    Op("GET", "/api/v1/auth/me/", AUTHENTICATED),
    Op("GET", "/api/v1/auth/tokens/", AUTHENTICATED),
    Op("DELETE", "/api/v1/auth/tokens/{id}/", AUTHENTICATED, ok=204, arrange=_own_token),
    Op("GET", "/api/v1/roles/", "auth.view_group"),
    Op("GET", "/api/v1/users/", "accounts.view_user"),
    Op(
        "POST",
        "/api/v1/users/",
        "accounts.add_user",
        ok=201,
        prepare=lambda w: {"body": {"username": "newbie", "password": "a-long-passphrase-1", "roles": ["service_agent"]}},
    ),
    Op("GET", "/api/v1/users/{id}/", "accounts.view_user", prepare=plain_user),
    Op(
        "PATCH",
        "/api/v1/users/{id}/",
        "accounts.change_user",
        prepare=lambda w: {**plain_user(w), "body": {"display_name": "新名"}},
    ),
    Op(
        "POST",
        "/api/v1/users/{id}/set-password/",
        "accounts.change_user",
        ok=204,
        prepare=lambda w: {**plain_user(w), "body": {"password": "another-long-pass-2"}},
    ),
    Op("POST", "/api/v1/users/{id}/deactivate/", "accounts.deactivate_user", prepare=plain_user),
    Op("POST", "/api/v1/users/{id}/activate/", "accounts.deactivate_user", prepare=lambda w: plain_user(w, active=False)),
    Op("GET", "/api/v1/departments/", "accounts.view_department"),
    Op("GET", "/api/v1/departments/{id}/", "accounts.view_department", prepare=_department),
    Op(
        "POST",
        "/api/v1/departments/",
        "accounts.add_department",
        ok=201,
        prepare=lambda w: {"body": {"code": "finance", "name": "财务部"}},
    ),
    Op("PATCH", "/api/v1/departments/{id}/", "accounts.change_department", prepare=_department),
]
