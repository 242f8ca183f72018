"""The transition table over every (state, action) pair, without a database."""

from __future__ import annotations

import pytest

from anju.core.errors import ConflictError
from anju.workorders.choices import OrderType, Status
from anju.workorders.models import WorkOrder
from anju.workorders.workflow import WORKFLOW

ACTIONS = WORKFLOW.transitions


def _order(state: str, order_type: str = OrderType.REPAIR) -> WorkOrder:
    return WorkOrder(status=state, type=order_type)  # never saved: the table needs no database


def can_transition(state: str, action: str, order_type: str) -> bool:
    return WORKFLOW.can_move(_order(state, order_type), action)


P, D, A, W, H, C, V, X, N = (
    "pending_dispatch",
    "dispatched",
    "accepted",
    "in_progress",
    "on_hold",
    "completed",
    "pending_visit",
    "closed",
    "cancelled",
)

# Written out by hand from the issue, independently of workflow.py: (action) → {source: target}.
EXPECTED = {
    "dispatch": {P: D},
    "reassign": {D: D, A: D},
    "accept": {D: A},
    "return": {D: P, A: P},
    "start": {A: W},
    "hold": {W: H},
    "resume": {H: W},
    "complete": {W: C},
    "verify": {C: V},
    "close": {V: X},
    "resolve": {P: X, D: X, A: X, W: X},  # consultations, suggestions, praise and complaints only
    "cancel": {P: N, D: N, A: N},
    "reopen": {C: P, V: P, X: P},
}


def test_the_table_has_exactly_the_expected_actions() -> None:
    assert set(ACTIONS) == set(EXPECTED)


@pytest.mark.parametrize("state", list(Status.values))
@pytest.mark.parametrize("action", sorted(EXPECTED))
def test_every_state_action_pair_for_a_repair(state: str, action: str) -> None:
    allowed = state in EXPECTED[action] and action != "resolve"
    assert can_transition(state, action, OrderType.REPAIR) is allowed
    if allowed:
        assert ACTIONS[action].target == EXPECTED[action][state]
        if action != "reopen":  # reopen's window guard reads the project's settings: tested with a database
            assert WORKFLOW.denial(_order(state), None, action) is None  # the system: no permission or person to check
    else:
        refusal = WORKFLOW.denial(_order(state), None, action)
        assert isinstance(refusal, ConflictError) and refusal.status_code == 409
        assert refusal.code == "workorder.transition_not_allowed"


@pytest.mark.parametrize("order_type", [t for t in OrderType.values if t != OrderType.REPAIR])
@pytest.mark.parametrize("state", list(Status.values))
def test_resolve_closes_other_types_directly(order_type: str, state: str) -> None:
    assert can_transition(state, "resolve", order_type) is (state in EXPECTED["resolve"])


def test_terminal_states_allow_only_reopen() -> None:
    for state in (X, N):
        allowed = {a for a in ACTIONS if can_transition(state, a, OrderType.REPAIR)}
        assert allowed == ({"reopen"} if state == X else set())


def test_technician_actions_are_assignee_only_and_reasons_where_needed() -> None:
    assigned = {a for a, spec in ACTIONS.items() if any(g.name == "assignee_only" for g in spec.guards)}
    assert assigned == {"accept", "return", "start", "hold", "resume", "complete"}
    assert {a for a, spec in ACTIONS.items() if spec.needs_reason} == {"return", "hold", "resolve", "cancel", "reopen"}
