"""Report-centre permissions per role (merged into the role groups by accounts.roles): 管理层, 客服主管 and the
administrator. Every report also needs the permission of the list it counts (its drill-down)."""

ROLE_PERMISSIONS = {
    "system_admin": ["reports.view_report"],
    "service_supervisor": ["reports.view_report"],
    "management": ["reports.view_report"],
}
