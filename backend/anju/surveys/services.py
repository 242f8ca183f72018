"""Survey writes: questionnaires (draft → published, revised into the next draft), campaigns with their recipients,
and the answers a personal link submits."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from anju.core.errors import ApplicationError, ConflictError, CoreErrorCode
from anju.core.events import CommonEvent, record_event
from anju.core.records import apply_changes, ensure_version
from anju.customers.choices import ContactChannel
from anju.customers.models import Customer, UnitOwnership
from anju.customers.services.contacts import create_follow_up
from anju.customers.services.customers import decrypt_email, decrypt_mobiles
from anju.notifications.backends import text_backend
from anju.notifications.services import notify, queue_email
from anju.properties.scope import active_users_in_role
from anju.surveys import rules, selectors
from anju.surveys.errors import ErrorCode
from anju.surveys.events import SurveyEvent
from anju.surveys.models import (
    Answer,
    Campaign,
    Channel,
    Recipient,
    Survey,
    SurveySettings,
    SurveyStatus,
    SurveyTrigger,
    TriggerKind,
)
from anju.surveys.workflow import WORKFLOW, SurveyAction


def _invalid(errors: dict[str, list[str]]) -> ApplicationError:
    return ApplicationError(CoreErrorCode.VALIDATION_ERROR, next(iter(errors.values()))[0], fields=errors)


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
        raise ConflictError(ErrorCode.SURVEY_PUBLISHED, _("A published questionnaire cannot change: make a new revision of it."))
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


def publish_survey(*, actor: Any, survey: Survey, version: int | None) -> Survey:
    """Publish the draft (``workflow``): from now on it never changes."""
    return WORKFLOW.perform(SurveyAction.PUBLISH, survey, actor, version=version)


def revise_survey(*, actor: Any, survey: Survey, version: int | None = None) -> Survey:
    """The next revision of a published questionnaire, as a draft with the same questions (answers keep theirs)."""
    made: list[Survey] = []

    def next_draft(current: Survey) -> dict[str, Any]:
        if Survey.objects.filter(code=current.code, status=SurveyStatus.DRAFT).exists():
            raise ConflictError(ErrorCode.SURVEY_DRAFT_EXISTS, _("A draft revision of this questionnaire exists already."))
        latest = Survey.objects.filter(code=current.code).aggregate(n=Max("revision"))["n"] or current.revision
        draft = Survey.objects.create(
            code=current.code, revision=latest + 1, title=current.title, questions=current.questions, created_by=actor
        )
        record_event(target=draft, type=CommonEvent.CREATED, actor=actor, data={"from_revision": current.revision})
        made.append(draft)
        return {"draft": draft.pk, "revision": draft.revision}

    with transaction.atomic():
        WORKFLOW.perform(SurveyAction.REVISE, survey, actor, version=version, change=next_draft)
        return made[0]


def change_survey_state(*, actor: Any, survey: Survey, action: str, version: int | None) -> Survey:
    """Archive a published revision (no new campaigns) or restore an archived one."""
    return WORKFLOW.perform(action, survey, actor, version=version)


def _field_error(field: str, message: str) -> ApplicationError:
    return ApplicationError(CoreErrorCode.VALIDATION_ERROR, message, fields={field: [message]})


@transaction.atomic
def create_campaign(
    *,
    actor: Any,
    survey: Survey,
    project: Any,
    name: str,
    expires_at: datetime.datetime,
    building: Any = None,
    tag: Any = None,
    anonymous: bool = False,
    channel: str = Channel.SMS,
) -> Campaign:
    """Ask the owners of a project (or of one building of it), or the project's customers in a group/tag: one
    recipient, and one personal link, per person."""
    if survey.status != SurveyStatus.PUBLISHED:
        raise _field_error("survey", _("Publish the questionnaire before sending it."))
    if building is not None and building.project_id != project.pk:
        raise _field_error("building", _("This building is not in the chosen project."))
    if building is not None and tag is not None:
        raise _field_error("tag", _("Ask either a building's owners or a customer group, not both."))
    if expires_at <= timezone.now():
        raise _field_error("expires_at", _("The links must stay open for a while: choose a later end."))
    if anonymous and channel == Channel.CALL:
        raise _field_error(
            "anonymous", _("An anonymous survey cannot be filled in by an agent during a call: send it by text or e-mail.")
        )
    if tag is not None:
        people = Customer.objects.filter(tags=tag, customerproject__project=project, erased_at__isnull=True)
        customer_ids = sorted(set(people.values_list("pk", flat=True)))
    else:
        owners = UnitOwnership.objects.filter(unit__project=project, customer__erased_at__isnull=True)
        if building is not None:
            owners = owners.filter(unit__building=building)
        customer_ids = sorted(set(owners.values_list("customer_id", flat=True)))
    campaign = Campaign.objects.create(
        survey=survey,
        project=project,
        building=building,
        tag=tag,
        name=name,
        anonymous=anonymous,
        channel=channel,
        expires_at=expires_at,
        created_by=actor,
    )
    Recipient.objects.bulk_create([Recipient(campaign=campaign, customer_id=pk) for pk in customer_ids])
    record_event(target=campaign, type=CommonEvent.CREATED, actor=actor, data={"recipients": len(customer_ids)})
    return campaign


CUSTOMER_LANGUAGE = "zh-hans"  # texts and e-mails to owners are in Chinese


def link_text(campaign: Campaign, token: str, until: datetime.datetime | None = None) -> str:
    """The text message carrying a personal link (the site's address comes from ``ANJU_SITE_URL``); ``until``: the
    person's own link end (automatic campaigns), else the campaign's."""
    url = f"{settings.ANJU_SITE_URL.rstrip('/')}/s/{token}"
    with translation.override(CUSTOMER_LANGUAGE):  # the owner's words, whatever language the sender's screen is in
        return _("[Anju] %(project)s invites you to answer “%(title)s” (open until %(until)s): %(url)s") % {
            "project": campaign.project.name,
            "title": campaign.survey.title,
            "until": timezone.localtime(until or campaign.expires_at).strftime("%Y-%m-%d"),
            "url": url,
        }


def link_email(campaign: Campaign, token: str, until: datetime.datetime | None = None) -> tuple[str, str]:
    """The e-mail (subject, body) carrying a personal link: the same words as the text message, and nothing about the
    person (the address is used for the delivery only)."""
    with translation.override(CUSTOMER_LANGUAGE):
        subject = _("%(project)s invites you to answer “%(title)s”") % {
            "project": campaign.project.name,
            "title": campaign.survey.title,
        }
    # one line whatever the title holds (a line break in a header is refused by the mail library)
    return " ".join(subject.split()), link_text(campaign, token, until)


def queue_link_email(recipient: Recipient, address: str, body: tuple[str, str]) -> None:
    """Put one recipient's link e-mail in the outbox (in the caller's transaction); keyed by the recipient and the
    send number, so a retried send queues nothing twice."""
    subject, text = body
    queue_email(
        to=address,
        subject=subject,
        body=text,
        about=f"customer:{recipient.customer_id}",
        dedupe_key=f"survey-link:{recipient.pk}:{recipient.sent_count}",
    )


# A reminder goes to a person at most once a day and at most MAX_SENDS texts in all (no text flood from a button).
RESEND_AFTER = datetime.timedelta(hours=24)
MAX_SENDS = 3


@transaction.atomic
def send_campaign(*, actor: Any, campaign: Campaign, resend: bool = False) -> dict[str, int]:
    """Send each recipient their personal link: a text through the text backend (after commit), or an e-mail put in
    the e-mail outbox (in this transaction, sent after commit). ``resend``: again to those who were sent one at least
    ``RESEND_AFTER`` ago, fewer than ``MAX_SENDS`` times, and have not answered; otherwise to those never sent one.
    People without a mobile (texts) or an e-mail address (e-mails) are counted, not sent."""
    campaign = Campaign.objects.select_for_update().select_related("survey", "project").get(pk=campaign.pk)
    if campaign.channel == Channel.CALL:
        raise ConflictError(
            ErrorCode.SURVEY_CALL_CAMPAIGN, _("This campaign is filled in by agents during calls: it sends no links.")
        )
    if campaign.expires_at <= timezone.now():
        raise ConflictError(ErrorCode.SURVEY_CAMPAIGN_CLOSED, _("This campaign has ended: its links no longer open."))
    pending = campaign.recipients.filter(answered_at__isnull=True).exclude(expires_at__lte=timezone.now())
    if resend:
        pending = pending.filter(sent_count__gt=0, sent_count__lt=MAX_SENDS, last_sent_at__lte=timezone.now() - RESEND_AFTER)
    else:
        pending = pending.filter(sent_count=0)
    by_email = campaign.channel == Channel.EMAIL
    messages: list[tuple[str, str]] = []
    emailed = without_mobile = without_email = 0
    now = timezone.now()
    for recipient in pending.select_related("customer").prefetch_related("customer__mobiles"):
        erased = recipient.customer.erased_at is not None
        if by_email:
            address = "" if erased else decrypt_email(recipient.customer)
            if not address:
                without_email += 1
                continue
        else:
            mobiles = [] if erased else decrypt_mobiles(recipient.customer)
            if not mobiles:
                without_mobile += 1
                continue
        recipient.sent_count += 1
        recipient.last_sent_at = now
        recipient.first_sent_at = recipient.first_sent_at or now
        recipient.save(update_fields=["sent_count", "last_sent_at", "first_sent_at"])
        token = selectors.link_token(recipient)
        if by_email:
            queue_link_email(recipient, address, link_email(campaign, token, recipient.expires_at))
            emailed += 1
        else:
            messages.append((mobiles[0], link_text(campaign, token, recipient.expires_at)))
    counts = {"sent": len(messages) + emailed, "without_mobile": without_mobile, "without_email": without_email}
    record_event(target=campaign, type=SurveyEvent.SENT, actor=actor, data={**counts, "resend": resend})

    def deliver() -> None:
        backend = text_backend()
        for number, body in messages:
            backend.send("sms", number, body)

    if messages:
        transaction.on_commit(deliver)
    return counts


def open_recipient(recipient: Recipient | None) -> Recipient:
    """The recipient of a link that may still be answered: an unknown or expired link is a 404, a used one a 409."""
    from django.http import Http404

    if recipient is None or recipient.link_expires_at <= timezone.now():
        raise Http404
    if recipient.answered_at is not None:
        raise ConflictError(ErrorCode.SURVEY_ANSWERED, _("This questionnaire has been answered already. Thank you!"))
    return recipient


@transaction.atomic
def submit_answers(*, recipient: Recipient, values: Any, entered_by: Any = None) -> Answer:
    """Keep one recipient's answers (once). Unless the campaign is anonymous, the answer goes on the person's
    timeline, and a low score or chosen answer with a follow-up rule opens a follow-up for the project's supervisor."""
    recipient = Recipient.objects.select_for_update().select_related("campaign__survey", "campaign__project").get(pk=recipient.pk)
    open_recipient(recipient)
    campaign = recipient.campaign
    kept, errors = rules.clean_answers(campaign.survey.questions, values)
    if errors:
        raise _invalid(errors)
    recipient.answered_at = timezone.now()
    recipient.save(update_fields=["answered_at"])
    answer = Answer.objects.create(
        campaign=campaign,
        survey=campaign.survey,
        recipient=None if campaign.anonymous else recipient,
        values=kept,
        entered_by=entered_by,
        building_id=UnitOwnership.objects.filter(customer_id=recipient.customer_id, unit__project_id=campaign.project_id)
        .order_by("id")
        .values_list("unit__building_id", flat=True)
        .first(),
    )
    if campaign.anonymous:
        return answer  # no link from the answer to the person: no timeline entry, no personal follow-up
    customer = recipient.customer
    # on the campaign, also on the customer's timeline: a reader of a shared customer who may not see the campaign
    # (another project's) does not see these entries (core.visibility row rules)
    record_event(
        target=campaign,
        also_on=[customer],
        type=SurveyEvent.ANSWERED,
        actor=entered_by,
        data={"campaign": campaign.pk, "survey": campaign.survey_id, "entered_by_agent": entered_by is not None},
    )
    threshold = selectors.survey_settings(campaign.project_id).low_score_threshold
    hits = rules.needs_follow_up(campaign.survey.questions, kept, low_score=threshold)
    if hits:
        _open_follow_up(campaign, customer, hits, kept)
    return answer


