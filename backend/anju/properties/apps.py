from django.apps import AppConfig


class PropertiesConfig(AppConfig):
    name = "anju.properties"
    label = "properties"
    verbose_name = "Properties"

    def ready(self) -> None:
        from anju.accounts.scope import register_scope_describer
        from anju.properties.scope import describe_user_projects

        register_scope_describer(describe_user_projects)
