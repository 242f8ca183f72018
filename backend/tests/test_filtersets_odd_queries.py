"""Differential guard: lean FilterSets against django-filter's full ones on odd query strings (every filter name
with empty, blank, malformed and repeated values, ``name_x``/``name_0``/``name_after`` prefixes, pairs): same
validity, errors and SQL."""

from __future__ import annotations

import itertools

import pytest
from django.http import QueryDict
from django.test import RequestFactory
from django_filters import rest_framework as drf_filters

from tests.test_filtersets import FILTERSETS

VALUES = ["", " ", "x", "1", "0", "-1", "true", "false", "True", "2024-01-01", ",", "a,b", "99999999999999999999999"]


def _queries(cls):
    names = list(cls.base_filters)
    out = []
    for n in names:
        for v in VALUES:
            out.append(f"{n}={v}")
        out += [f"{n}_x=1", f"{n}_0=1", f"{n}_after=2024-01-01", f"{n}=1&{n}=", f"{n}=&{n}=1", f"{n}"]
    for a, b in itertools.combinations(names, 2):
        out.append(f"{a}=1&{b}=true")
    out += ["", "ordering=", "unrelated=1", "page=2"]
    return out


def _sql(filterset):
    """The filtered SQL, or the exception it raises (the same in both ways: an annotation the view adds, an empty IN)."""
    try:
        return str(filterset.qs.query)
    except Exception as exc:  # noqa: BLE001
        return f"{type(exc).__name__}: {exc}"


@pytest.mark.django_db
@pytest.mark.parametrize("cls", FILTERSETS, ids=lambda cls: f"{cls.__module__.split('.')[1]}.{cls.__name__}")
def test_lean_equals_full(cls, world):
    qs = cls._meta.model._default_manager.all()
    bad = []
    for q in _queries(cls):
        req = RequestFactory().get("/?" + q)
        req.user = world.admin
        data = QueryDict(q)
        lean = cls(data, queryset=qs, request=req)
        full = cls.__new__(cls)
        drf_filters.FilterSet.__init__(full, data, queryset=qs, request=req)
        lv, fv = lean.is_valid(), full.is_valid()
        if lv != fv or (not lv and dict(lean.errors) != dict(full.errors)):
            bad.append((q, "valid", lv, fv, dict(lean.errors), dict(full.errors)))
            continue
        if not lv:
            continue
        ls, fs = _sql(lean), _sql(full)
        if ls != fs:
            bad.append((q, ls[:300], fs[:300]))
    assert bad == []
