"""The Django admin is a read-only console for support staff, scoped like the API (issue 11 §3)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.test import Client

from anju.core.admin import ReadOnlyScopedAdmin
from conftest import World


def _staff(world: World, username: str, projects: list[Any]) -> Client:
    user = world.user(username, role="service_supervisor", projects=projects)
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    client = Client()
    client.force_login(user)
    return client


def test_every_app_model_in_the_admin_is_read_only_and_scoped() -> None:
    registered = [a for m, a in admin.site._registry.items() if m._meta.app_label not in ("auth", "contenttypes", "sessions")]
    assert registered, "the apps register their admin pages"
    assert all(isinstance(a, ReadOnlyScopedAdmin) for a in registered), [type(a).__name__ for a in registered]


def test_given_a_project_b_support_user_when_browsing_the_admin_then_project_a_is_invisible_and_nothing_writable(
    world: World,
) -> None:
    client = _staff(world, "support_b", [world.project_b])
    listing = client.get("/admin/customers/customer/")
    assert listing.status_code == 200
    page = listing.content.decode()
    assert world.customer_b.code in page and world.customer_a.code not in page
    assert client.get(f"/admin/customers/customer/{world.customer_a.pk}/change/").status_code in (302, 404)
    detail = client.get(f"/admin/customers/customer/{world.customer_b.pk}/change/")
    assert detail.status_code == 200
    text = detail.content.decode()
    assert "ciphertext" not in text and "blind" not in text and "13900139000" not in text
    assert client.get("/admin/customers/customer/add/").status_code == 403
    assert client.post(f"/admin/customers/customer/{world.customer_b.pk}/delete/").status_code == 403
