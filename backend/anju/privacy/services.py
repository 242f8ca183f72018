"""A person's rights over their data (个人信息保护法): a complete copy (第四十五条) and erasure (第四十七条).

- The copy holds everything the system keeps about the person, in clear: the customer record (mobiles, ID number,
  e-mail address, address), groups, projects, homes, consultations, appointments, follow-ups, work orders (with the
  contact phone), complaint cases, return visits, survey answers (not those of anonymous campaigns) and
  automatic-survey invitations (sent or skipped, never whether answered), subscriptions, contracts,
  payments and refunds (with the refund account),
  mortgage cases, member-activity registrations and the owner-app account (sessions with their devices, code
  requests with their IP addresses; what the owner reported in the app is among the work orders, channel
  ``owner_portal``, and their ratings among the return visits). Handing it out writes one access-log row (export,
  with the purpose) and an event on the customer's timeline.
- Erasure anonymises the person and keeps the records that the law or the statistics need: the customer row stays
  (code, projects, dates) with the name replaced, mobiles and ID number deleted (ciphertext and search index),
  e-mail address, address, notes and groups cleared (the e-mails sent to the person deleted from the outbox),
  marketing consent withdrawn; free texts the person said (consultations, appointment notes, follow-ups,
  return-visit comments, free-text survey answers, the notes of every event on the
  person's timeline, the
  customer's own change history) are emptied, the owner-app sessions and code requests deleted, and timeline labels
  naming them are rewritten; work orders keep
  their service record (number, category, description, work done, dates, costs, warranty decision) but lose the
  contact name and phone. The access log and a ``customer.erased`` event (who, when, why) remain as the evidence of
  processing (第五十五、五十六条).
- Refused while the person still owns a home here (the sale and warranty contracts are still being performed:
  第十三条第一款第二项, 第四十七条) or has a work order that is not finished: end those first.
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count, Q, Value
from django.db.models.functions import Replace
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.activities.selectors import list_registrations
from anju.complaints.selectors import list_complaints
from anju.core import pii
from anju.core.access_log import log_access
from anju.core.errors import ApplicationError, ConflictError
from anju.core.events import record_event
from anju.core.models import AccessAction, Event
from anju.core.records import ensure_version
from anju.customers.models import Appointment, Consultation, Customer, CustomerMobile, FollowUp, UnitOwnership
from anju.customers.selectors import list_appointments, list_consultations, list_follow_ups, list_ownerships
from anju.customers.services.customers import decrypt_email, decrypt_id_number, decrypt_mobiles
from anju.mortgage.models import MortgageCase
from anju.mortgage.selectors import list_mortgage_cases
from anju.notifications.services import forget_emails
from anju.owners.selectors import owner_account_of
from anju.owners.signin import forget_owner_account
from anju.privacy.errors import ErrorCode
from anju.privacy.events import PrivacyEvent
from anju.properties.scope import visible_project_ids
from anju.sales.models import Contract, LedgerEntry, Subscription
from anju.sales.selectors import list_contracts, list_entries, list_subscriptions
from anju.sales.services.ledger import mask_account
from anju.surveys.selectors import survey_answers_of, survey_invitations_of
from anju.surveys.services import forget_survey_answers
from anju.visits.models import ReturnVisit, VisitStatus
from anju.visits.selectors import list_visits
from anju.workorders.choices import Status
from anju.workorders.models import WorkOrder
from anju.workorders.selectors import list_work_orders

ERASED_NAME = "已删除客户"
FINISHED = (Status.CLOSED, Status.CANCELLED)


def _when(value: Any) -> str | None:
    return value.isoformat() if value else None


def _money(value: Any) -> str:
    return str(value)


def personal_data(customer: Customer, *, actor: Any) -> dict[str, Any]:
    """Everything kept about the person in the projects ``actor`` works in, in clear (for the person themself).

    Each collection comes from its app's scoped selector, so a user of one project never hands out another
    project's records through a customer both projects share; ``complete`` says whether the copy covers every
    project the person is known in (only then is it the whole copy Art. 45 asks for).
    """
    visible = visible_project_ids(actor)
    known_in = list(customer.projects.all().order_by("code"))
    covered = [p for p in known_in if visible is None or p.id in visible]
    orders = list(
        list_work_orders(actor=actor)
        .filter(customer=customer)
        .select_related("project", "unit__building", "category")
        .order_by("id")
    )
    return {
        "format": "anju.personal-data/1",
        "generated_at": timezone.now().isoformat(),
        "complete": len(covered) == len(known_in),
        "customer": {
            "code": customer.code,
            "name": customer.name,
            "gender": customer.gender,
            "mobiles": decrypt_mobiles(customer),
            "id_type": customer.id_type,
            "id_number": decrypt_id_number(customer),
            "email": decrypt_email(customer),
            "address": customer.address,
            "source": customer.source,
            "notes": customer.notes,
            "marketing_consent": customer.marketing_consent,
            "marketing_consent_at": _when(customer.marketing_consent_at),
            "consultant": str(customer.consultant) if customer.consultant_id else None,
            "groups": [tag.name for tag in customer.tags.all()],
            "projects": [project.name for project in covered],
            "created_at": _when(customer.created_at),
        },
        "homes": [
            {"project": o.unit.project.name, "unit": str(o.unit), "role": o.role, "since": _when(o.since)}
            for o in list_ownerships(actor=actor).filter(customer=customer)
        ],
        "consultations": [
            {"at": _when(c.occurred_at), "channel": c.channel, "category": c.category, "content": c.content, "reply": c.reply}
            for c in list_consultations(actor=actor).filter(customer=customer).order_by("occurred_at")
        ],
        "appointments": [
            {"starts_at": _when(a.starts_at), "ends_at": _when(a.ends_at), "status": a.status, "note": a.note}
            for a in list_appointments(actor=actor).filter(customer=customer).order_by("starts_at")
        ],
        "follow_ups": [
            {"at": _when(f.occurred_at), "method": f.method, "content": f.content, "next_step": f.next_step}
            for f in list_follow_ups(actor=actor).filter(customer=customer).order_by("occurred_at")
        ],
        "work_orders": [
            {
                "number": o.number,
                "type": o.type,
                "channel": o.channel,
                "status": o.status,
                "project": o.project.name,
                "unit": str(o.unit) if o.unit else None,
                "category": o.category.name if o.category else None,
                "contact_name": o.contact_name,
                "contact_phone": pii.decrypt(o.contact_phone) if o.contact_phone else "",
                "description": o.description,
                "work_done": o.work_done,
                "in_warranty": o.in_warranty,
                "charge_amount": _money(o.charge_amount),
                "created_at": _when(o.created_at),
                "closed_at": _when(o.closed_at),
            }
            for o in orders
        ],
        "complaints": [
            {
                "number": c.work_order.number,
                "category": c.category,
                "stage": c.stage,
                "outcome": c.outcome,
                "compensation": _money(c.compensation),
            }
            for c in list_complaints(actor=actor).filter(work_order__customer=customer).order_by("id")
        ],
        "return_visits": [
            {
                "kind": v.kind,
                "order": v.work_order.number if v.work_order else None,
                "due_at": _when(v.due_at),
                "status": v.status,
                "resolved": v.resolved,
                "satisfaction": v.satisfaction,
                "comment": v.comment,
            }
            for v in list_visits(actor=actor)
            .filter(Q(customer=customer) | Q(work_order__customer=customer))
            .distinct()
            .order_by("id")
        ],
        "survey_answers": [
            {
                "campaign": a.campaign.name,
                "questionnaire": a.survey.title,
                "revision": a.survey.revision,
                "submitted_at": _when(a.submitted_at),
                "answers": a.values,
            }
            for a in survey_answers_of(customer, actor=actor)
        ],
        # automatic surveys (自动调查): who was asked about what, or skipped and why — never whether they answered
        "survey_invitations": [
            {
                "project": i.project.name,
                "questionnaire": i.trigger.survey.title,
                "kind": i.trigger.kind,
                "event": i.source,
                "due_at": _when(i.due_at),
                "state": i.state,
                "reason": i.reason,
                "decided_at": _when(i.decided_at),
            }
            for i in survey_invitations_of(customer, actor=actor)
        ],
        "activity_registrations": [
            {
                "activity": r.activity.title,
                "project": r.activity.project.name,
                "starts_at": _when(r.activity.starts_at),
                "place": r.activity.place,
                "status": r.status,
                "registered_at": _when(r.registered_at),
                "cancelled_at": _when(r.cancelled_at),
                "checked_in_at": _when(r.checked_in_at),
            }
            for r in list_registrations(actor=actor).filter(customer=customer).select_related("activity__project")
        ],
        "owner_account": owner_account_of(customer),
        **_deals(customer, actor),
    }


def _account(ciphertext: str, *, own: bool) -> str:
    """In clear when the deal is the person's alone; masked when co-buyers share it (it may be theirs)."""
    if not ciphertext:
        return ""
    return pii.decrypt(ciphertext) if own else mask_account(ciphertext)


