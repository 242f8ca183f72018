from django.apps import AppConfig


class OwnersConfig(AppConfig):
    name = "anju.owners"
    label = "owners"
    verbose_name = "业主自助 Owner self-service"

    def ready(self) -> None:
        from anju.owners import receivers, schema  # noqa: F401 - text messages on order changes; the OpenAPI cookie
