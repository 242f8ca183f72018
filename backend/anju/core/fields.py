"""Project-wide defaults for DRF input fields: hostile input is a field error, never a 500 (security review).

``harden(field)`` gives a field made from one of DRF's classes (or a subclass) the project's stricter behaviour.
Every ``StrictInputMixin`` serializer - so every ``InputSerializer`` - hardens all of its fields, the children of
list, dict and many-related fields and plain nested serializers included, so a new serializer gets this for free:

- text (``CharField`` and its subclasses, when they trim whitespace): invisible characters (zero-width spaces,
  the BOM, other Unicode format characters) are trimmed together with the whitespace, so a name made only of
  them is blank ("This field may not be blank." / "This field is required.");
- dates and datetimes: between 1900-01-01 and 2200-12-31 (``anju.core.validators.check_date_range``), so date
  arithmetic further on (warranty expiry, SLA deadlines) cannot overflow;
- integers without explicit bounds: what a signed 64-bit column holds;
- primary keys of integer-keyed models: ``1`` or ``"1"`` (or ``1.0``), never ``1.5``, ``true`` or ``"1e3"``.

A field is hardened by rebuilding it from the arguments it was made with (what DRF itself does to copy a field)
as an instance of a subclass that mixes the stricter behaviour in.
"""

from __future__ import annotations

import copy
import functools
import math
from typing import Any

from django.db import models
from rest_framework import serializers
from rest_framework.fields import empty
from rest_framework.utils.formatting import lazy_format

from anju.core.params import MAX_ID
from anju.core.validators import InvalidValue, check_date_range, strip_invisible

MIN_INTEGER = -(2**63)
MAX_INTEGER = 2**63 - 1


class VisibleTextMixin:
    """Trim invisible characters with the whitespace; a value made only of them is blank."""

    trim_whitespace: bool

    def run_validation(self, data: Any = empty) -> Any:
        if self.trim_whitespace and isinstance(data, str) and data and not strip_invisible(data):
            data = ""  # CharField answers "blank" (or returns "" where blank is allowed)
        return super().run_validation(data)  # type: ignore[misc]

    def to_internal_value(self, data: Any) -> Any:
        value = super().to_internal_value(data)  # type: ignore[misc]
        return strip_invisible(value) if self.trim_whitespace and isinstance(value, str) else value


class DateRangeMixin:
    """A date or datetime between 1900-01-01 and 2200-12-31."""

    def to_internal_value(self, value: Any) -> Any:
        result = super().to_internal_value(value)  # type: ignore[misc]
        try:
            check_date_range(result)
        except InvalidValue as exc:
            raise serializers.ValidationError(str(exc), code="date_out_of_range") from exc
        return result


class BoundedIntegerMixin:
    """An integer field without explicit bounds holds what a signed 64-bit column holds."""

    def __init__(self, **kwargs: Any) -> None:
        if kwargs.get("max_value") is None:
            kwargs["max_value"] = MAX_INTEGER
        if kwargs.get("min_value") is None:
            kwargs["min_value"] = MIN_INTEGER
        super().__init__(**kwargs)


def integer_keyed(queryset: Any) -> bool:
    """True when ``queryset``'s model has an integer primary key (or a one-to-one key to one)."""
    model = getattr(queryset, "model", None)
    if model is None:
        return False
    pk = model._meta.pk
    while pk is not None and pk.is_relation:
        pk = pk.target_field
    return isinstance(pk, models.IntegerField)


class IntegerKeyMixin:
    """The primary key of an integer-keyed model must be an integer: ``1.5`` is not quietly read as ``1``."""

    pk_field: Any

    def to_internal_value(self, data: Any) -> Any:
        # A field with a ``find`` (``ScopedPrimaryKeyField``) checks its key itself, without building its queryset.
        if self.pk_field is None and not getattr(self, "find", None) and integer_keyed(self.get_queryset()):  # type: ignore[attr-defined]
            data = self._integer(data)
        return super().to_internal_value(data)  # type: ignore[misc]

    def _integer(self, data: Any) -> int:
        return integer_key(self, data)


def integer_key(field: Any, data: Any) -> int:
    """``data`` as the integer primary key a related field (``field``) is given, or the field's own 400: not an integer
    (``1.5``, ``true``, ``"abc"``) → ``incorrect_type``; out of the ids' range → ``does_not_exist``."""
    integral = (
        (isinstance(data, int) and not isinstance(data, bool))
        or (isinstance(data, float) and math.isfinite(data) and data.is_integer())
        or (isinstance(data, str) and data.isascii() and data.isdigit() and len(data) <= 20)
    )
    if not integral:
        field.fail("incorrect_type", data_type=type(data).__name__)
    number = int(data)
    if not 0 <= number <= MAX_ID:
        shown = str(number)
        field.fail("does_not_exist", pk_value=shown if len(shown) <= 20 else shown[:20] + "…")  # 1e308: 309 digits
    return number


