from django.apps import AppConfig


class WorkordersConfig(AppConfig):
    name = "anju.workorders"
    label = "workorders"
    verbose_name = "工单 Work orders"
