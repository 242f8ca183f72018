from django.db import models
from django.utils.translation import gettext_lazy as _


class SettlementStatus(models.TextChoices):
    """A building's settlement batch: drafted from the measured areas, reviewed by 营销, approved by 财务 (who issues
    the 面积补差结算单), notified to the buyers, posted to each contract's ledger."""

    DRAFT = "draft", _("Draft")
    REVIEWED = "reviewed", _("Reviewed")
    APPROVED = "approved", _("Approved")
    NOTIFIED = "notified", _("Buyers notified")
    POSTED = "posted", _("Posted to the ledger")


# Batches whose figures bind: the handover notice lists them, the ledger receives them.
BINDING = (SettlementStatus.APPROVED, SettlementStatus.NOTIFIED, SettlementStatus.POSTED)
