"""Survey reads. Questionnaires are company-wide templates (not scoped: every project may send the same one);
campaigns, their recipients and answers belong to a project and are scoped to the reader's projects."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.core import signing
from django.db.models import Count, Q, QuerySet

from anju.properties.scope import restrict
from anju.surveys.models import Answer, Campaign, QuestionType, Recipient, Survey

SALT = "anju.surveys.link"


def list_surveys(*, actor: Any = None) -> QuerySet[Survey]:
    """Not scoped: a questionnaire is a company-wide template."""
    return Survey.objects.all()


def list_campaigns(*, actor: Any) -> QuerySet[Campaign]:
    return restrict(
        Campaign.objects.select_related("survey", "project", "building").annotate(
            recipient_count=Count("recipients", distinct=True),
            answered_count=Count("recipients", filter=Q(recipients__answered_at__isnull=False), distinct=True),
        ),
        actor,
    )


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
    questions = []
    for question in campaign.survey.questions:
        given = [a[question["key"]] for a in answers if question["key"] in a]
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
            row["texts"] = [str(v) for v in given][:200]
        questions.append(row)
    return {
        "recipients": recipients,
        "answered": len(answers),
        "response_rate": round(len(answers) * 100 / recipients, 1) if recipients else None,
        "questions": questions,
    }


def survey_answers_of(customer: Any, *, actor: Any) -> QuerySet[Answer]:
    """A person's answers (anonymous campaigns keep none linked to a person), in the reader's projects."""
    return (
        restrict(Answer.objects.filter(recipient__customer=customer), actor, lookup="campaign__project_id")
        .select_related("campaign", "survey")
        .order_by("submitted_at", "id")
    )
