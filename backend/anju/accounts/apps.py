from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "anju.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from anju.accounts import receivers, roles, schema  # noqa: F401 - registers OpenAPI extensions

        post_migrate.connect(roles.sync_roles_after_migrate, sender=self)
        receivers.connect()
