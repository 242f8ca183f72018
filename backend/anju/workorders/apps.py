from django.apps import AppConfig


class WorkordersConfig(AppConfig):
    name = "anju.workorders"
    label = "workorders"
    verbose_name = "工单 Work orders"

    def ready(self) -> None:
        from anju.core import visibility
        from anju.workorders import load, selectors
        from anju.workorders.models import Category, Technician, WorkOrder

        visibility.register(WorkOrder, rows=lambda a: selectors.list_work_orders(actor=a), permission="workorders.view_workorder")
        visibility.register(
            Technician, rows=lambda a: selectors.list_technicians(actor=a), permission="workorders.view_technician"
        )
        visibility.register(
            Category, rows=lambda a: selectors.list_categories(include_inactive=True), permission="workorders.view_category"
        )
        assert load.receivers_connected  # the open-load counter follows every saved order (load.py)
