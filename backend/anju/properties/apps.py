from django.apps import AppConfig


class PropertiesConfig(AppConfig):
    name = "anju.properties"
    label = "properties"
    verbose_name = "Properties"

    def ready(self) -> None:
        from anju.accounts.scope import register_scope_describer
        from anju.properties.scope import describe_user_projects, restrict, visible_projects

        register_scope_describer(describe_user_projects)
        from anju.core import visibility
        from anju.properties import selectors
        from anju.properties.models import Building, CityCompany, Project, Unit

        # Row rules for records reached through a shared one (timelines, tabs, counts): anju.core.visibility.
        visibility.register(
            CityCompany, rows=lambda a: selectors.list_city_companies(actor=a), permission="properties.view_citycompany"
        )
        visibility.register(Project, rows=visible_projects, permission="properties.view_project")
        visibility.register(Building, rows=lambda a: restrict(Building.objects.all(), a), permission="properties.view_building")
        visibility.register(Unit, rows=lambda a: selectors.list_units(actor=a), permission="properties.view_unit")
