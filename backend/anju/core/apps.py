from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "anju.core"
    label = "core"
    verbose_name = "Core"
