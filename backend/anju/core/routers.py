"""The API router: object ids in URLs are whole numbers (Django's ``int`` converter), so anything else there is a
404 before a view runs — and the OpenAPI schema says ``integer``. ``app_urls``: how the API includes each app's URLs."""

from __future__ import annotations

from typing import Any

from django.urls import URLResolver, include, path
from django.urls.resolvers import RegexPattern, RoutePattern
from rest_framework.routers import SimpleRouter


class Router(SimpleRouter):
    def __init__(self) -> None:
        super().__init__(use_regex_path=False)

    def get_lookup_regex(self, viewset: Any, lookup_prefix: str = "") -> str:
        lookup_field = getattr(viewset, "lookup_field", "pk")
        lookup_url_kwarg = getattr(viewset, "lookup_url_kwarg", None) or lookup_field
        converter = getattr(viewset, "lookup_value_converter", "int")
        return f"<{converter}:{lookup_prefix}{lookup_url_kwarg}>"


# --- the API's URL configuration: each app's URLs behind a test of the path's beginning ----------------------------
#
# The API includes every app's URLs under one prefix, each with an empty route, so Django tried every pattern of every
# app listed before the one a request is for (~175 patterns before the work orders, and the list of all those it
# tried, built for a debug 404 page: ~4 % of a repair create). ``app_urls`` includes an app's URLs behind a route
# that matches only a path beginning with the literal start of one of its patterns; the patterns are still tried in
# the same order, so what a path resolves to does not change (a test resolves every path of the API both ways).

_REGEX_STOPS = frozenset(".^$+[]()\\|}")
_REGEX_OPTIONAL = frozenset("?*{")


def literal_beginning(pattern: Any) -> str:
    """The text every path ``pattern`` matches starts with ("" when it cannot tell)."""
    if isinstance(pattern, RoutePattern):
        route = str(pattern._route)  # type: ignore[attr-defined]
        return route.split("<", 1)[0]
    if isinstance(pattern, RegexPattern):
        regex = str(pattern._regex)  # type: ignore[attr-defined]
        if not regex.startswith("^") or "|" in regex:
            return ""
        text: list[str] = []
        for char in regex[1:]:
            if char in _REGEX_OPTIONAL:  # the character before may be absent
                if text:
                    text.pop()
                break
            if char in _REGEX_STOPS:
                break
            text.append(char)
        return "".join(text)
    return ""


class _AppRoute(RoutePattern):
    """The empty route of ``app_urls``: it matches (and consumes nothing) only when the path begins with the literal
    start of one of the included patterns."""

    def __init__(self, resolver: URLResolver) -> None:
        super().__init__("", is_endpoint=False)
        self._resolver = resolver
        self._beginnings: tuple[str, ...] | None = None

    def beginnings(self) -> tuple[str, ...]:
        if self._beginnings is None:
            found = {literal_beginning(entry.pattern) for entry in self._resolver.url_patterns}
            self._beginnings = ("",) if "" in found else tuple(sorted(found))
        return self._beginnings

    def match(self, path: str) -> tuple[str, tuple[()], dict[str, Any]] | None:
        if not path.startswith(self.beginnings()):
            return None
        return path, (), {}


def app_urls(module: str) -> URLResolver:
    """``path("", include(module))``, skipped without trying its patterns when none of them can match."""
    resolver = path("", include(module))
    resolver.pattern = _AppRoute(resolver)
    return resolver
