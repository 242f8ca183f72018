"""Automatic surveys (自动调查), the writes: an event makes the invitations it is due (a repair order closed, a unit
handed over — through the other apps' signals, ``receivers.py``; the yearly day — by the sweep), and the sweep sends
those whose time has come (``send_due_invitations``, every few minutes from Celery beat or ``run_scheduler``).

Once and only once: an invitation is unique per trigger, event and person, and each one is decided in its own
transaction that locks it, checks it still waits, creates the recipient, marks it sent and queues the text or the
e-mail — the text leaves only after that transaction commits; the e-mail is written to the e-mail outbox in it (and
leaves after the commit, or with the outbox job). A crash before the commit leaves it waiting (the next run sends it);
a crash after it finds it sent (never again). A person invited in the project's ``fatigue_days`` (by any survey) is
not asked; the invitation is kept as skipped with the reason, as are those without a mobile (texts) or an e-mail
address (e-mails), erased people, and those of a trigger switched off or whose questionnaire was archived since.
"""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.core.events import record_event
from anju.customers.models import UnitOwnership
from anju.customers.services.customers import decrypt_email, decrypt_mobiles
from anju.notifications.backends import text_backend
from anju.surveys import rules, selectors
from anju.surveys.events import SurveyEvent
from anju.surveys.models import (
    Campaign,
    Channel,
    Invitation,
    InvitationState,
    Recipient,
    SkipReason,
    SurveyStatus,
    SurveyTrigger,
    TriggerKind,
)

logger = logging.getLogger("anju.surveys")
BATCH = 500  # invitations decided per run at most (the next run takes the rest)


def _trigger(project_id: int, kind: str) -> SurveyTrigger | None:
    return SurveyTrigger.objects.filter(project_id=project_id, kind=kind, active=True).select_related("survey").first()


def _started(trigger: SurveyTrigger, day: datetime.date) -> bool:
    """Events dated before the trigger was made ask nobody (a past handover entered now is not a new one)."""
    return day >= timezone.localtime(trigger.created_at).date()


@transaction.atomic
def _make(trigger: SurveyTrigger, customer_ids: list[int], source: str, due_at: datetime.datetime, **links: Any) -> int:
    """The waiting invitations of one event (those made already are left alone: a repeated event asks nobody twice)."""
    rows = [
        Invitation(trigger=trigger, project_id=trigger.project_id, customer_id=pk, source=source, due_at=due_at, **links)
        for pk in sorted(set(customer_ids))
    ]
    before = Invitation.objects.filter(trigger=trigger, source=source).count()
    Invitation.objects.bulk_create(rows, ignore_conflicts=True)
    return Invitation.objects.filter(trigger=trigger, source=source).count() - before


def order_closed(order: Any) -> int:
    """A repair order closed (receiver of ``order_transitioned`` with ``WorkOrderAction.CLOSE``): its customer is
    due the project's after-repair survey, if its category is one the survey asks about (a parent covers its
    children). A reopened order closed again asks nobody twice."""
    if order.customer_id is None:
        return 0
    trigger = _trigger(order.project_id, TriggerKind.ORDER_CLOSED)
    if trigger is None:
        return 0
    chosen = set(trigger.categories.values_list("pk", flat=True))
    if chosen:
        category = order.category
        if category is None or not ({category.pk, category.parent_id} & chosen):
            return 0
    closed_at = order.closed_at or timezone.now()
    due = rules.invitation_due(closed_at, trigger.delay_days)
    return _make(trigger, [order.customer_id], f"order:{order.pk}", due, work_order=order, unit_id=order.unit_id)


def unit_handed_over(unit: Any, delivered_on: datetime.date) -> int:
    """A unit was handed over (receiver of ``unit_delivered``): its owners are due the project's handover survey."""
    trigger = _trigger(unit.project_id, TriggerKind.HANDOVER)
    if trigger is None or not _started(trigger, delivered_on):
        return 0
    owners = list(UnitOwnership.objects.filter(unit=unit, customer__erased_at__isnull=True).values_list("customer_id", flat=True))
    now = timezone.localtime()
    event_at = now.replace(year=delivered_on.year, month=delivered_on.month, day=delivered_on.day)
    return _make(trigger, owners, f"unit:{unit.pk}", rules.invitation_due(event_at, trigger.delay_days), unit=unit)


