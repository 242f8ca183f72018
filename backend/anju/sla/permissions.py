"""SLA permissions per role (merged into the role groups by accounts.roles)."""

_READ = ["sla.view_slapolicy", "sla.view_calendarday", "sla.view_workinghours"]
_MANAGE = [
    "sla.add_slapolicy",
    "sla.change_slapolicy",
    "sla.delete_slapolicy",
    "sla.add_calendarday",
    "sla.delete_calendarday",
    "sla.change_workinghours",
]

ROLE_PERMISSIONS = {
    "system_admin": [*_READ, *_MANAGE],
    "service_supervisor": [*_READ, *_MANAGE],
    "service_agent": _READ,
    "technician": ["sla.view_slapolicy"],
    "management": _READ,
}
