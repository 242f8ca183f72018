from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from anju.activities import services
from anju.activities.models import Activity


def activity(world: Any, *, capacity: int = 5, project: Any = None, **options: Any) -> Activity:
    start = timezone.now() + datetime.timedelta(days=7)
    values: dict[str, Any] = {
        "actor": world.admin,
        "project": project or world.project_a,
        "title": "业主亲子烘焙",
        "place": "会所二楼",
        "starts_at": start,
        "ends_at": start + datetime.timedelta(hours=2),
        "capacity": capacity,
    }
    values.update(options)
    return services.create_activity(**values)


def owners(world: Any, count: int) -> list[Any]:
    """``count`` owners of fresh units of project A."""
    from anju.customers.services.contacts import add_ownership
    from anju.customers.services.customers import create_customer
    from anju.handover.tests.factories import unit

    found = []
    for i in range(count):
        customer = create_customer(actor=world.admin, name=f"业主{i}", mobiles=[f"1350000{i:04d}"], projects=[world.project_a])
        add_ownership(actor=world.admin, customer=customer, unit=unit(world), role="primary")
        found.append(customer)
    return found