def _open_follow_up(campaign: Campaign, customer: Any, keys: list[str], values: dict[str, Any]) -> None:
    titles = {q["key"]: q["title"] for q in campaign.survey.questions}
    said = _("; ").join(
        _("%(question)s: %(answer)s")
        % {"question": titles[key], "answer": values[key] if not isinstance(values[key], list) else "、".join(values[key])}
        for key in keys
    )
    supervisors = active_users_in_role("service_supervisor", campaign.project_id)
    supervisor = supervisors[0] if supervisors else None
    follow_up = None
    if supervisor is not None:
        in_project = customer.projects.filter(pk=campaign.project_id).exists()
        follow_up = create_follow_up(
            actor=supervisor,
            customer=customer,
            method=ContactChannel.ONLINE,
            content=(_("Satisfaction survey “%(title)s”: %(said)s") % {"title": campaign.survey.title, "said": said})[:1000],
            next_step=_("Call the customer about their answer"),
            next_follow_up_on=timezone.localdate(),
            project=campaign.project if in_project else None,
        )
        notify(
            [supervisor],
            kind="survey_follow_up",
            title=_("A survey answer needs a follow-up: %(name)s") % {"name": customer.name},
            body=said[:500],
            link=f"/customers/{customer.pk}",
        )
    record_event(
        target=campaign,
        also_on=[customer],
        type=SurveyEvent.FOLLOW_UP,
        actor=None,
        note=said[:200],
        data={
            "campaign": campaign.pk,
            "questions": keys,
            "follow_up": follow_up.pk if follow_up else None,
            "assigned_to": supervisor.pk if supervisor else None,
        },
    )


