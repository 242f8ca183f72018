from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "anju.activities"
    label = "activities"
    verbose_name = "会员活动 Member activities"

    def ready(self) -> None:
        from anju.activities import selectors
        from anju.activities.models import Activity, Registration
        from anju.core import visibility

        visibility.register(Activity, rows=lambda a: selectors.list_activities(actor=a), permission="activities.view_activity")
        # the admin's registrations page (``activities.admin``): those of the activities the user may see
        visibility.register(
            Registration, rows=lambda a: selectors.list_registrations(actor=a), permission="activities.view_activity"
        )
