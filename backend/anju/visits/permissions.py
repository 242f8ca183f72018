"""Return-visit permissions per role (merged into the role groups by accounts.roles)."""

ROLE_PERMISSIONS = {
    "system_admin": [
        "visits.view_returnvisit",
        "visits.change_returnvisit",
        "visits.view_careplan",
        "visits.add_careplan",
        "visits.change_careplan",
    ],
    "service_supervisor": [
        "visits.view_returnvisit",
        "visits.change_returnvisit",
        "visits.view_careplan",
        "visits.add_careplan",
        "visits.change_careplan",
    ],
    "service_agent": ["visits.view_returnvisit", "visits.change_returnvisit", "visits.view_careplan"],
    "management": ["visits.view_returnvisit", "visits.view_careplan"],
}
