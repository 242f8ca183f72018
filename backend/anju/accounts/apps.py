from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "anju.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from anju.accounts import receivers, roles, schema  # noqa: F401 - registers OpenAPI extensions

        post_migrate.connect(roles.sync_roles_after_migrate, sender=self)
        _register_row_rules()
        receivers.connect()


def _register_row_rules() -> None:
    """Users and departments are company-wide lists (as on the API); their view permission is the whole rule.

    Used by the admin (``accounts.admin``). Their events carry no ``also_on``, so they stay on their own timelines.
    """
    from anju.accounts import selectors
    from anju.accounts.models import Department, User
    from anju.core import visibility

    visibility.register(User, rows=lambda a: selectors.list_users(), permission="accounts.view_user")
    visibility.register(Department, rows=lambda a: selectors.list_departments(actor=a), permission="accounts.view_department")
