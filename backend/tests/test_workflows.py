"""The buttons a user sees are exactly the actions the server accepts, for every workflow (core.workflow).

For every workflow table, every state, every action and every persona (客服主管, 客服专员, 置业顾问, 按揭专员, 财务, 管理层,
the assigned technician, another technician): read the record through the API as that persona, take ``allowed_actions``
from the answer, then call the action's endpoint (inside a savepoint that is rolled back). The action must succeed
exactly when its button was shown. The workflows are discovered, so a new table is covered without editing this.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import transaction
from rest_framework.test import APIClient

from anju.core.workflow import registered_workflows
from conftest import World
from tests.matrix import technician
from tests.test_permission_matrix import WORKFLOW_CASES, workflow_action_path

ROLES = ("service_supervisor", "service_agent", "sales_consultant", "mortgage_officer", "finance", "management")
PERSONAS = [*ROLES, "assigned_technician", "other_technician"]
CASES = [(w.name, str(state)) for w in registered_workflows() for state in w.states.values]


class _Rollback(Exception):
    pass


def _personas(world: World) -> dict[str, Any]:
    users = {}
    for role in ROLES:
        users[role] = world.user(f"wf_{role}", role=role, projects=[world.project_a])
    users["assigned_technician"] = technician(world, "wf_assigned").user
    users["other_technician"] = technician(world, "wf_other").user
    return users


def _client(user: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize(("workflow_name", "state"), CASES, ids=[f"{w}-{s}" for w, s in CASES])
def test_given_a_state_when_each_persona_acts_then_exactly_the_shown_actions_succeed(
    world: World, workflow_name: str, state: str
) -> None:
    workflow = next(w for w in registered_workflows() if w.name == workflow_name)
    case = WORKFLOW_CASES[workflow_name]
    personas = _personas(world)
    mismatches = []
    for action in workflow.transitions:
        obj = case.make(world, state, action)
        workflow.model._default_manager.filter(pk=obj.pk).update(**{workflow.state_field: state})
        if hasattr(obj, "assignee_id"):
            workflow.model._default_manager.filter(pk=obj.pk).update(assignee=personas["assigned_technician"])
        obj.refresh_from_db()
        detail = re.sub(r"\{[a-z_]+\}", str(obj.pk), case.base)
        path = re.sub(r"\{[a-z_]+\}", str(obj.pk), workflow_action_path(workflow, action))
        body = case.body(world, action, obj)
        if hasattr(obj, "version"):
            body["version"] = obj.version
        for persona, user in personas.items():
            client = _client(user)
            seen = client.get(detail)
            shown = seen.status_code == 200 and action in [a["action"] for a in seen.json().get("allowed_actions", [])]
            try:
                with transaction.atomic():
                    response = client.post(path, body, format="json")
                    raise _Rollback
            except _Rollback:
                pass
            accepted = response.status_code < 300
            if shown != accepted:
                mismatches.append(
                    f"{action} as {persona}: shown={shown}, server said {response.status_code} {response.content[:160]!r}"
                )
    assert mismatches == [], "\n".join(mismatches)
