from django.apps import AppConfig


class VisitsConfig(AppConfig):
    name = "anju.visits"
    label = "visits"
    verbose_name = "回访 Return visits"

    def ready(self) -> None:
        from anju.visits import receivers  # noqa: F401 - schedules visits when orders are completed
