"""Stored event types moved to one grammar, ``<noun>.<past-tense verb>`` (core migration 0005): every old type maps
onto a type the code records now, and the migration rewrites the rows both ways."""

from __future__ import annotations

import importlib
from enum import StrEnum
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType

from anju.core.events import CommonEvent
from anju.core.models import Event
from anju.core.workflow import registered_workflows
from anju.customers.models import FollowUp
from anju.workorders.models import WorkOrder

migration = importlib.import_module("anju.core.migrations.0005_event_type_grammar")
ANJU = Path(__file__).resolve().parents[2]


def _recorded_now() -> set[str]:
    found = {str(m) for m in CommonEvent}
    for path in ANJU.glob("*/events.py"):
        module = importlib.import_module(f"anju.{path.parent.name}.events")
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, StrEnum) and value.__module__ == module.__name__:
                found |= {str(m) for m in value}
    for workflow in registered_workflows():
        found |= set(workflow.event_types())
    return found


def test_given_the_migration_table_when_compared_with_the_code_then_old_types_map_onto_recorded_ones() -> None:
    now = _recorded_now()
    old = {*migration.RENAMED, migration.FOLLOW_UP_OLD}
    new = {*migration.RENAMED.values(), migration.FOLLOW_UP_ON_CUSTOMER, migration.FOLLOW_UP_ON_ORDER}
    assert new <= now, sorted(new - now)
    assert old & now == set(), "an old type is still recorded"
    assert len(set(migration.RENAMED.values())) == len(migration.RENAMED), "two old types share a new one: no way back"
    assert new & old == set()


@pytest.mark.django_db
def test_given_stored_events_when_migrating_forwards_and_back_then_each_type_is_renamed_and_restored() -> None:
    order_type = ContentType.objects.get_for_model(WorkOrder)
    follow_up_type = ContentType.objects.get_for_model(FollowUp)
    rows = [
        ("workorder.dispatch", order_type, "work_order.dispatched"),
        ("workorder.hold", order_type, "work_order.put_on_hold"),
        ("created", order_type, "record.created"),
        ("complaint.apologise", order_type, "complaint.apologised"),
        ("visited", order_type, "return_visit.outcome_recorded"),
        ("followed_up", order_type, "work_order.followed_up"),
        ("followed_up", follow_up_type, "follow_up.recorded"),
        ("handover_slot.booked", order_type, "handover_slot.booked"),  # already in the grammar: left alone
    ]
    events = [Event.objects.create(type=old, target_type=ct, target_id=1) for old, ct, _new in rows]

    migration.forwards(apps, None)
    assert [Event.objects.get(pk=e.pk).type for e in events] == [new for _old, _ct, new in rows]

    migration.backwards(apps, None)
    assert [Event.objects.get(pk=e.pk).type for e in events] == [old for old, _ct, _new in rows]
