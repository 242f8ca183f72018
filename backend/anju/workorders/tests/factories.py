"""factory_boy factories for categories and work orders (issue 11 §3).

``WorkOrderFactory(actor=agent, unit=world.unit_a, customer=world.customer_a)`` goes through
``services.orders.create_work_order`` (number, SLA clocks, events), so the order is what the API would have made.
"""

from __future__ import annotations

from typing import Any

import factory
from factory.django import DjangoModelFactory

from anju.workorders.models import Category, WorkOrder


class CategoryFactory(DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"cat{n}")
    name = factory.Sequence(lambda n: f"分类{n}")
    warranty_item = "decoration"


class WorkOrderFactory(DjangoModelFactory):
    class Meta:
        model = WorkOrder

    actor = None  # a service agent (or admin) of the unit's project; handed to the service, not a column

    type = "repair"
    category = factory.SubFactory(CategoryFactory)
    description = "厨房水管漏水"
    contact_phone = "13800138000"

    @classmethod
    def _create(cls, model_class: type[WorkOrder], *args: Any, actor: Any = None, **values: Any) -> WorkOrder:
        from anju.workorders.services.orders import create_work_order

        return create_work_order(actor=actor, **values)
