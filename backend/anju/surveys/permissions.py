"""Survey permissions per role (merged into the role groups by accounts.roles)."""

_ALL = [
    "surveys.view_survey",
    "surveys.add_survey",
    "surveys.change_survey",
    "surveys.publish_survey",
    "surveys.view_campaign",
    "surveys.add_campaign",
    "surveys.send_campaign",
    "surveys.enter_answer",
    "surveys.view_surveytrigger",
    "surveys.add_surveytrigger",
    "surveys.change_surveytrigger",
    "surveys.view_surveysettings",
    "surveys.change_surveysettings",
]
ROLE_PERMISSIONS = {
    "system_admin": _ALL,
    "service_supervisor": _ALL,
    # An agent reads the questionnaires and results of their projects and fills answers in during a call.
    "service_agent": ["surveys.view_survey", "surveys.view_campaign", "surveys.enter_answer"],
    "management": [
        "surveys.view_survey",
        "surveys.view_campaign",
        "surveys.view_surveytrigger",
        "surveys.view_surveysettings",
    ],
}
