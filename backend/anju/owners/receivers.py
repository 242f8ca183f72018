"""Text the owner when an order they reported in the owner portal moves to a step they care about (issue 17 §2)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.dispatch import receiver
from django.utils.translation import gettext as _

from anju.core import pii
from anju.notifications.backends import text_backend
from anju.workorders.choices import Channel
from anju.workorders.signals import order_transitioned

_MESSAGES = {
    "dispatch": lambda n: _("Anju: your order %(number)s has been given to a technician.") % {"number": n},
    "complete": lambda n: _("Anju: the work on %(number)s is done. Please confirm and rate it in the owner app.") % {"number": n},
    "close": lambda n: _("Anju: your order %(number)s is completed. Thank you.") % {"number": n},
}


@receiver(order_transitioned, dispatch_uid="owners.text_the_owner")
def text_the_owner(sender: Any, order: Any, action: str, **kwargs: Any) -> None:
    if order.channel != Channel.OWNER_PORTAL or action not in _MESSAGES or not order.contact_phone:
        return
    number = pii.decrypt(order.contact_phone)
    body = _MESSAGES[action](order.number)
    transaction.on_commit(lambda: text_backend().send("sms", number, body))
