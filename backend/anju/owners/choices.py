from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OwnerOrderType(models.TextChoices):
    """What an owner may report (a consultation stays a phone call)."""

    REPAIR = "repair", _("Repair")
    COMPLAINT = "complaint", _("Complaint")
    SUGGESTION = "suggestion", _("Suggestion")
    PRAISE = "praise", _("Praise")


class OwnerStep(models.TextChoices):
    """The owner's view of an order's status: 已受理 / 已派单 / 维修中 / 待确认 / 已完成 (or cancelled)."""

    RECEIVED = "received", pgettext_lazy("owner step", "Received")
    DISPATCHED = "dispatched", _("Dispatched")
    IN_PROGRESS = "in_progress", _("Being repaired")
    TO_CONFIRM = "to_confirm", _("Awaiting your confirmation")
    DONE = "done", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class TimelineStep(models.TextChoices):
    """A timeline entry meant for the owner."""

    RECEIVED = "received", pgettext_lazy("owner step", "Received")
    DISPATCHED = "dispatched", _("Dispatched")
    ACCEPTED = "accepted", _("Technician accepted")
    IN_PROGRESS = "in_progress", _("Being repaired")
    ON_HOLD = "on_hold", _("Paused")
    TO_CONFIRM = "to_confirm", _("Awaiting your confirmation")
    REOPENED = "reopened", pgettext_lazy("owner step", "Reopened")
    DONE = "done", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")
    RATED = "rated", _("You rated it")