_HARDENING: tuple[tuple[type[serializers.Field], type], ...] = (
    (serializers.CharField, VisibleTextMixin),
    (serializers.DateTimeField, DateRangeMixin),
    (serializers.DateField, DateRangeMixin),
    (serializers.IntegerField, BoundedIntegerMixin),
    (serializers.PrimaryKeyRelatedField, IntegerKeyMixin),
)


@functools.cache
def hardened_class(cls: type) -> type:
    """``cls`` with the project's stricter behaviour mixed in (``cls`` itself when there is none to add)."""
    mixins = tuple(mixin for base, mixin in _HARDENING if issubclass(cls, base) and not issubclass(cls, mixin))
    if not mixins:
        return cls
    return type(cls.__name__, (*mixins, cls), {"__module__": __name__, "__qualname__": cls.__qualname__})


def _harden_child(parent: Any, attribute: str) -> None:
    old = getattr(parent, attribute)
    new = harden(old)
    if new is not old:
        setattr(parent, attribute, new)
        new.bind(field_name="", parent=parent)


def harden(field: Any) -> Any:
    """The field with the project's defaults (a new field, or ``field`` itself when it needs nothing)."""
    if getattr(field, "hardens_its_fields", False):
        return field  # a StrictInputMixin serializer does it itself
    if isinstance(field, serializers.ManyRelatedField):
        _harden_child(field, "child_relation")
        return field
    if isinstance(field, serializers.ListField | serializers.DictField | serializers.ListSerializer):
        _harden_child(field, "child")
        return field
    if isinstance(field, serializers.Serializer):
        for name, sub in list(field.fields.items()):
            new = harden(sub)
            if new is not sub:
                field.fields[name] = new
        return field
    cls = hardened_class(field.__class__)
    if cls is type(field) or field.read_only:
        return field
    return cls(*field._args, **field._kwargs)


class _RenderedEachTime(lazy_format):
    """DRF's ``lazy_format`` renders a length or range message once and keeps it; this one renders it each time it is
    shown, in the language of the request that shows it (a validator shared by instances must not keep the first)."""

    __slots__ = ()

    def __str__(self) -> str:
        return self.format_string.format(*self.args, **self.kwargs)  # type: ignore[no-any-return,union-attr]


# fields holding other fields (bound to their parent): copied whole, as DRF copies every field
_NESTING = (serializers.ListField, serializers.DictField, serializers.ManyRelatedField, serializers.BaseSerializer)


def prepare_for_copies(field: Any) -> bool:
    """Make a class's declared field fit for ``instance_copy`` (its validators' messages render each time they are
    shown); ``False`` when it holds other fields, a mutable default or a message already rendered, and is
    deep-copied instead."""
    if isinstance(field, _NESTING) or any(isinstance(v, list | dict | set) for v in (field.default, field.initial)):
        return False  # a mutable default is each instance's own only when deep-copied
    messages = [getattr(validator, "message", None) for validator in field.validators]
    if any(isinstance(m, lazy_format) and not isinstance(m, _RenderedEachTime) and m.result is not None for m in messages):
        return False
    for message in messages:
        if type(message) is lazy_format:
            message.__class__ = _RenderedEachTime
    return True


def _copy(thing: Any) -> Any:
    """A shallow copy: a plain object's attributes in a new object of its class; anything else as ``copy.copy`` gives
    it (a function validator is itself)."""
    if type(thing).__new__ is not object.__new__ or not hasattr(thing, "__dict__"):
        return copy.copy(thing)
    new = object.__new__(type(thing))
    new.__dict__.update(thing.__dict__)
    return new


def instance_copy(field: Any) -> Any:
    """One serializer instance's copy of a declared field prepared by ``prepare_for_copies``: its own attributes,
    validators and error messages (what DRF's deep copy gives, without building the field again from its arguments —
    a sixth of a repair create's validation was DRF re-running every field's ``__init__``). Shared with the class's
    field: what nothing changes after it is made (choices, the selector, the messages' format strings)."""
    new = object.__new__(type(field))  # DRF's ``Field.__new__`` only records the arguments, copied with the rest
    new.__dict__.update(field.__dict__)
    new._validators = [_copy(validator) for validator in field.validators]
    new.error_messages = dict(field.error_messages)
    new.style = dict(field.style)
    return new