def open_yearly(now: datetime.datetime) -> int:
    """On (or after) each yearly survey's day, the project's owners are due that year's invitation — once per person
    and year; a missed day is caught up within the year, never back-filled into an earlier year."""
    made = 0
    today = timezone.localtime(now).date()
    for trigger in SurveyTrigger.objects.filter(kind=TriggerKind.YEARLY, active=True).order_by("id"):
        day = rules.yearly_date(today.year, trigger.month, trigger.day)
        if day is None or today < day or not _started(trigger, day):
            continue
        source = f"year:{today.year}"
        if Invitation.objects.filter(trigger=trigger, source=source).exists():
            continue  # made on the day (in one transaction): the owners of that day are the year's list
        owners = list(
            UnitOwnership.objects.filter(unit__project_id=trigger.project_id, customer__erased_at__isnull=True)
            .values_list("customer_id", flat=True)
            .distinct()
        )
        start = timezone.make_aware(datetime.datetime.combine(day, rules.SEND_FROM))
        made += _make(trigger, owners, source, rules.invitation_due(start, trigger.delay_days))
    return made


def invited_recently(customer_id: int, days: int, now: datetime.datetime) -> bool:
    """Whether the person was asked a survey in the last ``days`` days: an automatic invitation sent, or a
    campaign's text (first or reminder; of an anonymous campaign the first only — its reminders go to those who have
    not answered, and a skip for fatigue would tell who had). 0 days: never counts."""
    if days <= 0:
        return False
    since = now - datetime.timedelta(days=days)
    texted = Q(campaign__anonymous=False, last_sent_at__gt=since) | Q(campaign__anonymous=True, first_sent_at__gt=since)
    return (
        Invitation.objects.filter(customer_id=customer_id, state=InvitationState.SENT, decided_at__gt=since).exists()
        or Recipient.objects.filter(texted, customer_id=customer_id).exists()
    )


def _campaign(trigger: SurveyTrigger, now: datetime.datetime, expires_at: datetime.datetime) -> Campaign:
    """The automatic campaign the invitation joins: one per trigger, questionnaire revision, year, anonymity and
    channel (results are read per campaign, like a manual one). Its end follows its latest link."""
    year = timezone.localtime(now).year
    campaign, _made = Campaign.objects.select_for_update().get_or_create(
        trigger=trigger,
        survey=trigger.survey,
        period=year,
        anonymous=trigger.anonymous,
        channel=trigger.channel,
        defaults={
            "project_id": trigger.project_id,
            "name": (
                _("%(kind)s · %(title)s · %(year)s")
                % {"kind": TriggerKind(trigger.kind).label, "title": trigger.survey.title, "year": year}
            )[:100],
            "expires_at": expires_at,
        },
    )
    if campaign.expires_at < expires_at:
        campaign.expires_at = expires_at
        campaign.save(update_fields=["expires_at"])
    return campaign


def _told_source(invitation: Invitation, anonymous: bool) -> str:
    """What an event may say about the invitation's source: ``order:<id>``, or for an anonymous survey only the kind
    (``order``) — an order, unit or year would name the person it was about."""
    return invitation.source.split(":", 1)[0] if anonymous else invitation.source


def _skip(invitation: Invitation, reason: str, now: datetime.datetime) -> str:
    invitation.state = InvitationState.SKIPPED
    invitation.reason = reason
    invitation.decided_at = now
    invitation.save(update_fields=["state", "reason", "decided_at"])
    # on the automatic survey only: who was not asked is an operating figure, not part of the person's story
    record_event(
        target=invitation.trigger,
        type=SurveyEvent.INVITATION_SKIPPED,
        actor=None,
        data={"invitation": invitation.pk, "source": _told_source(invitation, invitation.trigger.anonymous), "reason": reason},
    )
    return InvitationState.SKIPPED


