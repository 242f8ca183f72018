"""No admin pages: notifications are each user's own inbox, and the outbox holds the texts and mail sent to people.

Not registered (``core.admin`` shows only rows a row rule scopes, and these have none for support staff):
``Notification``, ``NotificationAttachment``, ``OutboxMessage`` and ``OutboundEmail``.
"""
