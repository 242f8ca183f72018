"""Account permissions: only system administrators manage users."""

ROLE_PERMISSIONS = {
    "system_admin": [
        "accounts.view_user",
        "accounts.add_user",
        "accounts.change_user",
        "accounts.deactivate_user",
        "auth.view_group",
    ],
}
