"""The permission matrix for every API operation (security targets A1, A2).

For each operation: anonymous → 401; a user holding every permission *except* the one the
operation needs → 403; a user with the permission but scoped to the other project → 404
on objects of project A (and 400 when a create points a foreign key into project A); a user
holding only that permission, scoped to project A → the success status.
Each app keeps the rows of its own endpoints in ``anju/<app>/tests/matrix.py`` (``OPS`` and, for its workflows,
``WORKFLOW_CASES``), collected here by ``tests.matrix.app_rows``; the rows of workflow actions are derived from the
tables. ``test_every_operation_has_a_case`` walks the OpenAPI schema and fails when an operation has no row, or a row
has no operation.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from drf_spectacular.generators import SchemaGenerator

from conftest import World
from tests.matrix import AUTHENTICATED, OWNER, PUBLIC, Op, WorkflowCase, app_rows, assign_to_allowed

# --- Workflow actions: one row per action of every workflow table (core.workflow), none written by hand ----------

WORKFLOW_CASES: dict[str, WorkflowCase] = app_rows("WORKFLOW_CASES", {})


def workflow_action_path(workflow: Any, action: str) -> str:
    from anju.core.workflow_api import action_url_path

    return WORKFLOW_CASES[workflow.name].base + action_url_path(workflow, action) + "/"


def _workflow_ops() -> list[Op]:
    from anju.core.workflow import registered_workflows

    ops = []
    for workflow in registered_workflows():
        case = WORKFLOW_CASES[workflow.name]
        for action, spec in workflow.transitions.items():
            state = sorted(spec.sources)[0]

            def prepare(w: World, *, _case: WorkflowCase = case, _state: str = state, _action: str = action) -> dict[str, Any]:
                obj = _case.make(w, _state, _action)
                prepared = {"id": obj.id, "body": _case.body(w, _action, obj)}
                if hasattr(obj, "version"):
                    prepared["version"] = obj.version
                return prepared

            assignee_only = any(g.name == "assignee_only" for g in spec.guards)
            ops.append(
                Op(
                    "POST",
                    workflow_action_path(workflow, action),
                    spec.permission,
                    prepare=prepare,
                    scoped=case.scoped,
                    arrange=assign_to_allowed if assignee_only else None,
                )
            )
    return ops


# every app's rows, then the workflow actions
OPS: list[Op] = [*app_rows("OPS", []), *_workflow_ops()]


def _call(client: Any, op: Op, prepared: dict[str, Any]) -> Any:
    path = re.sub(r"\{photo_id\}", str(prepared.get("photo", 0)), op.path)
    path = re.sub(r"\{[a-z_]+\}", str(prepared.get("id", 0)), path)
    body = prepared.get("body")
    if op.multipart and body:
        for value in body.values():
            if hasattr(value, "seek"):
                value.seek(0)
        return (
            client.generic(op.method, path)
            if body is None
            else getattr(client, op.method.lower())(path, body, format="multipart")
        )
    if op.method in ("GET", "DELETE"):
        return getattr(client, op.method.lower())(path)
    # Edits and workflow actions name the version they read: here as an If-Match header (the body works too).
    headers = {"HTTP_IF_MATCH": f'"{prepared["version"]}"'} if "version" in prepared else {}
    return getattr(client, op.method.lower())(path, body or {}, format="json", **headers)


@pytest.mark.django_db
@pytest.mark.parametrize("op", OPS, ids=lambda op: op.id)
def test_permission_matrix(op: Op, world: World, client_for: Any, anon: Any) -> None:
    prepared = op.prepare(world)

    anonymous = _call(anon, op, prepared)
    if op.permission == PUBLIC:
        assert anonymous.status_code == op.ok, anonymous.content
        return
    assert anonymous.status_code == 401, f"anonymous: {anonymous.status_code}"

    if op.permission == OWNER:
        _owner_row(op, world, client_for, prepared)
        return

    if op.permission == AUTHENTICATED:
        someone = world.user("someone", permissions=[])
        if op.arrange is not None:
            op.arrange(world, someone, prepared)
        assert _call(client_for(someone), op, prepared).status_code == op.ok
        return

    denied = world.user("denied", exclude_permissions=[op.permission], all_projects=True)
    response = _call(client_for(denied), op, prepared)
    assert response.status_code == 403, f"without {op.permission}: {response.status_code} {response.content[:200]!r}"
    assert response.json()["code"] == "auth.permission_denied"

    if op.scoped or op.fk_into_a:
        other = world.user("other", permissions=[op.permission], projects=[world.project_b])
        response = _call(client_for(other), op, prepared)
        expected = 404 if op.scoped else 400
        assert response.status_code == expected, f"other project: {response.status_code} {response.content[:300]!r}"

    allowed = world.user("allowed", permissions=[op.permission], all_projects=op.scope_all, projects=[world.project_a])
    prepared = op.prepare(world) if op.multipart else prepared
    if op.arrange is not None:
        op.arrange(world, allowed, prepared)
    response = _call(client_for(allowed), op, prepared)
    assert response.status_code == op.ok, f"allowed: {response.status_code} {response.content[:300]!r}"


def _owner_client(customer: Any) -> Any:
    from rest_framework.test import APIClient

    from anju.owners.signin import COOKIE_NAME, open_session

    client = APIClient()
    client.cookies[COOKIE_NAME] = open_session(customer=customer).key
    return client


def _owner_row(op: Op, world: World, client_for: Any, prepared: dict[str, Any]) -> None:
    """An owner-API row: no staff credential opens it, another owner meets a 404 (or a 400 for a home of theirs)."""
    staff = world.user("staff_everything", role="system_admin", all_projects=True)
    response = _call(client_for(staff), op, prepared)
    assert response.status_code in (401, 403), f"staff: {response.status_code}"
    if op.scoped or op.fk_into_a:
        response = _call(_owner_client(world.customer_b), op, prepared)
        expected = 404 if op.scoped else 400
        assert response.status_code == expected, f"another owner: {response.status_code} {response.content[:300]!r}"
    prepared = op.prepare(world) if op.multipart else prepared
    response = _call(_owner_client(world.customer_a), op, prepared)
    assert response.status_code == op.ok, f"owner: {response.status_code} {response.content[:300]!r}"


@pytest.mark.django_db
def test_lists_show_nothing_of_another_project(world: World, client_for: Any) -> None:
    other = world.user("viewer_b", role="service_supervisor", projects=[world.project_b])
    client = client_for(other)
    for path, forbidden_id in [
        ("/api/v1/customers/", world.customer_a.id),
        ("/api/v1/units/", world.unit_a.id),
        ("/api/v1/buildings/", world.building_a.id),
        ("/api/v1/projects/", world.project_a.id),
        ("/api/v1/ownerships/", world.ownership_a.id),
    ]:
        ids = [row["id"] for row in client.get(path, {"page_size": 200}).json()["results"]]
        assert forbidden_id not in ids, path
        assert ids, f"{path} should still list project B's rows"


def test_every_operation_has_a_case() -> None:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operations = {
        f"{method.upper()} {path}"
        for path, item in schema["paths"].items()
        for method in item
        if method in {"get", "post", "put", "patch", "delete"}
    }
    covered = {op.id.split("?")[0] for op in OPS}  # a row may carry a required query string
    assert sorted(operations - covered) == [], "operations without a permission-matrix case"
    assert sorted(covered - operations) == [], "matrix rows for operations that no longer exist"


def test_no_view_defaults_to_allow_any(settings: Any) -> None:
    assert settings.REST_FRAMEWORK["DEFAULT_PERMISSION_CLASSES"] == ["anju.core.permissions.ActionPermission"]
