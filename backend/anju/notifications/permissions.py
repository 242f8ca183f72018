"""Everyone signed in has an inbox; the endpoints only ever show the caller's own notifications."""

ROLE_PERMISSIONS: dict[str, list[str]] = {}