def _sole_buyer(buyers: Any, customer: Customer) -> bool:
    ids = {b.customer_id for b in buyers.all()}
    return ids == {customer.pk}


def _deals(customer: Customer, actor: Any) -> dict[str, Any]:
    """Subscriptions and contracts the person is a buyer of, their payments and refunds (with the refund account in
    clear: it is theirs) and the mortgage cases they borrow in, from the sales and mortgage selectors (scoped)."""
    subscriptions = list_subscriptions(actor=actor).filter(buyers__customer=customer).distinct().order_by("id")
    contracts = list_contracts(actor=actor).filter(buyers__customer=customer).distinct().order_by("id")
    entries = list_entries(actor=actor).filter(contract__buyers__customer=customer).distinct().order_by("id")
    cases = list_mortgage_cases(actor=actor).filter(borrowers=customer).distinct().order_by("id")
    return {
        "subscriptions": [
            {
                "number": s.number,
                "project": s.project.name,
                "unit": str(s.unit),
                "subscribed_on": _when(s.subscribed_on),
                "total_price": _money(s.total_price),
                "deposit": _money(s.deposit_amount),
                "deposit_received_on": _when(s.deposit_received_on),
                "status": s.status,
                "refund_amount": _money(s.refund_amount) if s.refund_amount is not None else None,
                "refund_account": _account(s.refund_account, own=_sole_buyer(s.buyers, customer)),
            }
            for s in subscriptions
        ],
        "contracts": [
            {
                "number": c.number,
                "project": c.project.name,
                "unit": str(c.unit),
                "signed_on": _when(c.signed_on),
                "share": _money(next((b.share for b in c.buyers.all() if b.customer_id == customer.pk), "")),
                "total_price": _money(c.total_price),
                "payment_plan": c.payment_plan,
                "status": c.status,
                "filing_number": c.filing_number,
                "balance": f"{c.due - c.paid:.2f}",  # type: ignore[attr-defined]
            }
            for c in contracts
        ],
        "payments": [
            {
                "contract": e.contract.number,
                "kind": e.kind,
                "status": e.status,
                "amount": _money(e.amount),
                "date": _when(e.occurred_on),
                "method": e.method,
                "receipt_number": e.receipt_number,
                "invoice_number": e.invoice_number,
                "account": _account(e.account, own=_sole_buyer(e.contract.buyers, customer)),
            }
            for e in entries
        ],
        "mortgage_cases": [
            {
                "number": m.number,
                "contract": m.contract.number,
                "bank": m.bank.name if m.bank else None,
                "loan_type": m.loan_type,
                "amount": _money(m.amount),
                "term_years": m.term_years,
                "spouse": m.spouse_name,
                "stage": m.stage,
                "disbursed_on": _when(m.disbursed_on),
            }
            for m in cases
        ],
    }


