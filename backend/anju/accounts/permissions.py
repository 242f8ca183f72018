"""Account permissions: only system administrators manage users and departments; supervisors and management read the
department list."""

ROLE_PERMISSIONS = {
    "system_admin": [
        "accounts.view_user",
        "accounts.add_user",
        "accounts.change_user",
        "accounts.deactivate_user",
        "auth.view_group",
        "accounts.view_department",
        "accounts.add_department",
        "accounts.change_department",
    ],
    # Everyone who maps categories or reads reports sees the department list.
    "service_supervisor": ["accounts.view_department"],
    "management": ["accounts.view_department"],
}
