"""Serializer base classes shared by every app."""

from __future__ import annotations

import copy
import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from anju.core.fields import harden, instance_copy, prepare_for_copies
from anju.core.visibility import redact_changes


class StrictInputMixin:
    """Reject unknown and read-only keys instead of silently ignoring them (target A3).

    Every field also gets the project's input defaults (``anju.core.fields.harden``): invisible-only text is blank,
    dates lie between 1900 and 2200, integers fit a 64-bit column, integer primary keys are integers.
    """

    hardens_its_fields = True

    def get_fields(self) -> dict[str, Any]:
        cls = type(self)
        model_serializer = isinstance(self, serializers.ModelSerializer)  # its fields come from the model too
        if "_plain_fields" not in cls.__dict__:
            # The class's declared fields, hardened once. Each instance gets its own copies of them: a plain field a
            # shallow copy with its own validators and messages (``fields.instance_copy``), a field holding other
            # fields a deep copy (the field built again from its arguments, as DRF copies every field). Nothing one
            # instance changes or binds is seen by another.
            cls._declared_fields = {name: harden(field) for name, field in cls._declared_fields.items()}  # type: ignore[attr-defined]
            cls._plain_fields = frozenset(  # type: ignore[attr-defined]
                () if model_serializer else (n for n, f in cls._declared_fields.items() if prepare_for_copies(f))  # type: ignore[attr-defined]
            )
        if model_serializer:
            return {name: harden(field) for name, field in super().get_fields().items()}  # type: ignore[misc]
        plain = cls._plain_fields  # type: ignore[attr-defined]
        return {
            name: instance_copy(field) if name in plain else harden(copy.deepcopy(field))
            for name, field in cls._declared_fields.items()  # type: ignore[attr-defined]
        }

    def to_internal_value(self, data: Any) -> Any:
        errors: dict[str, Any] = {}
        if isinstance(data, Mapping):
            fields = self.fields  # type: ignore[attr-defined]
            writable = {name for name, field in fields.items() if not field.read_only}
            for key in data:
                if key not in writable:
                    errors[str(key)] = [_("This field is unknown or may not be set.")]
        try:
            value = super().to_internal_value(data)  # type: ignore[misc]
        except serializers.ValidationError as exc:
            detail = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
            errors = {**detail, **errors}
            raise serializers.ValidationError(errors) from exc
        if errors:
            raise serializers.ValidationError(errors)
        return value


class InputSerializer(StrictInputMixin, serializers.Serializer):
    """Plain input serializer: validates and shapes, never saves."""


class PartialInputMixin:
    """PATCH input: every field optional and an absent field stays absent (no default), except ``always_required``."""

    always_required: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():  # type: ignore[attr-defined]
            if name not in self.always_required:
                field.required = False
                field.default = serializers.empty


def validated_input(view: Any, serializer_class: Any) -> dict[str, Any]:
    """Validate the request body of ``view`` with an input serializer (400 with field errors) and return the data."""
    context = view.get_serializer_context() if hasattr(view, "get_serializer_context") else {"request": view.request}
    serializer = serializer_class(data=view.request.data, context=context)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


_DATETIME = serializers.DateTimeField()


def iso_datetime(value: datetime.datetime | None) -> str | None:
    """What DRF's ``DateTimeField`` answers for a stored (aware) moment — ISO 8601 in the current time zone, ``Z`` for
    UTC — without the field machinery: plain row mappers (lists, the detail screen, timelines) call it for every
    moment of a page. A test compares it with the field."""
    if value is None:
        return None
    if timezone.is_naive(value):
        return _DATETIME.to_representation(value)
    text = value.astimezone(timezone.get_current_timezone()).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def event_rows(events: Iterable[Any] | None, actor: Any) -> list[dict[str, Any]]:
    """``EventSerializer(events, many=True)`` for ``actor`` without the per-field machinery (every timeline's page; a
    test compares the two). The events come with ``actor`` and ``target_type`` joined (``core.events.list_timeline``)."""
    return [
        {
            "id": event.pk,
            "type": event.type,
            "actor": str(event.actor) if event.actor_id else None,
            "occurred_at": iso_datetime(event.occurred_at),
            "target_type": f"{event.target_type.app_label}.{event.target_type.model}",
            "target_id": event.target_id,
            "target_label": event.target_label,
            "from_status": event.from_status,
            "to_status": event.to_status,
            "note": event.note,
            "changes": redact_changes(event.changes, actor),
            "data": {str(key): value for key, value in event.data.items()},
        }
        for event in events or ()
    ]


class EventSerializer(serializers.Serializer):
    """One timeline entry."""

    id = serializers.IntegerField()
    type = serializers.CharField()
    actor = serializers.SerializerMethodField()
    occurred_at = serializers.DateTimeField()
    target_type = serializers.SerializerMethodField()
    target_id = serializers.IntegerField()
    target_label = serializers.CharField()
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    note = serializers.CharField()
    changes = serializers.SerializerMethodField()
    data = serializers.DictField()  # type: ignore[assignment]

    def get_actor(self, obj: Any) -> str | None:
        return str(obj.actor) if obj.actor_id else None

    @extend_schema_field(serializers.DictField())
    def get_changes(self, obj: Any) -> dict[str, Any]:
        request = self.context.get("request")
        return redact_changes(obj.changes, request.user if request is not None else None)

    def get_target_type(self, obj: Any) -> str:
        return f"{obj.target_type.app_label}.{obj.target_type.model}"