def enter_answers(*, actor: Any, campaign: Campaign, recipient_id: int, values: Any) -> Answer:
    """An agent types in the answers a recipient gives during a call (same rules; once)."""
    recipient = campaign.recipients.filter(pk=recipient_id).select_related("campaign").first()
    if recipient is None:
        from django.http import Http404

        raise Http404
    if campaign.anonymous:  # an agent who types the answers knows whose they are: only the person answers
        raise ConflictError(
            ErrorCode.SURVEY_ANONYMOUS, _("An anonymous survey is answered by the person only: an agent cannot enter answers.")
        )
    if recipient.link_expires_at <= timezone.now():
        raise ConflictError(ErrorCode.SURVEY_CAMPAIGN_CLOSED, _("This campaign has ended: its links no longer open."))
    return submit_answers(recipient=recipient, values=values, entered_by=actor)


def answer_as_owner(*, customer: Any, recipient_id: int, values: Any) -> Answer:
    """An owner answers a questionnaire sent to them, in the owner app (another person's is a 404)."""
    recipient = Recipient.objects.select_related("campaign").filter(pk=recipient_id, customer=customer).first()
    return submit_answers(recipient=open_recipient(recipient), values=values)


def forget_survey_answers(customer: Any) -> None:
    """Erasure (privacy): the person's answers are unlinked from them and lose their free texts (the scores stay in
    the statistics); links not yet used are withdrawn."""
    for answer in Answer.objects.filter(recipient__customer=customer).select_related("survey"):
        texts = {q["key"] for q in answer.survey.questions if q["type"] == "text"}
        answer.values = {key: value for key, value in answer.values.items() if key not in texts}
        answer.recipient = None
        answer.save(update_fields=["values", "recipient"])
    Recipient.objects.filter(customer=customer, answered_at__isnull=True).delete()


