"""Return-visit permissions per role (merged into the role groups by accounts.roles)."""

ROLE_PERMISSIONS = {
    "system_admin": ["visits.view_returnvisit", "visits.change_returnvisit"],
    "service_supervisor": ["visits.view_returnvisit", "visits.change_returnvisit"],
    "service_agent": ["visits.view_returnvisit", "visits.change_returnvisit"],
    "management": ["visits.view_returnvisit"],
}
