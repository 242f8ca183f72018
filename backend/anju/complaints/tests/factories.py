"""factory_boy factories for complaints (issue 11 §3).

A complaint case is opened by a complaint-type work order (``receivers``), so the factory takes that path:
``ComplaintFactory(actor=agent, unit=world.unit_a, customer=world.customer_a)`` is the case of a fresh order.
"""

from __future__ import annotations

from typing import Any

from factory.django import DjangoModelFactory

from anju.complaints.models import Complaint


class ComplaintFactory(DjangoModelFactory):
    class Meta:
        model = Complaint

    actor = None  # a service agent of the unit's project: takes the call and owns the case
    description = "物业保安态度差"

    @classmethod
    def _create(cls, model_class: type[Complaint], *args: Any, actor: Any = None, **values: Any) -> Complaint:
        from anju.workorders.tests.factories import WorkOrderFactory

        order = WorkOrderFactory(actor=actor, type="complaint", category=None, **values)
        return Complaint.objects.get(work_order=order)
