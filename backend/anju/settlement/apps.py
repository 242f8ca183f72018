from django.apps import AppConfig


class SettlementConfig(AppConfig):
    name = "anju.settlement"
    label = "settlement"
    verbose_name = "面积补差 Area settlement"
