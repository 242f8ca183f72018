from typing import Any

from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "anju.complaints"
    label = "complaints"
    verbose_name = "投诉 Complaints"

    def ready(self) -> None:
        from anju.complaints import (
            receivers,  # noqa: F401 - a complaint work order opens a complaint case
            selectors,
        )
        from anju.complaints.models import Complaint, Incident
        from anju.core import visibility

        visibility.register(Complaint, rows=lambda a: selectors.list_complaints(actor=a), permission="complaints.view_complaint")
        from anju.complaints.models import Stage
        from anju.workorders import selectors as orders

        orders.register_complaint_stage(annotate=selectors.with_complaint_stage, choices=Stage.choices)
        visibility.register(Incident, rows=lambda a: selectors.list_incidents(actor=a), permission="complaints.view_incident")
        # A complaint's handling (escalation notes, the internal outcome, compensation) is recorded on its order's
        # timeline too: only readers of complaints see it, not the technician the order is dispatched to.
        visibility.register_event_types("complaint.", permission="complaints.view_complaint")

        def visible_order_numbers(actor: Any, value: Any) -> Any:
            """A complaint's recorded linked orders: the numbers of those the reader can see."""
            if not isinstance(value, list):
                return value
            numbers = [n for n in value if isinstance(n, str)]
            seen = set(orders.list_work_orders(actor=actor).filter(number__in=numbers).values_list("number", flat=True))
            return [n for n in numbers if n in seen]

        visibility.register_change_redactor("linked_orders", visible_order_numbers)
