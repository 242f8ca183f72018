from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "anju.dashboard"
    label = "dashboard"
    verbose_name = "首页 Dashboard"
