"""Survey reads. Questionnaires are company-wide templates (not scoped: every project may send the same one);
campaigns, their recipients and answers belong to a project and are scoped to the reader's projects."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.core import signing
from django.db.models import Count, Min, Q, QuerySet

from anju.properties.scope import restrict
from anju.surveys.errors import ErrorCode
from anju.surveys.models import (
    Answer,
    Campaign,
    Invitation,
    QuestionType,
    Recipient,
    Survey,
    SurveySettings,
    SurveyTrigger,
)

SALT = "anju.surveys.link"


def list_surveys(*, actor: Any = None) -> QuerySet[Survey]:
    """Not scoped: a questionnaire is a company-wide template."""
    return Survey.objects.all()


def list_campaigns(*, actor: Any) -> QuerySet[Campaign]:
    return restrict(
        Campaign.objects.select_related("survey", "project", "building", "tag")
        .annotate(
            recipient_count=Count("recipients", distinct=True),
            answered_count=Count("recipients", filter=Q(recipients__answered_at__isnull=False), distinct=True),
            sent_count=Count("recipients", filter=Q(recipients__sent_count__gt=0), distinct=True),
        )
        .order_by("-created_at", "-id"),  # a GROUP BY query ignores Meta.ordering: pages must not shift
        actor,
    )


def campaign_links(campaign: Campaign) -> list[dict[str, Any]]:
    """Each recipient's personal link and whether they answered. Refused (409) for an anonymous campaign: who answered
    must stay unknown, its links go out only by ``services.send_campaign``."""
    from django.utils.translation import gettext as _

    from anju.core.errors import ConflictError

    if campaign.anonymous:
        raise ConflictError(ErrorCode.SURVEY_ANONYMOUS, _("This campaign is anonymous: its links are only sent to the people."))
    return [
        {"recipient": r.pk, "customer": r.customer_id, "answered": r.answered_at is not None, "token": link_token(r)}
        for r in campaign.recipients.order_by("id")
    ]


def link_token(recipient: Recipient) -> str:
    """The personal link's token: the recipient, signed with the server's key (tampering makes it unreadable)."""
    return signing.dumps({"r": recipient.pk, "c": recipient.campaign_id}, salt=SALT, compress=True)


def recipient_for_token(token: str) -> Recipient | None:
    """The recipient a token names, or None when it is not one we signed."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("r"), int) or not isinstance(data.get("c"), int):
        return None
    return (
        Recipient.objects.select_related("campaign__survey", "campaign__project", "customer")
        .filter(pk=int(data["r"]), campaign_id=int(data["c"]))
        .first()
    )


def results(campaign: Campaign) -> dict[str, Any]:
    """Response rate and per question: average and distribution of scores, NPS, choice counts, free-text answers
    (never who wrote them when the campaign is anonymous; names are not part of the results at all)."""
    answers = list(Answer.objects.filter(campaign=campaign).order_by("submitted_at", "id").values_list("values", flat=True))
    recipients = campaign.recipients.count()
    # An anonymous campaign with fewer than ANONYMOUS_MIN_GROUP answers shows how many answered, nothing of what
    # they said: one or two answers, with the audience known, would be someone's answer.
    hidden = too_few_to_show(campaign, len(answers))
    small = small_audience(campaign, recipients)
    questions = []
    for question in campaign.survey.questions:
        given = [] if hidden else [a[question["key"]] for a in answers if question["key"] in a]
        row: dict[str, Any] = {
            "key": question["key"],
            "type": question["type"],
            "title": question["title"],
            "answers": len(given),
        }
        if question["type"] in (QuestionType.RATING, QuestionType.NPS):
            scores = [int(v) for v in given]
            row["average"] = round(sum(scores) / len(scores), 2) if scores else None
            row["distribution"] = {str(k): v for k, v in sorted(Counter(scores).items())}
            if question["type"] == QuestionType.NPS and scores:
                promoters = sum(1 for s in scores if s >= 9)
                detractors = sum(1 for s in scores if s <= 6)
                row["nps"] = round((promoters - detractors) * 100 / len(scores), 1)
        elif question["type"] in (QuestionType.SINGLE, QuestionType.MULTIPLE):
            counted: Counter[str] = Counter()
            for value in given:
                counted.update(value if isinstance(value, list) else [value])
            row["distribution"] = {option: counted.get(option, 0) for option in question.get("options", [])}
        else:
            texts = [str(v) for v in given]
            # anonymous: in no particular order (in the order given, with who was texted when, a text could be traced)
            row["texts"] = (sorted(texts) if campaign.anonymous else texts)[:200]
        questions.append(row)
    return {
        "by_building": by_building(campaign),
        "recipients": recipients,
        # an anonymous campaign's counts only once its audience is a group (an automatic one starts with one person)
        "answered": None if small else len(answers),
        "response_rate": round(len(answers) * 100 / recipients, 1) if recipients and not small else None,
        "hidden": hidden,
        "min_answers": ANONYMOUS_MIN_GROUP if campaign.anonymous else None,
        "questions": questions,
    }


