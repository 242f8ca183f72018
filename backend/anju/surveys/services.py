"""Survey writes: questionnaires (draft → published, revised into the next draft), campaigns with their recipients,
and the answers a personal link submits."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.core.errors import ApplicationError, ConflictError
from anju.core.events import CommonEvent, record_event
from anju.core.records import apply_changes, ensure_version
from anju.customers.models import UnitOwnership
from anju.surveys import rules
from anju.surveys.events import SurveyEvent
from anju.surveys.models import Answer, Campaign, Recipient, Survey, SurveyStatus


def _invalid(errors: dict[str, list[str]]) -> ApplicationError:
    return ApplicationError("validation_error", next(iter(errors.values()))[0], fields=errors)


def _questions(raw: Any) -> list[dict[str, Any]]:
    cleaned, errors = rules.clean_questions(raw)
    if errors:
        raise _invalid(errors)
    return cleaned


@transaction.atomic
def create_survey(*, actor: Any, title: str, questions: Any) -> Survey:
    survey = Survey.objects.create(title=title, questions=_questions(questions), created_by=actor)
    survey.code = f"Q{survey.pk:05d}"
    survey.save(update_fields=["code"])
    record_event(target=survey, type=CommonEvent.CREATED, actor=actor)
    return survey


def _locked_draft(survey: Survey, version: int | None) -> Survey:
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    ensure_version(survey, version)
    if survey.status != SurveyStatus.DRAFT:
        raise ConflictError("survey.published", _("A published questionnaire cannot change: make a new revision of it."))
    return survey


@transaction.atomic
def update_survey(*, actor: Any, survey: Survey, values: dict[str, Any], version: int | None) -> Survey:
    survey = _locked_draft(survey, version)
    if "questions" in values:
        values = {**values, "questions": _questions(values["questions"])}
    changes = apply_changes(survey, values)
    survey.version += 1
    survey.save()
    if changes:
        record_event(target=survey, type=CommonEvent.UPDATED, actor=actor, changes=changes)
    return survey


@transaction.atomic
def publish_survey(*, actor: Any, survey: Survey, version: int | None) -> Survey:
    survey = _locked_draft(survey, version)
    survey.status = SurveyStatus.PUBLISHED
    survey.published_at = timezone.now()
    survey.version += 1
    survey.save()
    record_event(target=survey, type=SurveyEvent.PUBLISHED, actor=actor, from_status="draft", to_status="published")
    return survey


@transaction.atomic
def revise_survey(*, actor: Any, survey: Survey) -> Survey:
    """The next revision of a published questionnaire, as a draft with the same questions (answers keep theirs)."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.status != SurveyStatus.PUBLISHED:
        raise ConflictError("survey.draft", _("This revision is still a draft: edit it."))
    if Survey.objects.filter(code=survey.code, status=SurveyStatus.DRAFT).exists():
        raise ConflictError("survey.draft_exists", _("A draft revision of this questionnaire exists already."))
    latest = Survey.objects.filter(code=survey.code).aggregate(n=Max("revision"))["n"] or survey.revision
    draft = Survey.objects.create(
        code=survey.code, revision=latest + 1, title=survey.title, questions=survey.questions, created_by=actor
    )
    record_event(target=draft, type=SurveyEvent.REVISED, actor=actor, data={"from_revision": survey.revision})
    return draft


@transaction.atomic
def create_campaign(
    *,
    actor: Any,
    survey: Survey,
    project: Any,
    name: str,
    expires_at: datetime.datetime,
    building: Any = None,
    anonymous: bool = False,
) -> Campaign:
    """Ask the owners of a project (or of one building of it): one recipient, and one personal link, per owner."""
    if survey.status != SurveyStatus.PUBLISHED:
        message = _("Publish the questionnaire before sending it.")
        raise ApplicationError("validation_error", message, fields={"survey": [message]})
    if building is not None and building.project_id != project.pk:
        message = _("This building is not in the chosen project.")
        raise ApplicationError("validation_error", message, fields={"building": [message]})
    if expires_at <= timezone.now():
        message = _("The links must stay open for a while: choose a later end.")
        raise ApplicationError("validation_error", message, fields={"expires_at": [message]})
    campaign = Campaign.objects.create(
        survey=survey, project=project, building=building, name=name, anonymous=anonymous, expires_at=expires_at, created_by=actor
    )
    owners = UnitOwnership.objects.filter(unit__project=project)
    if building is not None:
        owners = owners.filter(unit__building=building)
    customer_ids = sorted(set(owners.values_list("customer_id", flat=True)))
    Recipient.objects.bulk_create([Recipient(campaign=campaign, customer_id=pk) for pk in customer_ids])
    record_event(target=campaign, type=CommonEvent.CREATED, actor=actor, data={"recipients": len(customer_ids)})
    return campaign


def open_recipient(recipient: Recipient | None) -> Recipient:
    """The recipient of a link that may still be answered: an unknown or expired link is a 404, a used one a 409."""
    from django.http import Http404

    if recipient is None or recipient.campaign.expires_at <= timezone.now():
        raise Http404
    if recipient.answered_at is not None:
        raise ConflictError("survey.answered", _("This questionnaire has been answered already. Thank you!"))
    return recipient


@transaction.atomic
def submit_answers(*, recipient: Recipient, values: Any) -> Answer:
    recipient = Recipient.objects.select_for_update().select_related("campaign__survey").get(pk=recipient.pk)
    open_recipient(recipient)
    campaign = recipient.campaign
    kept, errors = rules.clean_answers(campaign.survey.questions, values)
    if errors:
        raise _invalid(errors)
    recipient.answered_at = timezone.now()
    recipient.save(update_fields=["answered_at"])
    return Answer.objects.create(
        campaign=campaign, survey=campaign.survey, recipient=None if campaign.anonymous else recipient, values=kept
    )


def forget_survey_answers(customer: Any) -> None:
    """Erasure (privacy): the person's answers are unlinked from them and lose their free texts (the scores stay in
    the statistics); links not yet used are withdrawn."""
    for answer in Answer.objects.filter(recipient__customer=customer).select_related("survey"):
        texts = {q["key"] for q in answer.survey.questions if q["type"] == "text"}
        answer.values = {key: value for key, value in answer.values.items() if key not in texts}
        answer.recipient = None
        answer.save(update_fields=["values", "recipient"])
    Recipient.objects.filter(customer=customer, answered_at__isnull=True).delete()
