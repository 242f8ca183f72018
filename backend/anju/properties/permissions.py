"""Property permissions per role (merged into the role groups by accounts.roles)."""

_VIEW = [
    "properties.view_citycompany",
    "properties.view_project",
    "properties.view_building",
    "properties.view_unit",
]
_EDIT_TREE = [
    "properties.add_building",
    "properties.change_building",
    "properties.delete_building",
    "properties.add_unit",
    "properties.change_unit",
    "properties.delete_unit",
    "properties.import_unit",
    "properties.export_unit",
]

ROLE_PERMISSIONS = {
    "system_admin": [
        *_VIEW,
        *_EDIT_TREE,
        "properties.add_citycompany",
        "properties.change_citycompany",
        "properties.delete_citycompany",
        "properties.add_project",
        "properties.change_project",
        "properties.delete_project",
        "properties.view_userscope",
        "properties.change_userscope",
    ],
    "service_supervisor": [*_VIEW, *_EDIT_TREE],
    "service_agent": [*_VIEW],
    "technician": [*_VIEW],
    "sales_consultant": [*_VIEW, "properties.export_unit"],
    "mortgage_officer": [*_VIEW],
    "finance": [*_VIEW, "properties.export_unit"],
    "management": [*_VIEW, "properties.export_unit"],
}