# --- Automatic surveys (自动调查): a project's triggers and its survey settings -----------------------------------

TRIGGER_FIELDS = ("survey", "delay_days", "channel", "anonymous", "link_days", "month", "day", "active")


def _check_trigger(kind: str, values: dict[str, Any], categories: list[Any] | None) -> None:
    """The trigger's own rules, as field errors (nothing is written when one fails)."""
    errors: dict[str, list[str]] = {}
    survey = values.get("survey")
    if survey is not None and survey.status != SurveyStatus.PUBLISHED:
        errors["survey"] = [_("Choose a published questionnaire.")]
    if kind == TriggerKind.YEARLY:
        if rules.yearly_date(2027, values.get("month"), values.get("day")) is None:
            errors["day"] = [_("Enter a month and day that exist every year (not 29 February).")]
    elif values.get("month") is not None or values.get("day") is not None:
        errors["month"] = [_("Only a yearly survey has a date.")]
    if categories and kind != TriggerKind.ORDER_CLOSED:
        errors["categories"] = [_("Only the survey after a repair order closes can be limited to categories.")]
    if values.get("anonymous") and values.get("channel") == Channel.CALL:
        errors["anonymous"] = [_("An anonymous survey cannot be filled in by an agent during a call: send it by text or e-mail.")]
    if errors:
        raise _invalid(errors)


