"""Demo automatic surveys (自动调查) of 安居·滨江花园 (P001), made by the same services the screens use:

- a published questionnaire (the demo's own, unless one is published already);
- one automatic survey per kind: after a repair order closes (plumbing and leak categories only), after handover,
  and a yearly anonymous one to all owners (on 1 June: no invitation yet);
- invitations of the after-closure survey in every state: the owners of five orders closed before today, sent now
  (each joins the automatic campaign, its link in the text outbox); another closed order of two of them, skipped
  (they were just asked: survey fatigue); and the owners of the orders closed since yesterday (the service desk's of
  today among them), waiting for their day; three of the five asked have answered (one unhappy: a follow-up).

The showcase owner (陈安居) is never invited: the owner-app journeys expect their survey list to hold only theirs.
"""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.utils import timezone

from anju.accounts.models import User
from anju.properties.models import Project
from anju.surveys import automatic, services
from anju.surveys.models import Survey, SurveyStatus, SurveyTrigger, TriggerKind
from anju.workorders.models import Category, WorkOrder

QUESTIONS = [
    {"key": "overall", "type": "rating", "title": "您对本次服务的总体评价", "required": True, "follow_up": {"below": 3}},
    {"key": "fixed", "type": "single", "title": "您反映的问题解决了吗？", "required": True, "options": ["已解决", "未解决"]},
    {"key": "nps", "type": "nps", "title": "您有多大可能向亲友推荐安居？", "required": True},
    {"key": "comment", "type": "text", "title": "其他意见和建议", "required": False},
]
# parents: a parent category covers its children (给排水, 防水, 土建, 门窗)
CATEGORIES = ["plumbing", "waterproofing", "civil", "doors_windows"]
SHOWCASE_NAME = "陈安居"
SENT, FATIGUE = 5, 2  # five owners asked now; another order of two of them skipped
ANSWERS = [
    {"overall": 5, "fixed": "已解决", "nps": 10, "comment": "师傅很专业，上门准时，修完还打扫了现场。"},
    {"overall": 4, "fixed": "已解决", "nps": 8},
    {"overall": 2, "fixed": "未解决", "nps": 3, "comment": "卫生间还在渗水，希望尽快再派人来看看。"},
]


def _questionnaire(supervisor: User) -> Survey:
    published = Survey.objects.filter(status=SurveyStatus.PUBLISHED).order_by("id").first()
    if published is not None:
        return published
    draft = services.create_survey(actor=supervisor, title="服务满意度回访", questions=QUESTIONS)
    return services.publish_survey(actor=supervisor, survey=draft, version=draft.version)


def seed_surveys(users: dict[str, User], projects: dict[str, Project]) -> None:
    supervisor, project = users["supervisor"], projects["P001"]
    survey = _questionnaire(supervisor)
    after_repair = services.create_trigger(
        actor=supervisor,
        project=project,
        kind=TriggerKind.ORDER_CLOSED,
        survey=survey,
        categories=list(Category.objects.filter(code__in=CATEGORIES).order_by("id")),
        delay_days=1,
        link_days=14,
    )
    services.create_trigger(actor=supervisor, project=project, kind=TriggerKind.HANDOVER, survey=survey, delay_days=7)
    services.create_trigger(
        actor=supervisor, project=project, kind=TriggerKind.YEARLY, survey=survey, anonymous=True, month=6, day=1, delay_days=0
    )
    _invitations(after_repair)


def _closed_orders(trigger: SurveyTrigger) -> list[WorkOrder]:
    """The project's closed repair orders of the survey's categories with an owner to ask, latest closed first."""
    return list(
        WorkOrder.objects.filter(
            project_id=trigger.project_id,
            type="repair",
            status="closed",
            closed_at__isnull=False,
            customer__isnull=False,
            customer__erased_at__isnull=True,
        )
        .filter(Q(category__code__in=CATEGORIES) | Q(category__parent__code__in=CATEGORIES))
        .exclude(customer__name=SHOWCASE_NAME)
        .select_related("category")
        .order_by("-closed_at", "-id")[:400]
    )


def _invitations(trigger: SurveyTrigger) -> None:
    now = timezone.now()
    since = timezone.localdate(now) - datetime.timedelta(days=trigger.delay_days)
    orders = _closed_orders(trigger)
    earlier = [o for o in orders if timezone.localdate(o.closed_at) < since]
    first: dict[int, WorkOrder] = {}
    again: dict[int, WorkOrder] = {}
    for order in earlier:  # the latest order of five owners, then an earlier one of two of them
        person = order.customer_id
        if person is None:
            continue  # never: the query asks for orders with a customer
        if person not in first and len(first) < SENT:
            first[person] = order
        elif person in first and person not in again and len(again) < FATIGUE:
            again[person] = order
    for batch in (first.values(), again.values()):
        for order in batch:
            automatic.order_closed(order)
        for invitation in trigger.invitations.filter(state="pending", due_at__lte=now).order_by("due_at", "id"):
            automatic.decide(invitation.pk, now)  # the first batch is sent, the second skipped (asked a moment ago)
    # three of the five asked have answered through their links (one unhappy: a follow-up for the supervisor), so the
    # campaign's results show charts and a 60 % response rate
    sent = trigger.invitations.filter(state="sent").select_related("recipient").order_by("id")
    for invitation, values in zip(sent, ANSWERS, strict=False):
        if invitation.recipient is not None:
            services.submit_answers(recipient=invitation.recipient, values=values)
    # the orders closed since yesterday (the service desk's today): their owners are asked after the delay (waiting)
    for order in orders:
        if timezone.localdate(order.closed_at) >= since:
            automatic.order_closed(order)
