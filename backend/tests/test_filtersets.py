"""Every list's FilterSet builds only the filters its query names (``anju.core.filters.FilterSet``, issue 14).

That is safe only while a filter whose parameters are absent filters nothing. These tests hold every FilterSet of every
app to it: bound to an empty query, the lean filter set and django-filter's full one are both valid and give the same
SQL; bound to one parameter, the lean one builds that filter alone.
"""

from __future__ import annotations

import importlib
import inspect

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.http import QueryDict
from django.test import RequestFactory
from django_filters import rest_framework as drf_filters

from anju.core.filters import FilterSet


def _filtersets() -> list[type[drf_filters.FilterSet]]:
    found: list[type[drf_filters.FilterSet]] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("anju."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.api.filters")
        except ModuleNotFoundError:
            continue
        found.extend(
            value
            for value in vars(module).values()
            if inspect.isclass(value)
            and issubclass(value, drf_filters.FilterSet)
            and value.__module__ == module.__name__
            and value._meta.model is not None
        )
    return found


FILTERSETS = _filtersets()


def _request() -> object:
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    return request


def test_given_the_apps_when_their_filtersets_are_collected_then_there_are_many_and_all_are_lean() -> None:
    assert len(FILTERSETS) >= 30
    assert [cls.__name__ for cls in FILTERSETS if not issubclass(cls, FilterSet)] == []


@pytest.mark.django_db
@pytest.mark.parametrize("cls", FILTERSETS, ids=lambda cls: f"{cls.__module__.split('.')[1]}.{cls.__name__}")
def test_given_an_empty_query_when_filtered_lean_and_full_then_the_sql_is_the_same(cls: type[FilterSet]) -> None:
    queryset = cls._meta.model._default_manager.all()
    lean = cls(QueryDict(), queryset=queryset, request=_request())
    full = cls.__new__(cls)
    drf_filters.FilterSet.__init__(full, QueryDict(), queryset=queryset, request=_request())

    assert lean.filters == {}
    assert set(full.filters) == set(cls.base_filters)
    assert full.is_valid(), full.errors  # no filter is required: leaving one out changes no answer
    assert lean.is_valid()
    assert str(lean.qs.query) == str(full.qs.query)


@pytest.mark.django_db
@pytest.mark.parametrize("cls", FILTERSETS, ids=lambda cls: f"{cls.__module__.split('.')[1]}.{cls.__name__}")
def test_given_one_parameter_when_bound_then_only_its_filter_is_built(cls: type[FilterSet]) -> None:
    name = next(iter(cls.base_filters))
    lean = cls(QueryDict(f"{name}=&unrelated=1"), queryset=cls._meta.model._default_manager.all(), request=_request())
    assert list(lean.filters) == [name]
    assert cls.base_filters[name] is not lean.filters[name]  # a copy: the class's filter is never bound to a request
