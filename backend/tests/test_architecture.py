"""Reads go through selectors, writes through services: no view touches a model manager.

Every ``anju/<app>/api/views.py`` is parsed; any attribute access ``<something>.objects`` (``Model.objects.all()``,
``get_user_model().objects``...) fails the test, naming the file and line. There is no allow-list: move the read to
the app's ``selectors.py`` and the write to its services.
"""

from __future__ import annotations

import ast
from pathlib import Path

from anju.core.viewsets import ScopedViewSet

APPS = Path(__file__).resolve().parent.parent / "anju"
VIEW_FILES = sorted(APPS.glob("*/api/views.py"))


def _manager_uses(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return [f"{path}:{node.lineno}" for node in ast.walk(tree) if isinstance(node, ast.Attribute) and node.attr == "objects"]


def test_there_are_views_to_check() -> None:
    assert len(VIEW_FILES) >= 10


def test_no_view_uses_a_model_manager() -> None:
    offenders = [where for path in VIEW_FILES for where in _manager_uses(path)]
    assert offenders == [], f"views must read through selectors and write through services: {offenders}"


def test_the_check_catches_a_manager(tmp_path: Path) -> None:
    sample = tmp_path / "views.py"
    sample.write_text("def f():\n    return Team.objects.get_or_create(name='x')\n", encoding="utf-8")
    assert len(_manager_uses(sample)) == 1


def test_every_viewset_is_scoped() -> None:
    """Every viewset routed under /api/ takes its rows from a selector (``ScopedViewSet``)."""
    from django.urls import get_resolver
    from rest_framework.viewsets import ViewSetMixin

    def views(patterns: list) -> list[type]:  # type: ignore[type-arg]
        found = []
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                found += views(pattern.url_patterns)
            elif (cls := getattr(pattern.callback, "cls", None)) is not None:
                found.append(cls)
        return found

    viewsets = {cls for cls in views(get_resolver().url_patterns) if issubclass(cls, ViewSetMixin)}
    assert viewsets
    assert sorted(cls.__name__ for cls in viewsets if not issubclass(cls, ScopedViewSet)) == []


def test_a_viewset_without_a_selector_refuses_to_work() -> None:
    import pytest
    from django.core.exceptions import ImproperlyConfigured

    class Bare(ScopedViewSet):
        pass

    view = Bare()
    view.request = None  # type: ignore[assignment]
    with pytest.raises(ImproperlyConfigured):
        view.get_queryset()


def test_events_are_typed_not_bare_strings() -> None:
    """Every ``record_event(type=…)`` in application code names a member of an events ``StrEnum`` (or the workflow
    engine's typed name), never a bare string: event types are a vocabulary, listed per app in ``events.py``."""
    import ast
    from pathlib import Path

    bare = []
    for path in (Path(__file__).resolve().parents[1] / "anju").rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "record_event":
                for keyword in node.keywords:
                    if keyword.arg == "type" and isinstance(keyword.value, ast.Constant | ast.JoinedStr):
                        bare.append(f"{path.name}:{node.lineno}")
    assert bare == [], f"record_event with a bare string type: {bare}"
