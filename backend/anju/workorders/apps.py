from typing import Any

from django.apps import AppConfig


def _keep_triggers(sender: Any, using: str = "default", **kwargs: Any) -> None:
    """After every migrate: recreate the triggers on the orders table that a migration dropped (on SQLite, remaking
    the table drops them) — the SQLite keyword index's and the per-project status tally's."""
    from django.db import connections

    from anju.workorders.search import ensure_fts
    from anju.workorders.tally import ensure_tally

    ensure_fts(connections[using])
    ensure_tally(connections[using])


class WorkordersConfig(AppConfig):
    name = "anju.workorders"
    label = "workorders"
    verbose_name = "工单 Work orders"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        post_migrate.connect(_keep_triggers, sender=self, dispatch_uid="anju.workorders.keyword_index")
        from anju.core import visibility
        from anju.workorders import load, selectors
        from anju.workorders.api import parts
        from anju.workorders.models import Category, Technician, WorkOrder

        parts.register()  # the detail screen's follow-ups and timeline, answered with the order (``includes``)
        visibility.register(WorkOrder, rows=selectors.visible_work_orders, permission="workorders.view_workorder")
        visibility.register(
            Technician, rows=lambda a: selectors.list_technicians(actor=a), permission="workorders.view_technician"
        )
        visibility.register(
            Category, rows=lambda a: selectors.list_categories(include_inactive=True), permission="workorders.view_category"
        )
        assert load.receivers_connected  # the open-load counter follows every saved order (load.py)
