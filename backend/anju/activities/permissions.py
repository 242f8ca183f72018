"""Member-activity permissions per role (merged into the role groups by accounts.roles)."""

_READ = ["activities.view_activity"]
_MANAGE = ["activities.add_activity", "activities.change_activity", "activities.check_in_registration"]

ROLE_PERMISSIONS = {
    "system_admin": [*_READ, *_MANAGE],
    "service_supervisor": [*_READ, *_MANAGE],
    "service_agent": [*_READ, "activities.check_in_registration"],
    "management": _READ,
}
