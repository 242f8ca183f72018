"""factory_boy factories for return visits (issue 11 §3).

``ReturnVisitFactory(work_order=order)`` schedules the visit as completing the order does (``services.schedule``):
due after the project's working days, assigned to the agent who took the call.
"""

from __future__ import annotations

from typing import Any

from factory.django import DjangoModelFactory

from anju.visits.models import ReturnVisit


class ReturnVisitFactory(DjangoModelFactory):
    class Meta:
        model = ReturnVisit

    @classmethod
    def _create(cls, model_class: type[ReturnVisit], *args: Any, work_order: Any = None, **values: Any) -> ReturnVisit:
        from anju.visits import services

        visit = services.schedule(work_order)
        assert visit is not None, "the order already has an open return visit"
        return visit
