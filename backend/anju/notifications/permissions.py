"""Everyone signed in has an inbox; the endpoints only ever show the caller's own notifications. The development
outbox screen (only when ``settings.DEV_OUTBOX``) is for system administrators."""

ROLE_PERMISSIONS: dict[str, list[str]] = {"system_admin": ["notifications.view_outboxmessage"]}
