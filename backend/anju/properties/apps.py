from typing import Any

from django.apps import AppConfig


class PropertiesConfig(AppConfig):
    name = "anju.properties"
    label = "properties"
    verbose_name = "Properties"

    def ready(self) -> None:
        from anju.accounts.scope import register_scope_describer
        from anju.properties.scope import describe_user_projects, restrict, visible_project_ids, visible_projects

        register_scope_describer(describe_user_projects)
        from anju.properties.scope import connect_receivers

        connect_receivers()
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

        def own_project_codes(actor: Any, value: Any) -> Any:
            """A customer's or technician's recorded project list shows only the codes of the reader's projects."""
            if not isinstance(value, list):
                return value
            ids = visible_project_ids(actor)
            if ids is None:
                return value
            mine = set(Project.objects.filter(id__in=ids).values_list("code", flat=True))
            return [code for code in value if code in mine]

        visibility.register_change_redactor("projects", own_project_codes)