@transaction.atomic
def export_personal_data(*, actor: Any, customer: Customer, purpose: str, ip_address: str | None = None) -> dict[str, Any]:
    if customer.erased_at is not None:
        raise ConflictError(ErrorCode.CUSTOMER_ERASED, _("This person's data has been erased."))
    data = personal_data(customer, actor=actor)
    log_access(
        actor=actor,
        action=AccessAction.EXPORT,
        model=customer,
        object_id=customer.pk,
        fields=["all"],
        purpose=purpose,
        ip_address=ip_address,
    )
    record_event(target=customer, type=PrivacyEvent.PERSONAL_DATA_EXPORTED, actor=actor)  # the purpose is in the access log
    return data


def _refuse_outside_scope(customer: Customer, actor: Any) -> None:
    """Erasure changes records of every project the person is known in: only a user who covers all of them may."""
    visible = visible_project_ids(actor)
    if visible is None:
        return
    touched = set(customer.projects.values_list("id", flat=True))
    touched |= set(WorkOrder.objects.filter(customer=customer).values_list("project_id", flat=True).distinct())
    touched |= set(UnitOwnership.objects.filter(customer=customer).values_list("unit__project_id", flat=True))
    if touched - visible:
        message = _(
            "This person is also known in projects outside your data scope. "
            "Ask a user whose scope covers every project (e.g. the system administrator) to erase the data."
        )
        raise ConflictError(ErrorCode.CUSTOMER_OUTSIDE_SCOPE, message)


