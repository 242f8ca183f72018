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
        from anju.sla.api.views import order_clocks
        from anju.workorders import includes

        includes.register("sla", order_clocks, permission="workorders.view_workorder")
