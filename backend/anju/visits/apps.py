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
        # A service visit's events sit on its order's (and customer's, unit's) timeline: only readers of return visits
        # see them (the owner's words and score), not, say, the technician who did the work.
        visibility.register_event_types("return_visit.", permission="visits.view_returnvisit")
        visibility.register(CarePlan, rows=lambda a: selectors.list_care_plans(actor=a), permission="visits.view_careplan")
