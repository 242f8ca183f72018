from django.apps import AppConfig


class OwnersConfig(AppConfig):
    name = "anju.owners"
    label = "owners"
    verbose_name = "业主自助 Owner self-service"

    def ready(self) -> None:
        from anju.owners import receivers  # noqa: F401 - connects the owner's text messages to work-order changes
