from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "anju.complaints"
    label = "complaints"
    verbose_name = "投诉 Complaints"

    def ready(self) -> None:
        from anju.complaints import receivers  # noqa: F401 - a complaint work order opens a complaint case
