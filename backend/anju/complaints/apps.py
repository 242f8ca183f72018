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
