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

        def own_project_names(actor: Any, value: Any) -> Any:
            """A customer's, bank's or technician's recorded project list (stored as codes) shows the names of the
            reader's projects only: a timeline names a project as people do ("安居·滨江花园", not "P001")."""
            if not isinstance(value, list):
                return value
            codes = [code for code in value if isinstance(code, str)]
            ids = visible_project_ids(actor)
            projects = Project.objects.filter(code__in=codes)
            if ids is not None:
                projects = projects.filter(id__in=ids)
            names = dict(projects.values_list("code", "name"))
            # a code no longer on file stays as recorded, for a reader who sees every project
            return [names.get(code, code) for code in value if code in names or ids is None]

        visibility.register_change_redactor("projects", own_project_names)

        def own_building_names(actor: Any, value: Any) -> Any:
            """A technician's recorded buildings ("<project id>:<building code>") read "安居·滨江花园 1号楼", the
            reader's projects only."""
            if not isinstance(value, list):
                return value
            ids = visible_project_ids(actor)
            wanted = [(item.partition(":")[0], item.partition(":")[2]) for item in value if isinstance(item, str) and ":" in item]
            project_ids = {int(pid) for pid, _code in wanted if pid.isdigit()}
            if ids is not None:
                project_ids &= set(ids)
            names = {
                (str(pid), code): f"{project} {name}"
                for pid, code, project, name in Building.objects.filter(project_id__in=project_ids).values_list(
                    "project_id", "code", "project__name", "name"
                )
            }
            return [names[key] for key in wanted if key in names]

        visibility.register_change_redactor("buildings", own_building_names)
