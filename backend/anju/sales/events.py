"""The event types the sales app records on timelines, each ``<noun>.<past-tense verb>`` (the values are stored:
rename only with a migration). Events common to every record (``record.created``, ``record.updated``,
``record.deleted``) are ``anju.core.events.CommonEvent``; each workflow action records the ``event`` its table
names (``workflow.py``).
"""

from enum import StrEnum


class SalesEvent(StrEnum):
    PERMIT_CREATED = "presale_permit.created"
    PRICE_LIST_CREATED = "price_list.created"
    SUBSCRIPTION_CREATED = "subscription.created"
    DEPOSIT_RECEIVED = "subscription.deposit_received"
    SUBSCRIPTION_WARNED = "subscription.expiry_warned"
    CONTRACT_CREATED = "contract.created"
    CONTRACT_UPDATED = "contract.updated"
    CHANGE_REQUESTED = "contract_change.requested"
    RECEIVABLE_ADDED = "receivable.added"
    PAYMENT_RECEIVED = "payment.received"
    REFUND_REQUESTED = "refund.requested"
    PLAN_CHANGED_TO_FULL = "contract.changed_to_full_payment"
    SETTINGS_CHANGED = "sales_settings.changed"
