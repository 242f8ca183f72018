"""Survey permissions per role (merged into the role groups by accounts.roles)."""

_ALL = [
    "surveys.view_survey",
    "surveys.add_survey",
    "surveys.change_survey",
    "surveys.publish_survey",
    "surveys.view_campaign",
    "surveys.add_campaign",
]
ROLE_PERMISSIONS = {
    "system_admin": _ALL,
    "service_supervisor": _ALL,
    "service_agent": ["surveys.view_survey", "surveys.view_campaign"],
    "management": ["surveys.view_survey", "surveys.view_campaign"],
}
