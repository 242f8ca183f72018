from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "anju.reports"
    label = "reports"
    verbose_name = "统计报表 Reports"

    def ready(self) -> None:
        from anju.reports import worktimes  # noqa: F401 - connects the post_save receiver that keeps the rows