@transaction.atomic
def create_trigger(
    *, actor: Any, project: Any, kind: str, survey: Survey, categories: list[Any] | None = None, **values: Any
) -> SurveyTrigger:
    """A project's automatic survey of one kind (one per kind: a second one is a field error on ``kind``)."""
    values = {"survey": survey, **values}
    _check_trigger(kind, values, categories)
    if SurveyTrigger.objects.filter(project=project, kind=kind).exists():
        raise _field_error("kind", _("This project has an automatic survey of this kind already: edit it."))
    trigger = SurveyTrigger.objects.create(project=project, kind=kind, created_by=actor, **values)
    if categories:
        trigger.categories.set(categories)
    record_event(
        target=trigger,
        type=CommonEvent.CREATED,
        actor=actor,
        data={"kind": kind, "survey": survey.pk, "categories": sorted(c.pk for c in categories or [])},
    )
    return trigger


@transaction.atomic
def update_trigger(*, actor: Any, trigger: SurveyTrigger, values: dict[str, Any], version: int | None) -> SurveyTrigger:
    """Change an automatic survey (another questionnaire, the delay, the link's days, on/off …); invitations already
    sent keep theirs, waiting ones go out with the new settings."""
    trigger = SurveyTrigger.objects.select_for_update().get(pk=trigger.pk)
    ensure_version(trigger, version)
    values = dict(values)
    categories = values.pop("categories", None)
    merged = {field: getattr(trigger, field) for field in TRIGGER_FIELDS}
    merged.update(values)
    if "survey" not in values:
        merged.pop("survey")  # a questionnaire archived since keeps working until it is changed
    _check_trigger(trigger.kind, merged, categories)
    changes = apply_changes(trigger, values)
    if categories is not None:
        before = sorted(trigger.categories.values_list("pk", flat=True))
        after = sorted(c.pk for c in categories)
        if before != after:
            trigger.categories.set(categories)
            changes["categories"] = [before, after]
    trigger.version += 1
    trigger.save()
    if changes:
        record_event(target=trigger, type=CommonEvent.UPDATED, actor=actor, changes=changes)
    return trigger


@transaction.atomic
def update_survey_settings(*, actor: Any, project: Any, values: dict[str, Any], version: int | None) -> SurveySettings:
    """A project's survey practice: days between invitations (survey fatigue) and the low-score threshold."""
    current, _created = SurveySettings.objects.select_for_update().get_or_create(project=project)
    ensure_version(current, version)
    changes = apply_changes(current, values)
    if changes:
        current.version += 1
        current.save()
        record_event(target=project, type=SurveyEvent.SETTINGS_CHANGED, actor=actor, changes=changes)
    return current
