"""``app_urls``: an app's URLs behind a test of the path's beginning resolve every path as the plain include does."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.urls.resolvers import RegexPattern, RoutePattern

from anju.core import routers
from anju.core.routers import _AppRoute, literal_beginning

_SAMPLES = {"int": "7", "str": "abc", "slug": "a-b", "path": "a/b", "uuid": "1b4e28ba-2fa1-11d2-883f-0016d3cca427"}


def _example(route: str) -> str:
    return re.sub(r"<(?:(\w+):)?\w+>", lambda m: _SAMPLES[m.group(1) or "str"], route)


def _paths(resolver: URLResolver, prefix: str = "") -> list[tuple[str, str | None]]:
    """(an example path, the pattern's name) for every route pattern under ``resolver``."""
    found = []
    for entry in resolver.url_patterns:
        pattern = entry.pattern
        if not isinstance(pattern, RoutePattern):
            continue
        here = prefix + _example(str(pattern._route))
        if isinstance(entry, URLResolver):
            found += _paths(entry, here)
        elif isinstance(entry, URLPattern):
            found.append((here, entry.name))
    return found


def _resolved(path: str) -> tuple[Any, ...] | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return (match.func, match.args, match.kwargs, match.url_name, match.route, match.namespaces)


def _api() -> URLResolver:
    return next(entry for entry in get_resolver().url_patterns if str(entry.pattern) == "api/v1/")


def test_every_api_path_resolves_as_without_the_guards(monkeypatch: pytest.MonkeyPatch) -> None:
    paths = [("/api/v1/" + path, name) for path, name in _paths(_api())]
    assert len(paths) > 300  # every app's URLs
    misses = ["/api/v1/", "/api/v1/nothing/", "/api/v1/work-orders/abc/", "/api/v1/work-orders", "/api/v1/x/work-orders/"]
    guarded = {path: _resolved(path) for path, _name in paths} | {path: _resolved(path) for path in misses}
    assert [path for path, _name in paths if guarded[path] is None] == []
    monkeypatch.setattr(_AppRoute, "match", lambda self, path: (path, (), {}))
    plain = {path: _resolved(path) for path in guarded}
    assert guarded == plain
    assert {plain[path][3] for path in misses} == {"api-not-found"}  # the API's JSON 404, as before


def test_an_app_is_skipped_only_when_no_pattern_can_match() -> None:
    app = next(
        entry
        for entry in _api().url_patterns
        if isinstance(entry.pattern, _AppRoute) and entry.urlconf_module.__name__ == "anju.workorders.api.urls"
    )
    route = app.pattern
    assert "work-orders/" in route.beginnings() and "service-settings/" in route.beginnings()
    assert route.match("work-orders/7/") == ("work-orders/7/", (), {})
    assert route.match("customers/7/") is None
    assert route.match("") is None


def test_a_pattern_without_a_literal_beginning_keeps_the_app_tried() -> None:
    app = routers.app_urls("anju.workorders.api.urls")
    app.url_patterns.append(URLPattern(RegexPattern(r"^(?P<x>\d+)/$"), lambda request: None))
    try:
        assert app.pattern.beginnings() == ("",)
        assert app.pattern.match("anything/") == ("anything/", (), {})
    finally:
        app.url_patterns.pop()


@pytest.mark.parametrize(
    ("regex", "beginning"),
    [
        (r"^work-orders/$", "work-orders/"),
        (r"^work-orders/(?P<pk>[^/.]+)/$", "work-orders/"),
        (r"^work-orders\.(?P<format>[a-z0-9]+)/?$", "work-orders"),
        (r"^colou?r/$", "colo"),
        (r"^ab*c/$", "a"),
        (r"^ab{2}c/$", "a"),
        (r"^ab+c/$", "ab"),
        (r"^a.c/$", "a"),
        (r"^(?i)abc/$", ""),
        (r"abc/$", ""),
        (r"^abc/|^xyz/", ""),
        (r"^$", ""),
        (r"^[ab]c/$", ""),
    ],
)
def test_literal_beginning_of_a_regex(regex: str, beginning: str) -> None:
    assert literal_beginning(RegexPattern(regex)) == beginning


@pytest.mark.parametrize(
    ("route", "beginning"),
    [("work-orders/", "work-orders/"), ("work-orders/<int:pk>/", "work-orders/"), ("<int:pk>/", ""), ("", "")],
)
def test_literal_beginning_of_a_route(route: str, beginning: str) -> None:
    assert literal_beginning(RoutePattern(route)) == beginning
