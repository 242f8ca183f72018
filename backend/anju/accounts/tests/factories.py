"""factory_boy factories for users and departments (issue 11 §3).

``UserFactory(role="service_supervisor", projects=[world.project_a])`` is a user of one role bound to project A's
data scope, like ``World.user``; ``all_projects=True`` for a company-wide one, ``staff=True`` for the admin
console, ``permissions=["sales.view_contract"]`` for direct permissions.
"""

from __future__ import annotations

from typing import Any

import factory
from django.contrib.auth.models import Group
from factory.django import DjangoModelFactory

from anju.accounts.models import Department, User

PASSWORD = "correct-horse-battery"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    class Params:
        staff = factory.Trait(is_staff=True)

    username = factory.Sequence(lambda n: f"user{n}")
    display_name = factory.LazyAttribute(lambda o: o.username)
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def role(self, create: bool, extracted: str | None, **kwargs: Any) -> None:
        if create and extracted:
            self.groups.add(Group.objects.get(name=extracted))

    @factory.post_generation
    def projects(self, create: bool, extracted: list[Any] | None, **kwargs: Any) -> None:
        if create and extracted is not None:
            from anju.properties.services import set_user_scope

            set_user_scope(actor=None, user=self, all_projects=False, city_companies=[], projects=extracted)

    @factory.post_generation
    def all_projects(self, create: bool, extracted: bool | None, **kwargs: Any) -> None:
        if create and extracted:
            from anju.properties.models import UserScope

            UserScope.objects.update_or_create(user=self, defaults={"all_projects": True})

    @factory.post_generation
    def permissions(self, create: bool, extracted: list[str] | None, **kwargs: Any) -> None:
        """Direct permissions, as ``"app_label.codename"``."""
        if create and extracted:
            from django.contrib.auth.models import Permission

            wanted = {tuple(name.split(".", 1)) for name in extracted}
            chosen = [
                p for p in Permission.objects.select_related("content_type") if (p.content_type.app_label, p.codename) in wanted
            ]
            assert len(chosen) == len(wanted), f"unknown permissions in {sorted(extracted)}"
            self.user_permissions.add(*chosen)


class DepartmentFactory(DjangoModelFactory):
    class Meta:
        model = Department

    code = factory.Sequence(lambda n: f"dept{n}")
    name = factory.Sequence(lambda n: f"部门{n}")
    emails: list[str] = []
