from django.apps import AppConfig


class VisitsConfig(AppConfig):
    name = "anju.visits"
    label = "visits"
    verbose_name = "回访 Return visits"

    def ready(self) -> None:
        from anju.core import visibility
        from anju.visits import (
            receivers,  # noqa: F401 - schedules visits when orders are completed
            selectors,
        )
        from anju.visits.models import CarePlan, ReturnVisit

        visibility.register(ReturnVisit, rows=lambda a: selectors.list_visits(actor=a), permission="visits.view_returnvisit")
        visibility.register(CarePlan, rows=lambda a: selectors.list_care_plans(actor=a), permission="visits.view_careplan")