def small_audience(campaign: Campaign, recipients: int) -> bool:
    """An anonymous campaign asked fewer than ``ANONYMOUS_MIN_GROUP`` people: how many answered is not shown."""
    return bool(campaign.anonymous and recipients < ANONYMOUS_MIN_GROUP)


def too_few_to_show(campaign: Campaign, answered: int) -> bool:
    """An anonymous campaign's answers are shown (results, export) only from ``ANONYMOUS_MIN_GROUP`` answers on."""
    return bool(campaign.anonymous and answered < ANONYMOUS_MIN_GROUP)


# An anonymous campaign shows a building's scores only when at least this many answered there (fewer would let a
# reader who knows who lives there tell one person's answer).
ANONYMOUS_MIN_GROUP = 5


def by_building(campaign: Campaign) -> list[dict[str, Any]]:
    """The cross-tab: per building of the project, recipients asked, answers, and the average of every score
    question (ratings, NPS). Anonymous answers count too (they keep the building, never the person); in an anonymous
    campaign a building with fewer than ``ANONYMOUS_MIN_GROUP`` answers shows no averages."""
    from anju.properties.models import Building

    score_keys = [q["key"] for q in campaign.survey.questions if q["type"] in (QuestionType.RATING, QuestionType.NPS)]
    answers = list(Answer.objects.filter(campaign=campaign).values_list("building_id", "values"))
    asked_in: Counter[int | None] = Counter(
        campaign.recipients.annotate(
            b=Min("customer__ownerships__unit__building_id", filter=Q(customer__ownerships__unit__project_id=campaign.project_id))
        ).values_list("b", flat=True)
    )
    names = dict(Building.objects.filter(project_id=campaign.project_id).values_list("pk", "name"))
    rows = []
    for building_id in sorted({b for b, _ in answers} | set(asked_in), key=lambda b: (b is None, names.get(b or 0, ""))):
        given = [values for b, values in answers if b == building_id]
        averages: dict[str, float | None] = {}
        hidden = campaign.anonymous and len(given) < ANONYMOUS_MIN_GROUP
        for key in score_keys:
            scores = [int(v[key]) for v in given if key in v]
            averages[key] = round(sum(scores) / len(scores), 2) if scores and not hidden else None
        rows.append(
            {
                "building": building_id,
                "building_name": names.get(building_id or 0, ""),
                "recipients": asked_in.get(building_id, 0),
                "answered": None if hidden else len(given),  # that one or two answered there would point at them
                "averages": averages,
            }
        )
    return rows


def export_answers(campaign: Campaign) -> bytes:
    """The campaign's answers as xlsx: one row per answer (time, building, one column per question), no person; every
    cell written through the core export helper (a typed answer can never become a formula)."""
    from django.utils import timezone
    from django.utils.translation import gettext_lazy as _

    from anju.core.excel import Column, build_workbook

    questions = campaign.survey.questions
    columns = [
        Column("submitted_at", _("Answered at"), width=20),
        Column("building", _("Building"), width=14),
        *[Column(q["key"], q["title"], width=24) for q in questions],
    ]
    rows = []
    answers = list(Answer.objects.filter(campaign=campaign).select_related("building").order_by("submitted_at", "id"))
    if too_few_to_show(campaign, len(answers)):
        answers = []  # as the results: an anonymous campaign's answers leave only from ANONYMOUS_MIN_GROUP on
    per_building = Counter(answer.building_id for answer in answers)
    for answer in answers:
        # anonymous: the day only, and the building only where enough answered (no answer traced to a person)
        shown = not campaign.anonymous or per_building[answer.building_id] >= ANONYMOUS_MIN_GROUP
        row: list[Any] = [
            timezone.localtime(answer.submitted_at).strftime("%Y-%m-%d" if campaign.anonymous else "%Y-%m-%d %H:%M"),
            answer.building.name if answer.building and shown else "",
        ]
        for question in questions:
            value = answer.values.get(question["key"])
            row.append("、".join(value) if isinstance(value, list) else value)
        rows.append(row)
    if campaign.anonymous:  # the day and the answers decide the order, not when (or by whom) it was given
        rows.sort(key=lambda row: [str(cell) for cell in row])
    summary_columns = [
        Column("question", _("Question"), width=40),
        Column("answers", _("Answers")),
        Column("average", _("Average")),
        Column("nps", "NPS"),
    ]
    figures = results(campaign)
    summary = [[q["title"], q["answers"], q.get("average"), q.get("nps")] for q in figures["questions"]]
    return build_workbook([(str(_("Answers")), columns, rows), (str(_("Summary")), summary_columns, summary)])


