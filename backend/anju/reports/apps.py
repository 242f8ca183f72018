from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "anju.reports"
    label = "reports"
    verbose_name = "统计报表 Reports"

    def ready(self) -> None:
        from anju.core import visibility
        from anju.reports import (
            selectors,
            worktimes,  # noqa: F401 - connects the post_save receiver that keeps the rows
        )
        from anju.reports.models import ReportSubscription

        # the admin (``reports.admin``) shows a user their own subscriptions, like the API
        visibility.register(ReportSubscription, rows=lambda a: selectors.list_subscriptions(actor=a))
