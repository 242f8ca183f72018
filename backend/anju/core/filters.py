"""The API's django-filter backend: the same strict query-string rules as ``anju.core.params`` for every FilterSet.

- a foreign-key filter on an integer-keyed model (``?customer=``, ``?project=``) takes a plain id: ``abc``, ``1.5``
  or an id too large for a 64-bit column is a 400 naming the parameter (not an unhandled database overflow);
- a date or datetime filter takes a value between 1900-01-01 and 2200-12-31.

It is the default filter backend (``REST_FRAMEWORK["DEFAULT_FILTER_BACKENDS"]``), so a new FilterSet gets this too.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from django_filters import filters
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.utils import translate_validation
from rest_framework import serializers

from anju.core.fields import integer_keyed
from anju.core.params import id_value
from anju.core.validators import InvalidValue, check_date_range


def _date_in_range(value: Any) -> None:
    if value is None:
        return
    try:
        check_date_range(value)
    except InvalidValue as exc:
        raise DjangoValidationError(str(exc), code="date_out_of_range") from exc


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