def _why_not(invitation: Invitation, mobiles: list[str], address: str, now: datetime.datetime) -> str:
    """Why a due invitation is not sent (empty: it is), in this order."""
    trigger, customer = invitation.trigger, invitation.customer
    if not trigger.active:
        return SkipReason.INACTIVE
    if trigger.survey.status != SurveyStatus.PUBLISHED:
        return SkipReason.RETIRED
    if customer.erased_at is not None:
        return SkipReason.ERASED
    if invited_recently(customer.pk, selectors.survey_settings(trigger.project_id).fatigue_days, now):
        return SkipReason.FATIGUE
    if trigger.channel == Channel.SMS and not mobiles:
        return SkipReason.NO_MOBILE
    return SkipReason.NO_EMAIL if trigger.channel == Channel.EMAIL and not address else ""


@transaction.atomic
def decide(invitation_id: int, now: datetime.datetime | None = None) -> str | None:
    """Send or skip one due invitation (None: it was decided already, by an earlier or a parallel run)."""
    now = now or timezone.now()
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("trigger__survey", "trigger__project", "customer")
        .filter(pk=invitation_id, state=InvitationState.PENDING)
        .first()
    )
    if invitation is None:
        return None
    trigger, customer = invitation.trigger, invitation.customer
    mobiles = decrypt_mobiles(customer) if trigger.channel == Channel.SMS and customer.erased_at is None else []
    address = decrypt_email(customer) if trigger.channel == Channel.EMAIL and customer.erased_at is None else ""
    reason = _why_not(invitation, mobiles, address, now)
    if reason:
        return _skip(invitation, reason, now)
    mobile = mobiles[0] if mobiles else ""
    expires_at = now + datetime.timedelta(days=trigger.link_days)
    campaign = _campaign(trigger, now, expires_at)
    texted = trigger.channel in (Channel.SMS, Channel.EMAIL)  # a link sent (an agent's call sends nothing)
    recipient = Recipient.objects.create(
        campaign=campaign,
        customer=customer,
        source=invitation.source,
        expires_at=expires_at,
        sent_count=1 if texted else 0,
        last_sent_at=now if texted else None,
        first_sent_at=now if texted else None,
    )
    invitation.state = InvitationState.SENT
    invitation.recipient = recipient
    invitation.decided_at = now
    invitation.save(update_fields=["state", "recipient", "decided_at"])
    # an anonymous survey writes nothing on the person's timeline (as for its answers)
    record_event(
        target=campaign,
        also_on=[] if campaign.anonymous else [customer],
        type=SurveyEvent.INVITED,
        actor=None,
        data={"trigger": trigger.pk, "source": _told_source(invitation, campaign.anonymous), "channel": trigger.channel},
    )
    if trigger.channel == Channel.EMAIL:
        from anju.surveys.services import link_email, queue_link_email

        queue_link_email(recipient, address, link_email(campaign, selectors.link_token(recipient), expires_at))
    elif texted:
        from anju.surveys.services import link_text

        body = link_text(campaign, selectors.link_token(recipient), expires_at)
        transaction.on_commit(lambda: text_backend().send("sms", mobile, body))
    return InvitationState.SENT


def send_due_invitations(now: datetime.datetime | None = None) -> int:
    """The periodic job: make this year's yearly invitations when their day has come, then — within the sending
    hours only — decide every invitation due, oldest first, each in its own transaction (one failing does not stop
    the others; it waits for the next run). Returns the number sent."""
    now = now or timezone.now()
    open_yearly(now)
    if not rules.SEND_FROM <= timezone.localtime(now).time() < rules.SEND_UNTIL:
        return 0  # no text at night: a backlog (or a job that was down) goes out from 09:00
    due = list(
        Invitation.objects.filter(state=InvitationState.PENDING, due_at__lte=now)
        .order_by("due_at", "id")
        .values_list("pk", flat=True)[:BATCH]
    )
    sent = 0
    for pk in due:
        try:
            sent += decide(pk, now) == InvitationState.SENT
        except Exception:
            logger.exception("survey invitation %s failed", pk)
    return sent
