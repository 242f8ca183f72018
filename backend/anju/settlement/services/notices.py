"""The buyers' notices of an approved batch: a text message to each buyer's first mobile (through the outbox backend,
after commit) and an inbox entry for the contract's consultant; each line records when and how many were told."""

from __future__ import annotations

import functools
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.core.events import record_event
from anju.customers.services.customers import decrypt_mobiles
from anju.notifications.backends import text_backend
from anju.notifications.services import notify
from anju.sales.models import ContractBuyer
from anju.settlement.events import SettlementEvent
from anju.settlement.models import SettlementBatch, SettlementLine
from anju.settlement.services import lines as line_rules


def message(line: SettlementLine) -> str:
    """The text a buyer receives (no personal data beyond the unit and the amounts)."""
    if line.buyer_pays > 0:
        amount = _("you pay %(amount)s yuan") % {"amount": line.buyer_pays}
    elif line.developer_refunds > 0:
        amount = _("you are refunded %(amount)s yuan") % {"amount": line.developer_refunds}
    else:
        amount = _("no amount changes hands")
    text = _(
        "[Anju] Area settlement of %(unit)s: measured %(measured)s m², contract %(contract)s m² (%(ratio)s%%); %(amount)s."
    ) % {
        "unit": str(line.unit),
        "measured": line.measured_area,
        "contract": line.contract_area,
        "ratio": line_rules.percent_text(line.ratio),
        "amount": amount,
    }
    if line.withdrawal_right:
        text += _(" The difference exceeds the threshold: you may withdraw from the purchase; contact us.")
    return text


def _send_texts(numbers: list[str], body: str) -> None:
    backend = text_backend()
    for number in numbers:
        backend.send("sms", number, body)


def notify_buyers(*, actor: Any, batch: SettlementBatch) -> int:
    """Tell the buyers of every settled line not withdrawn; returns how many buyers were texted."""
    texted = 0
    lines = batch.lines.filter(settles=True, withdrawing=False).select_related("contract__consultant", "unit").order_by("id")
    for line in lines:
        buyers = (
            ContractBuyer.objects.filter(contract=line.contract).select_related("customer").prefetch_related("customer__mobiles")
        )
        numbers = [mobiles[0] for mobiles in (decrypt_mobiles(b.customer) for b in buyers) if mobiles]
        body = message(line)
        transaction.on_commit(functools.partial(_send_texts, numbers, body))
        notify(
            [line.contract.consultant],
            kind="settlement.notified",
            title=_("Area settlement %(number)s: your buyer of %(unit)s was notified")
            % {"number": batch.number, "unit": line.unit},
            body=body,
            link=f"/area-settlements/{batch.pk}",
            dedupe_key=f"settlement_line:{line.pk}:notified",
        )
        line.notified_at = timezone.now()
        line.save(update_fields=["notified_at", "updated_at"])
        record_event(
            target=line,
            type=SettlementEvent.BUYER_NOTIFIED,
            actor=actor,
            data={"texts": len(numbers), "channels": ["sms", "in_app"]},
            also_on=[line.contract, line.unit],
        )
        texted += len(numbers)
    return texted
