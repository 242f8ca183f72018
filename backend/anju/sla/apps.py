from django.apps import AppConfig


class SlaConfig(AppConfig):
    name = "anju.sla"
    label = "sla"
    verbose_name = "服务时效 SLA"

    def ready(self) -> None:
        from anju.core import national_calendar
        from anju.sla import receivers  # noqa: F401 - connects the signal handlers
        from anju.sla.selectors import national_rest_days

        national_calendar.register(national_rest_days)
        _register_row_rules()
        from anju.sla.api.views import order_clocks
        from anju.workorders import includes

        includes.register("sla", order_clocks, permission="workorders.view_workorder")


def _register_row_rules() -> None:
    """The admin's pages (``sla.admin``) read through the API's selectors: company-wide policies and those of the
    user's projects; the company-wide business calendar."""
    from anju.core import visibility
    from anju.sla import selectors
    from anju.sla.models import CalendarDay, SlaPolicy

    visibility.register(SlaPolicy, rows=lambda a: selectors.list_policies(actor=a), permission="sla.view_slapolicy")
    visibility.register(CalendarDay, rows=lambda a: selectors.list_calendar_days(), permission="sla.view_calendarday")
