from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "anju.reports"
    label = "reports"
    verbose_name = "统计报表 Reports"