def sent_to_owner(customer: Any) -> QuerySet[Recipient]:
    """The questionnaires sent to an owner (for the owner app): campaigns still open or answered, newest first."""
    from django.utils import timezone

    return (
        Recipient.objects.filter(customer=customer)
        .filter(
            Q(expires_at__gt=timezone.now())
            | Q(expires_at__isnull=True, campaign__expires_at__gt=timezone.now())
            | Q(answered_at__isnull=False)
        )
        .select_related("campaign__survey", "campaign__project")
        .order_by("-campaign__created_at", "-id")
    )


def survey_answers_of(customer: Any, *, actor: Any) -> QuerySet[Answer]:
    """A person's answers (anonymous campaigns keep none linked to a person), in the reader's projects."""
    return (
        restrict(Answer.objects.filter(recipient__customer=customer), actor, lookup="campaign__project_id")
        .select_related("campaign", "survey")
        .order_by("submitted_at", "id")
    )


def survey_settings(project_id: int) -> SurveySettings:
    """The project's survey settings, or an unsaved row holding the defaults (30 days, low score 2)."""
    return SurveySettings.objects.filter(project_id=project_id).first() or SurveySettings(project_id=project_id)


def list_triggers(*, actor: Any) -> QuerySet[SurveyTrigger]:
    """The automatic surveys of the reader's projects, with how many invitations were sent, skipped and wait."""
    return restrict(
        SurveyTrigger.objects.select_related("project", "survey")
        .prefetch_related("categories")
        .annotate(
            sent_count=Count("invitations", filter=Q(invitations__state="sent")),
            skipped_count=Count("invitations", filter=Q(invitations__state="skipped")),
            pending_count=Count("invitations", filter=Q(invitations__state="pending")),
        )
        .order_by("project_id", "kind", "id"),  # a GROUP BY query ignores Meta.ordering
        actor,
    )


def trigger_invitations(trigger: SurveyTrigger) -> QuerySet[Invitation]:
    """A trigger's invitations, latest due first (the caller already read the trigger through ``list_triggers``)."""
    return (
        Invitation.objects.filter(trigger=trigger)
        .select_related("customer", "work_order", "recipient__campaign")
        .order_by("-due_at", "-id")
    )


def invitation_is_anonymous(invitation: Invitation) -> bool:
    """Whether the invitation's row names nobody. A sent one keeps the promise made when the person was asked (its
    campaign's anonymity, whatever the trigger says today); a waiting or skipped one asked nobody yet and follows the
    trigger — hidden too while either is anonymous."""
    recipient = invitation.recipient
    sent_anonymously = recipient is not None and recipient.campaign.anonymous
    return bool(invitation.trigger.anonymous or sent_anonymously)


def invitation_row(invitation: Invitation) -> dict[str, Any]:
    """One row of a trigger's invitation list. Anonymous (``invitation_is_anonymous``): who was asked about what
    stays unknown — only the kind of event, the state, and the times to the day (an order's close time plus the
    delay, to the microsecond, would name the order)."""
    if invitation_is_anonymous(invitation):
        person: dict[str, Any] = {"customer": None, "customer_name": None, "work_order": None, "work_order_number": None}
        person.update(event=invitation.source.split(":")[0], unit=None)
        due_at, decided_at = _day(invitation.due_at), _day(invitation.decided_at) if invitation.decided_at else None
    else:
        order = invitation.work_order
        person = {
            "event": invitation.source,
            "customer": invitation.customer_id,
            "customer_name": invitation.customer.name,
            "work_order": invitation.work_order_id,
            "work_order_number": order.number if order else None,
            "unit": invitation.unit_id,
        }
        due_at, decided_at = invitation.due_at, invitation.decided_at
    return {
        "id": invitation.pk,
        **person,
        "state": invitation.state,
        "reason": invitation.reason,
        "due_at": due_at,
        "decided_at": decided_at,
    }


def _day(moment: Any) -> Any:
    from django.utils import timezone

    return timezone.localtime(moment).replace(hour=0, minute=0, second=0, microsecond=0)


def survey_invitations_of(customer: Any, *, actor: Any) -> QuerySet[Invitation]:
    """The automatic-survey invitations of a person (for their data copy), in the reader's projects; never whether
    they answered (an anonymous survey's answers stay unlinked)."""
    return (
        restrict(Invitation.objects.filter(customer=customer), actor)
        .select_related("trigger__survey", "project")
        .order_by("due_at", "id")
    )
