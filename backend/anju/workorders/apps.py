from typing import Any

from django.apps import AppConfig


def _keep_keyword_index(sender: Any, using: str = "default", **kwargs: Any) -> None:
    """After every migrate: recreate the SQLite keyword index's triggers if a migration remade the orders table."""
    from django.db import connections

    from anju.workorders.search import ensure_fts

    ensure_fts(connections[using])


class WorkordersConfig(AppConfig):
    name = "anju.workorders"
    label = "workorders"
    verbose_name = "工单 Work orders"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        post_migrate.connect(_keep_keyword_index, sender=self, dispatch_uid="anju.workorders.keyword_index")
        from anju.core import visibility
        from anju.workorders import load, selectors
        from anju.workorders.api import parts
        from anju.workorders.models import Category, Technician, WorkOrder

        parts.register()  # the detail screen's follow-ups and timeline, answered with the order (``includes``)
        visibility.register(WorkOrder, rows=lambda a: selectors.list_work_orders(actor=a), permission="workorders.view_workorder")
        visibility.register(
            Technician, rows=lambda a: selectors.list_technicians(actor=a), permission="workorders.view_technician"
        )
        visibility.register(
            Category, rows=lambda a: selectors.list_categories(include_inactive=True), permission="workorders.view_category"
        )
        assert load.receivers_connected  # the open-load counter follows every saved order (load.py)
