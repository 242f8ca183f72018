"""Write and read events: every change leaves one on the record's timeline.

``record_event`` is called by services inside their transaction. ``also_on`` puts the same
event on more timelines (a follow-up shows on its customer; a repair on its unit and
customer). ``diff_changes`` builds the who-changed-what history with personal data masked.

Every event type is ``<noun>.<past-tense verb>``: the snake_case noun of the record it is about and what happened to
it (``work_order.dispatched``, ``attachment.added``, ``record.created``); a meta-test (``tests/test_anatomy.py``)
holds every app's ``events.py`` and every workflow action's ``event`` to it. The values are stored: rename one only
with a data migration.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from enum import StrEnum
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from anju.core.logging import current_request_id
from anju.core.models import Event, EventLink
from anju.core.prepared import Prepared, insert
from anju.core.visibility import restrict_events


class CommonEvent(StrEnum):
    """Event types every record shares (the noun is ``record``); each app's own are in its ``events.py``."""

    CREATED = "record.created"
    UPDATED = "record.updated"
    DELETED = "record.deleted"


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, bool | int | str):
        return value
    return str(value)


def diff_changes(
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    *,
    maskers: Mapping[str, Callable[[Any], Any]] | None = None,
) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` for every field whose value changed; masked where a masker is given."""
    maskers = maskers or {}
    changes: dict[str, list[Any]] = {}
    for field, new in after.items():
        old = before.get(field)
        if _plain(old) == _plain(new):
            continue
        mask = maskers.get(field)
        if mask is not None:
            changes[field] = [mask(old), mask(new)]
        else:
            changes[field] = [_plain(old), _plain(new)]
    return changes


def record_event(
    *,
    target: models.Model,
    type: str,  # noqa: A002 - the event's type is its name in the API too
    actor: Any = None,
    note: str = "",
    changes: Mapping[str, Any] | None = None,
    data: Mapping[str, Any] | None = None,
    from_status: str = "",
    to_status: str = "",
    also_on: Iterable[models.Model | None] = (),
) -> Event:
    actor_obj = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    event = Event(
        type=type,
        actor=actor_obj,
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        target_label=str(target)[:200],
        from_status=from_status,
        to_status=to_status,
        note=note,
        changes=dict(changes or {}),
        data=dict(data or {}),
        request_id=current_request_id.get() if current_request_id.get() != "-" else "",
    )
    insert([event])
    seen: set[tuple[int, int]] = set()
    links = []
    for obj in (target, *also_on):
        if obj is None:
            continue
        ct = ContentType.objects.get_for_model(obj)
        key = (ct.pk, obj.pk)
        if key in seen:
            continue
        seen.add(key)
        links.append(EventLink(event=event, content_type=ct, object_id=obj.pk))
    insert(links)
    return event


def list_timeline(*, obj: models.Model, actor: Any) -> QuerySet[Event]:
    """The events on ``obj``'s timeline that ``actor`` may see, newest first.

    The caller has fetched ``obj`` through its scoped selector; every other record an event is about follows its
    own row rules (``anju.core.visibility``), so a customer shared by two projects shows each user only the
    records of the projects they work in, and a technician only the orders assigned to them.
    """
    ct = ContentType.objects.get_for_model(obj)
    events = Event.objects.filter(links__content_type=ct, links__object_id=obj.pk)
    present = set(_TYPES_ON_TIMELINE.all(content_type=ct.pk, object_id=obj.pk))
    return (
        restrict_events(events, actor, subject=obj, present=present)
        .select_related("actor", "target_type")
        .order_by("-occurred_at", "-id")
    )


# The kinds of record the events on a timeline are about (``restrict_events`` checks only their rules); every
# timeline asks, so the statement is compiled once per connection (``core.prepared``).
_TYPES_ON_TIMELINE = Prepared(
    lambda content_type, object_id: (
        Event.objects.filter(links__content_type_id=content_type, links__object_id=object_id)
        .order_by()
        .values_list("target_type_id", flat=True)
        .distinct()
    ),
    content_type=int,
    object_id=int,
)
