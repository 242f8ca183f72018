"""The API's django-filter backend: the same strict query-string rules as ``anju.core.params`` for every FilterSet.

- a foreign-key filter on an integer-keyed model (``?customer=``, ``?project=``) takes a plain id: ``abc``, ``1.5``
  or an id too large for a 64-bit column is a 400 naming the parameter (not an unhandled database overflow);
- a date or datetime filter takes a value between 1900-01-01 and 2200-12-31.

It is the default filter backend (``REST_FRAMEWORK["DEFAULT_FILTER_BACKENDS"]``), so a new FilterSet gets this too.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django_filters import filters
from django_filters import rest_framework as drf_filters
from django_filters.fields import ChoiceField
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.utils import translate_validation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from anju.core.fields import integer_keyed
from anju.core.params import id_value
from anju.core.validators import InvalidValue, check_date_range


def local_midnight(day: datetime.date) -> datetime.datetime:
    """The start of ``day`` in the site's time zone: where a date filter (``created_from=2026-12-01``) begins."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _date_in_range(value: Any) -> None:
    if value is None:
        return
    try:
        check_date_range(value)
    except InvalidValue as exc:
        raise DjangoValidationError(str(exc), code="date_out_of_range") from exc


def _named(name: str, keys: list[str]) -> bool:
    """Whether the query names filter ``name``: ``name`` itself or a parameter of a multi-value widget (``name_after``,
    ``name_min``, ``name_0``). A superset is harmless: a filter kept for nothing cleans to empty and filters nothing."""
    return any(key == name or key.startswith(f"{name}_") for key in keys)


class FilterSet(drf_filters.FilterSet):
    """Every list's FilterSet: django-filter's, building only the filters the query names (issue 14).

    django-filter copies every declared filter, builds its form field and then a form holding all of them on every
    request — for the work-order list (26 filters) about a quarter of the request's time — although a filter whose
    parameters are absent cleans to an empty value and filters nothing. Here a bound filter set copies only the filters
    whose parameters the query names; the answer is the same (``tests/test_filtersets.py`` compares both ways for every
    FilterSet), the OpenAPI schema still documents every filter (it reads the class's ``base_filters``).
    """

    base_filters: dict[str, Any]  # set on each class by django-filter's metaclass

    def __init__(self, data: Any = None, queryset: Any = None, *, request: Any = None, prefix: str | None = None) -> None:
        if data is not None and prefix is None:
            keys = list(data.keys())
            # an instance attribute over the class's: django-filter's __init__ copies ``self.base_filters``
            self.base_filters = {name: item for name, item in type(self).base_filters.items() if _named(name, keys)}
        super().__init__(data, queryset, request=request, prefix=prefix)


class FilterBackend(DjangoFilterBackend):
    def get_filterset(self, request: Any, queryset: Any, view: Any) -> Any:
        filterset = super().get_filterset(request, queryset, view)
        if filterset is not None:
            for item in filterset.filters.values():
                field = item.field
                if isinstance(field, forms.DateField | forms.DateTimeField) and _date_in_range not in field.validators:
                    field.validators.append(_date_in_range)
        return filterset

    def filter_queryset(self, request: Any, queryset: Any, view: Any) -> Any:
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        errors: dict[str, list[str]] = {}
        for name, item in filterset.filters.items():
            if not isinstance(item, filters.ModelChoiceFilter | filters.ModelMultipleChoiceFilter):
                continue
            if not integer_keyed(item.field.queryset):
                continue
            raw = [value for value in filterset.data.getlist(name) if value != ""]
            if any(id_value(value) is None for value in raw):
                errors[name] = [_("Enter a valid id (a whole number).")]
        if errors:
            raise serializers.ValidationError(errors)
        if not filterset.is_valid() and self.raise_exception:
            raise translate_validation(filterset.errors)
        return filterset.qs


class IdField(forms.CharField):
    """A plain id (``anju.core.params.id_value``): ``abc``, ``1.5`` or an id too large for a 64-bit column is an
    error naming the parameter; an id of no row is no error (the list is just empty)."""

    def to_python(self, value: Any) -> int | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        number = id_value(text)
        if number is None:
            raise DjangoValidationError(_("Enter a valid id (a whole number)."), code="invalid")
        return number


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(filters.Filter):
    """``?project=3``: filter on an id without looking the row up (no extra query, no 400 for a deleted row)."""

    field_class = IdField


class CommaMultipleChoiceField(forms.MultipleChoiceField):
    """Repeated (``?status=a&status=b``) or comma-separated (``?status=a,b``) choices."""

    def to_python(self, value: Any) -> list[str]:
        return [part for item in super().to_python(value) for part in str(item).split(",") if part]


class CommaMultipleChoiceFilter(filters.MultipleChoiceFilter):
    """A multiple-choice filter that also takes comma-separated values; an unknown value is a 400."""

    field_class = CommaMultipleChoiceField

    def filter(self, qs: Any, value: Any) -> Any:
        return qs.filter(**{f"{self.field_name}__in": value}) if value else qs


class FlagField(forms.CharField):
    """``true`` or ``false``; any other value is no filter (as the lists have always read flags)."""

    def to_python(self, value: Any) -> bool | None:  # type: ignore[override]
        return {"true": True, "false": False}.get(super().to_python(value) or "")


@extend_schema_field(OpenApiTypes.BOOL)
class FlagFilter(filters.Filter):
    field_class = FlagField


class LenientChoiceField(ChoiceField):
    """A choice where an unknown value is no filter (lists that have always ignored one)."""

    def validate(self, value: Any) -> None:
        return

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        return value if value in ("", None) or self.valid_value(value) else ""


class LenientChoiceFilter(filters.ChoiceFilter):
    field_class = LenientChoiceField
