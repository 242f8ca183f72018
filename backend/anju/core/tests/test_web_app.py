from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


@pytest.fixture
def built(tmp_path: Path, settings: Any) -> Path:
    (tmp_path / "index.html").write_text("<!doctype html><div id=app></div>", encoding="utf-8")
    (tmp_path / "owner").mkdir()
    (tmp_path / "owner" / "index.html").write_text("<!doctype html><div id=owner-app></div>", encoding="utf-8")
    settings.FRONTEND_DIST = tmp_path
    return tmp_path


@pytest.mark.parametrize("path", ["/", "/login", "/customers/12", "/properties/buildings/3?tab=grid"])
def test_client_routes_fall_back_to_index(built: Path, client: Any, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert b"<div id=app>" in response.content
    assert response["Cache-Control"] == "no-cache"
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy


@pytest.mark.parametrize("path", ["/owner/", "/owner", "/owner/sign-in", "/owner/orders/12?note=x"])
def test_owner_routes_get_the_owner_app(built: Path, client: Any, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert b"<div id=owner-app>" in response.content
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_a_staff_route_that_starts_like_owner_is_the_staff_app(built: Path, client: Any) -> None:
    assert b"<div id=app>" in client.get("/owners-report").content


@pytest.mark.parametrize("path", ["/api/v1/nothing-here/", "/api/", "/static/missing.js"])
def test_api_and_static_paths_are_not_the_app(built: Path, client: Any, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


def test_admin_is_not_the_app(built: Path, client: Any, db: Any) -> None:
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_unbuilt_app_says_how_to_build_it(tmp_path: Path, settings: Any, client: Any) -> None:
    settings.FRONTEND_DIST = tmp_path / "missing"
    response = client.get("/")
    assert response.status_code == 503
    assert "make web" in response.content.decode()
