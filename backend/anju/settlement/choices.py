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


class PriceSource(models.TextChoices):
    """Where a line's price per m² of the priced area came from."""

    CONTRACT = "contract", _("The contract's unit price")
    DERIVED = "derived", _("Total price ÷ contract area")
    NONE = "none", _("Per-unit price: not settled")


class Regime(models.TextChoices):
    """Which rule settled a line (R1.8: the contract's terms, else 88号令), derived from basis and clause."""

    WHOLE_UNIT = "whole_unit", _("Per-unit price: no area settlement (Order No. 88 art. 19)")
    STATUTORY = "statutory", _("Order No. 88 art. 20: 3 per cent, refund beyond it at twice the price")
    MODEL_INNER = "model_inner", _("GF-2014-0171 art. 13 option 1: internal area")
    MODEL_GROSS = "model_gross", _("GF-2014-0171 art. 13 option 2: gross area, both ratios for withdrawal")
    CUSTOM = "custom", _("The contract's own threshold and multiplier")


# Batches whose figures may still change (a corrected survey recalculates their lines).
OPEN = (SettlementStatus.DRAFT, SettlementStatus.REVIEWED, SettlementStatus.APPROVED, SettlementStatus.NOTIFIED)


class MissingReason(models.TextChoices):
    """Why a live contract of the building has no line in a batch."""

    NOT_MEASURED = "not_measured", _("No measured areas yet")
    ALREADY_SETTLED = "already_settled", _("Already settled in a posted batch")


class Outcome(models.TextChoices):
    """A line's outcome, for filtering: the buyer pays, the developer refunds, or nothing changes hands."""

    PAYS = "pays", _("The buyer pays")
    REFUND = "refund", _("The developer refunds")
    NONE = "none", _("Nothing changes hands")
