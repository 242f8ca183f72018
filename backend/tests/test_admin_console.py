"""The Django admin is a read-only console for support staff, scoped like the API (issue 11 §3)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
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


# --- The pages of the apps added for issue 11 §3, built with the factories ---------------------------------------


def _contract(world: World, project: Any) -> Any:
    from anju.properties.tests.factories import UnitFactory
    from anju.sales.tests.factories import ContractFactory

    building = world.building_a if project == world.project_a else world.building_b
    buyer = world.customer_a if project == world.project_a else world.customer_b
    return ContractFactory(unit=UnitFactory(building=building), buyers=[buyer])


def _handover_batch(world: World, project: Any) -> Any:
    from anju.handover.tests.factories import batch

    return batch(world, project=project)


def _settlement_batch(world: World, project: Any) -> Any:
    from anju.settlement.tests.factories import batch

    return batch(world, project=project)


def _certificate_case(world: World, project: Any) -> Any:
    from anju.certificates.tests.factories import case

    return case(world, project=project)


def _campaign(world: World, project: Any) -> Any:
    from anju.surveys.tests.factories import campaign

    return campaign(world, project=project)


def _activity(world: World, project: Any) -> Any:
    from anju.activities.tests.factories import activity

    return activity(world, project=project)


def _policy(world: World, project: Any) -> Any:
    from anju.sla.tests.factories import SlaPolicyFactory

    return SlaPolicyFactory(project=project)


PAGES = [
    pytest.param("sales", "contract", _contract, id="sales-contract"),
    pytest.param("handover", "handoverbatch", _handover_batch, id="handover-batch"),
    pytest.param("settlement", "settlementbatch", _settlement_batch, id="settlement-batch"),
    pytest.param("certificates", "certificatecase", _certificate_case, id="certificate-case"),
    pytest.param("surveys", "campaign", _campaign, id="survey-campaign"),
    pytest.param("activities", "activity", _activity, id="activity"),
    pytest.param("sla", "slapolicy", _policy, id="sla-policy"),
]


@pytest.mark.parametrize(("app", "model", "make"), PAGES)
def test_given_rows_of_two_projects_when_a_project_a_support_user_lists_them_then_only_project_a_shows_read_only(
    world: World, app: str, model: str, make: Callable[[World, Any], Any]
) -> None:
    from anju.accounts.tests.factories import UserFactory

    mine, theirs = make(world, world.project_a), make(world, world.project_b)
    support = UserFactory(staff=True, projects=[world.project_a], permissions=[f"{app}.view_{model}"])
    client = Client()
    client.force_login(support)

    listing = client.get(f"/admin/{app}/{model}/")

    assert listing.status_code == 200
    page = listing.content.decode()
    assert f"/admin/{app}/{model}/{mine.pk}/change/" in page
    assert f"/admin/{app}/{model}/{theirs.pk}/change/" not in page
    assert client.get(f"/admin/{app}/{model}/{theirs.pk}/change/").status_code in (302, 404)
    assert client.get(f"/admin/{app}/{model}/{mine.pk}/change/").status_code == 200
    assert client.get(f"/admin/{app}/{model}/add/").status_code == 403
    assert client.post(f"/admin/{app}/{model}/{mine.pk}/delete/").status_code == 403
    assert client.post(f"/admin/{app}/{model}/{mine.pk}/change/", {}).status_code == 403


def test_given_a_staff_user_without_the_view_permission_when_listing_contracts_then_the_page_is_refused(
    world: World,
) -> None:
    from anju.accounts.tests.factories import UserFactory

    _contract(world, world.project_a)
    client = Client()
    client.force_login(UserFactory(staff=True, projects=[world.project_a]))

    assert client.get("/admin/sales/contract/").status_code == 403


def test_given_a_subscriber_when_another_staff_user_lists_report_subscriptions_then_they_see_only_their_own(
    world: World,
) -> None:
    from anju.accounts.tests.factories import UserFactory
    from anju.reports.models import ReportSubscription

    permissions = ["reports.view_reportsubscription"]
    me = UserFactory(staff=True, projects=[world.project_a], permissions=permissions)
    other = UserFactory(staff=True, projects=[world.project_a], permissions=permissions)
    mine = ReportSubscription.objects.create(owner=me, report_key="work_summary", project=world.project_a)
    theirs = ReportSubscription.objects.create(owner=other, report_key="work_summary", project=world.project_a)
    client = Client()
    client.force_login(me)

    page = client.get("/admin/reports/reportsubscription/").content.decode()

    assert f"/reportsubscription/{mine.pk}/change/" in page
    assert f"/reportsubscription/{theirs.pk}/change/" not in page


# --- What the attacker check found (2026-12-05): hidden columns through the query string, other projects' names ----


def test_given_a_support_user_when_filtering_by_a_hidden_or_unoffered_column_then_the_admin_refuses(world: World) -> None:
    """Django admin accepts a lookup on any column in the query string unless told otherwise: ``?x__regex=`` would read
    a hidden column (a password hash, a blind index) one character at a time, with no access-log entry."""
    client = _staff(world, "support_b", [world.project_b])
    assert client.get("/admin/customers/customer/").status_code == 200
    for query in ("id_number_index__startswith=a", "name__regex=.", "code=KH000001", "mobiles__blind_index__startswith=a"):
        assert client.get(f"/admin/customers/customer/?{query}").status_code == 400, query
    assert client.get(f"/admin/properties/building/?project__id__exact={world.project_b.pk}").status_code == 200


def test_given_a_project_b_support_user_when_the_buildings_page_offers_its_project_filter_then_project_a_is_not_named(
    world: World,
) -> None:
    client = _staff(world, "support_b", [world.project_b])
    page = client.get("/admin/properties/building/").content.decode()
    assert world.project_b.name in page and world.project_a.name not in page


def test_given_a_model_with_many_to_many_fields_when_its_admin_page_is_built_then_they_are_left_out() -> None:
    """A many-to-many field would list every related row (a technician's projects, another project's among them)."""
    from anju.workorders.models import Technician

    page = admin.site._registry[Technician]
    excluded = page.get_exclude(None, None)  # type: ignore[arg-type]
    assert {f.name for f in Technician._meta.many_to_many} <= set(excluded)


def test_given_a_page_with_a_simple_list_filter_when_its_parameter_is_used_then_it_is_allowed_and_other_columns_not() -> None:
    from django.contrib.admin import SimpleListFilter

    from anju.customers.models import Customer

    class Erased(SimpleListFilter):
        title = "erased"
        parameter_name = "erased"

        def lookups(self, request: Any, model_admin: Any) -> list[tuple[str, str]]:
            return [("yes", "yes")]

        def queryset(self, request: Any, queryset: Any) -> Any:
            return queryset

    class Page(ReadOnlyScopedAdmin):
        list_filter = [Erased, "gender", ("consultant", admin.RelatedOnlyFieldListFilter)]

    page = Page(Customer, admin.site)
    assert page.lookup_allowed("erased", "yes", None)
    assert page.lookup_allowed("gender__exact", "male", None)
    assert page.lookup_allowed("consultant__id__exact", "1", None)
    assert not page.lookup_allowed("name__regex", ".", None)
    assert not page.lookup_allowed("id_number_index__startswith", "a", None)
