"""SLA permissions per role (merged into the role groups by accounts.roles)."""

_READ = ["sla.view_slapolicy", "sla.view_calendarday", "sla.view_workinghours"]
# Per-project policies: a 客服主管 sets the targets of the projects they work in.
_PROJECT = ["sla.add_slapolicy", "sla.change_slapolicy", "sla.delete_slapolicy"]
# Company-wide settings govern every project: only a role bound to all projects holds them (and the services
# check the scope as well: ``ensure_covers_all_projects``).
_COMPANY = ["sla.change_company_policy", "sla.add_calendarday", "sla.delete_calendarday", "sla.change_workinghours"]

ROLE_PERMISSIONS = {
    "system_admin": [*_READ, *_PROJECT, *_COMPANY],
    "service_supervisor": [*_READ, *_PROJECT],
    "service_agent": _READ,
    "technician": ["sla.view_slapolicy"],
    "management": _READ,
}
