from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "anju.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from anju.core import metrics

        metrics.connect_celery_signals()
