"""Row rules by model: who may see which rows of a record type, registered once by the app that owns it.

A record can be reached without going through its own list: through a customer or unit shared by two projects
(their timelines, tabs, counts, a personal-data copy). Those views ask here instead of trusting that whoever may
see the customer may see everything linked to it. Each app registers, in its ``AppConfig.ready()``, the view
permission of a model and the selector that scopes its rows (the same selector its list and detail endpoints use),
so the timeline of a shared customer shows a project-1 repair to exactly the users who could open that repair.

Deny by default: an event whose target type has no rule is shown only on the target's own timeline (whose caller
has already fetched the target through its scoped selector).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet

from anju.core.models import Event


@dataclass(frozen=True)
class RowRule:
    permission: str | None
    rows: Callable[[Any], QuerySet[Any]]


_RULES: dict[type[models.Model], RowRule] = {}


def register(model: type[models.Model], *, rows: Callable[[Any], QuerySet[Any]], permission: str | None = None) -> None:
    """``rows(actor)``: the queryset of ``model`` rows the actor may see; ``permission``: needed to see any."""
    _RULES[model] = RowRule(permission=permission, rows=rows)


def registered_models() -> list[type[models.Model]]:
    return list(_RULES)


def rule_for(model: type[models.Model]) -> RowRule | None:
    return _RULES.get(model)


def visible_rows(model: type[models.Model], actor: Any) -> QuerySet[Any]:
    """The rows of ``model`` the actor may see (none when no rule is registered or the permission is missing)."""
    rule = _RULES.get(model)
    if rule is None or actor is None or not getattr(actor, "is_authenticated", False):
        return model._default_manager.none()
    if rule.permission and not actor.has_perm(rule.permission):
        return model._default_manager.none()
    return rule.rows(actor)


def can_see(model: type[models.Model], actor: Any, pk: Any) -> bool:
    return visible_rows(model, actor).filter(pk=pk).exists()


_TYPE_PERMISSIONS: dict[str, str] = {}  # event type prefix -> the permission needed to read such events


def register_event_types(prefix: str, *, permission: str) -> None:
    """Events whose type starts with ``prefix`` are shown only to holders of ``permission``, whatever their target
    (e.g. a return visit's outcome is recorded on its order's timeline, but the owner's words and score are for those
    who may read return visits, not for the technician who holds the order)."""
    _TYPE_PERMISSIONS[prefix] = permission


def restrict_events(
    events: QuerySet[Event], actor: Any, *, subject: models.Model | None = None, present: set[int] | None = None
) -> QuerySet[Event]:
    """Keep the events whose target the actor may see: ``subject`` itself, or a row its rule lets the actor see.

    Each registered type adds ``target_type = T AND EXISTS (visible T row with that id)``: a primary-key probe per
    event of the page, so the cost does not grow with the size of the target tables. Only the types that occur among
    ``events`` are added (one small query finds them): building and compiling a clause for each of the twenty-odd
    registered types cost more than the page itself, and a type with no event there cannot change the answer.
    ``present``: those types when the caller has read them already (a superset does no harm: a rule for a type with no
    event there admits nothing).
    """
    for prefix, permission in _TYPE_PERMISSIONS.items():
        if actor is None or not getattr(actor, "is_authenticated", False) or not actor.has_perm(permission):
            events = events.exclude(type__startswith=prefix)
    if present is None:
        present = set(events.order_by().values_list("target_type_id", flat=True).distinct())
    allowed = Q(pk__in=[])
    if subject is not None:
        allowed |= Q(target_type=ContentType.objects.get_for_model(subject), target_id=subject.pk)
    if actor is None or not getattr(actor, "is_authenticated", False):
        return events.filter(allowed)
    for type_id in sorted(present):  # the types that occur (cached content types), not every registered rule
        content_type = ContentType.objects.get_for_id(type_id)
        rule = _RULES.get(content_type.model_class())  # type: ignore[arg-type]
        if rule is None or (rule.permission and not actor.has_perm(rule.permission)):
            continue
        rows = rule.rows(actor).filter(pk=OuterRef("target_id")).values("pk")
        allowed |= Q(target_type=content_type) & Q(Exists(rows))
    return events.filter(allowed)


# --- Values inside a change history ---------------------------------------------------------------------------

_REDACTORS: dict[str, Callable[[Any, Any], Any]] = {}
OMIT = object()  # a redactor's answer: the field is left out of the change history altogether


def register_change_redactor(field: str, redact: Callable[[Any, Any], Any]) -> None:
    """``redact(actor, value)``: what of a recorded ``[old, new]`` value of ``field`` the actor may read (e.g. only
    the codes of their own projects in a shared customer's project list), or ``OMIT`` when the actor may not even
    know that the field changed."""
    _REDACTORS[field] = redact


def redact_changes(changes: dict[str, Any], actor: Any) -> dict[str, Any]:
    if not changes or not _REDACTORS:
        return changes
    result = dict(changes)
    for field, redact in _REDACTORS.items():
        pair = result.get(field)
        if isinstance(pair, list) and len(pair) == 2:
            old, new = redact(actor, pair[0]), redact(actor, pair[1])
            if old is OMIT or new is OMIT:
                del result[field]
            else:
                result[field] = [old, new]
    return result
