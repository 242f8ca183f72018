"""The SLA sweep: warn and escalate, each ladder step once per clock.

Default ladder (practice, editable per policy): at 80 % of a target tell the assignee; at breach tell the project's
客服主管; four working hours after breach tell 管理层. Paused, met and stopped clocks are skipped. Running the sweep
twice sends nothing twice: a step that fired is recorded (unique clock + step) in the same transaction as the
notification, and notifications carry a dedupe key.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.notifications.services import notify
from anju.properties.scope import active_users_in_role
from anju.sla.calendar import business_minutes_between, business_seconds_between
from anju.sla.models import Audience, EscalationLog, EscalationStep, SlaClock, SlaPolicy
from anju.sla.selectors import clock_time, working_time
from anju.workorders.choices import Status

DEFAULT_LADDER = [(80, None, Audience.ASSIGNEE), (100, None, Audience.SUPERVISORS), (None, 240, Audience.MANAGEMENT)]


def add_default_ladder(policy: SlaPolicy) -> None:
    EscalationStep.objects.bulk_create(
        EscalationStep(policy=policy, at_percent=p, after_breach_minutes=m, notify=who) for p, m, who in DEFAULT_LADDER
    )


def recipients(step: EscalationStep, clock: SlaClock) -> list[Any]:
    order = clock.work_order
    if step.notify == Audience.ASSIGNEE:
        return [order.assignee] if order.assignee_id else active_users_in_role("service_supervisor", order.project_id)
    return active_users_in_role(step.notify, order.project_id)


def due(step: EscalationStep, clock: SlaClock, now: datetime.datetime, wt: Any) -> bool:
    time = clock_time(clock, wt)
    if step.after_breach_minutes is not None:
        return now > clock.due_at and business_minutes_between(clock.due_at, now, time) >= step.after_breach_minutes
    if step.at_percent is None:
        return False
    # In seconds: with whole minutes, 80 % of a 1-minute target would only be reached together with the breach.
    elapsed = business_seconds_between(clock.started_at, now, time) - clock.paused_minutes * 60
    return elapsed * 100 >= clock.minutes * 60 * step.at_percent


def _message(step: EscalationStep, clock: SlaClock) -> tuple[str, str]:
    order = clock.work_order
    target = clock.get_target_display()
    local_due = timezone.localtime(clock.due_at).strftime("%Y-%m-%d %H:%M")
    if step.at_percent is not None and step.at_percent < 100:
        title = _("%(number)s: %(target)s due soon") % {"number": order.number, "target": target}
    else:
        title = _("%(number)s: %(target)s overdue") % {"number": order.number, "target": target}
    body = _("Due %(due)s. %(description)s") % {"due": local_due, "description": order.description[:100]}
    return title, body


def sweep(now: datetime.datetime | None = None) -> int:
    """Fire every due ladder step not fired yet; returns the number of steps fired."""
    now = now or timezone.now()
    wt = working_time()
    fired = 0
    clocks = (
        SlaClock.objects.filter(met_at__isnull=True, stopped_at__isnull=True, paused_since__isnull=True, policy__isnull=False)
        .exclude(work_order__status__in=[Status.CANCELLED, Status.CLOSED])
        .select_related("work_order", "policy")
        .prefetch_related("policy__ladder", "escalations")
    )
    for clock in clocks:
        done = {log.step_id for log in clock.escalations.all()}
        for step in clock.policy.ladder.all():  # type: ignore[union-attr]
            if step.pk in done or not due(step, clock, now, wt):
                continue
            # A warning that comes due only after the target has already been missed (the scheduler was down, the
            # order was entered late) is noise next to the breach step: it is used up without telling anyone.
            stale_warning = step.at_percent is not None and step.at_percent < 100 and now > clock.due_at
            try:
                with transaction.atomic():
                    log = EscalationLog.objects.create(clock=clock, step=step)
                    if stale_warning:
                        continue
                    title, body = _message(step, clock)
                    sent = notify(
                        recipients(step, clock),
                        kind="sla.escalation" if step.notify != Audience.ASSIGNEE else "sla.warning",
                        title=title,
                        body=body,
                        link=f"/work-orders/{clock.work_order_id}",
                        dedupe_key=f"sla:{clock.pk}:{step.pk}",
                    )
                    log.notified = len(sent)
                    log.save(update_fields=["notified"])
            except IntegrityError:
                continue  # another sweep fired this step first
            fired += 1
    return fired