def _refuse_while_needed(customer: Customer) -> None:
    if UnitOwnership.objects.filter(customer=customer).exists():
        message = _(
            "This person still owns a home here: the sale and warranty are still being performed. "
            "Remove the ownership (after a resale) before erasing."
        )
        raise ConflictError(ErrorCode.CUSTOMER_STILL_OWNER, message)
    open_orders = WorkOrder.objects.filter(customer=customer).exclude(status__in=FINISHED)
    if open_orders.exists():
        numbers = ", ".join(open_orders.values_list("number", flat=True)[:5])
        message = _("Finish or cancel this person's work orders first: %(numbers)s") % {"numbers": numbers}
        raise ConflictError(ErrorCode.CUSTOMER_OPEN_ORDERS, message)


@transaction.atomic
def erase_customer(
    *, actor: Any, customer: Customer, reason: str, version: int | None = None, ip_address: str | None = None
) -> Customer:
    customer = Customer.objects.select_for_update().get(pk=customer.pk)
    ensure_version(customer, version)
    if customer.erased_at is not None:
        raise ConflictError(ErrorCode.CUSTOMER_ERASED, _("This person's data has been erased."))
    if not reason.strip():
        message = _("Say why the data is erased (the person's request, purpose fulfilled ...).")
        raise ApplicationError(ErrorCode.CUSTOMER_ERASE_REASON_REQUIRED, message, fields={"reason": [message]})
    _refuse_outside_scope(customer, actor)
    _refuse_while_needed(customer)
    now = timezone.now()
    old_name = customer.name
    forget_owner_account(customer=customer)  # before the numbers: code requests are found by their blind index
    CustomerMobile.objects.filter(customer=customer).delete()
    customer.tags.clear()
    customer.name = ERASED_NAME
    customer.id_number_ciphertext = ""
    customer.id_number_index = None
    customer.email_ciphertext = ""
    forget_emails(f"customer:{customer.pk}")
    customer.address = ""
    customer.notes = ""
    # refund bank accounts of deals that were the person's alone (amounts and dates stay: the accounts of the sale);
    # the spouse named and the notes of their mortgage cases
    sole_subscriptions = Subscription.objects.filter(buyers__customer=customer).annotate(n=Count("buyers")).filter(n=1)
    Subscription.objects.filter(pk__in=sole_subscriptions.values("pk")).exclude(refund_account="").update(refund_account="")
    sole_contracts = Contract.objects.filter(buyers__customer=customer).annotate(n=Count("buyers")).filter(n=1)
    LedgerEntry.objects.filter(contract__in=sole_contracts.values("pk")).exclude(account="").update(account="")
    MortgageCase.objects.filter(borrowers=customer).update(spouse_name="", note="")
    customer.gender = "unknown"
    customer.marketing_consent = False
    customer.marketing_consent_at = None
    customer.erased_at = now
    customer.updated_at = now
    customer.version += 1
    customer.save()
    Consultation.objects.filter(customer=customer).update(content="", reply="")
    Appointment.objects.filter(customer=customer).update(note="")
    FollowUp.objects.filter(customer=customer).update(content="", next_step="")
    WorkOrder.objects.filter(customer=customer).update(contact_name="", contact_phone="")
    ReturnVisit.objects.filter(Q(customer=customer) | Q(work_order__customer=customer)).update(comment="")
    ReturnVisit.objects.filter(customer=customer, status=VisitStatus.PENDING).update(status=VisitStatus.CANCELLED)
    forget_survey_answers(customer)
    # The person's timeline: notes may quote them and labels may name them (ownership events); the customer's own
    # change history holds old values. Types, actors and times stay.
    customer_type = ContentType.objects.get_for_model(Customer)
    on_timeline = list(  # ids first: MySQL cannot update a table it selects from in the same statement
        Event.objects.filter(
            Q(target_type=customer_type, target_id=customer.pk)
            | Q(links__content_type=customer_type, links__object_id=customer.pk)
        )
        .values_list("pk", flat=True)
        .distinct()
    )
    Event.objects.filter(pk__in=on_timeline).update(note="")
    if old_name:
        Event.objects.filter(pk__in=on_timeline, target_label__contains=old_name).update(
            target_label=Replace("target_label", Value(old_name), Value(ERASED_NAME))
        )
    Event.objects.filter(target_type=customer_type, target_id=customer.pk).update(changes={}, data={})
    log_access(
        actor=actor,
        action=AccessAction.ERASE,
        model=customer,
        object_id=customer.pk,
        fields=["name", "mobiles", "id_number", "email", "address", "notes", "free_texts"],
        purpose=reason,
        ip_address=ip_address,
    )
    record_event(target=customer, type=PrivacyEvent.ERASED, actor=actor, note=reason[:200])
    return customer
