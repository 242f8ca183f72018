"""满意度调查问卷: questionnaires in revisions (a published one never changes; revising makes the next draft), campaigns
that send one to a project's (or a building's) owners through personal no-login links, and the answers."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from anju.customers.models import Customer, Tag
from anju.properties.models import Building, Project, Unit


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class Channel(models.TextChoices):
    """How a campaign reaches its recipients: a personal link by text message or by e-mail, or an agent fills it in
    during a call."""

    SMS = "sms", _("Personal link by SMS")
    EMAIL = "email", _("Personal link by e-mail")
    CALL = "call", _("Filled in by an agent during a call")


class QuestionType(models.TextChoices):
    RATING = "rating", _("Rating (1-5 stars)")
    NPS = "nps", _("NPS (0-10)")
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TEXT = "text", _("Free text")


class Survey(models.Model):
    """One revision of a questionnaire; its revisions share ``code``. ``questions``: see ``rules.clean_questions``."""

    code = models.CharField(max_length=20, db_index=True, blank=True)
    revision = models.PositiveSmallIntegerField(default=1)
    title = models.CharField(_("title"), max_length=100)
    status = models.CharField(max_length=10, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT)
    questions = models.JSONField(default=list)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("questionnaire")
        permissions = [("publish_survey", "Can publish a questionnaire")]
        constraints = [models.UniqueConstraint(fields=["code", "revision"], name="survey_code_revision")]

    def __str__(self) -> str:
        return f"{self.title} v{self.revision}"


class Campaign(models.Model):
    """A published questionnaire sent to the owners of a project (or one building of it) or to a customer group of it."""

    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="campaigns")
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    building = models.ForeignKey(Building, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # Who is asked: the owners of the project (or of one building of it), or the project's customers in a group/tag.
    tag = models.ForeignKey(Tag, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=100)
    anonymous = models.BooleanField(default=False, help_text="answers are not linked to the person in results")
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.SMS)
    expires_at = models.DateTimeField()
    # An automatic campaign (``SurveyTrigger``): one per trigger, questionnaire revision, year, anonymity and channel,
    # filled by the invitation sweep; its ``expires_at`` is the latest of its recipients' links.
    trigger = models.ForeignKey("SurveyTrigger", null=True, blank=True, on_delete=models.PROTECT, related_name="campaigns")
    period = models.PositiveSmallIntegerField(null=True, blank=True, help_text="the year of an automatic campaign")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("survey campaign")
        permissions = [
            ("send_campaign", "Can send (and resend) a campaign's personal links"),
            ("enter_answer", "Can fill in a recipient's answers during a call"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["trigger", "survey", "period", "anonymous", "channel"],
                condition=models.Q(trigger__isnull=False),
                name="survey_automatic_campaign_once",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Recipient(models.Model):
    """One person a campaign asks; the personal link names this row (signed), and it can be answered once."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="recipients")
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)
    sent_count = models.PositiveSmallIntegerField(default=0)
    last_sent_at = models.DateTimeField(null=True, blank=True)
    # The first text (survey fatigue counts it for an anonymous campaign: its reminders go only to those who have not
    # answered, so counting them would tell who had).
    first_sent_at = models.DateTimeField(null=True, blank=True)
    # An automatic campaign asks a person once per event ("order:<id>", "unit:<id>", "year:<yyyy>"); a manual one
    # once (empty source). Its link closes at ``expires_at`` (empty: the campaign's end).
    source = models.CharField(max_length=30, blank=True, default="")
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["campaign", "customer", "source"], name="survey_recipient_once")]

    def __str__(self) -> str:
        return f"{self.campaign_id}:{self.customer_id}"

    @property
    def link_expires_at(self) -> Any:
        """When this person's link stops opening."""
        return self.expires_at or self.campaign.expires_at


class Answer(models.Model):
    """A submitted questionnaire: the revision it answered and ``{question key: value}``; no recipient when the
    campaign is anonymous."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="answers")
    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="+")
    recipient = models.OneToOneField(Recipient, null=True, blank=True, on_delete=models.SET_NULL, related_name="answer")
    values = models.JSONField(default=dict)
    # The building of the person's home in the project, kept for the cross-tab even when the campaign is anonymous.
    building = models.ForeignKey(Building, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # The agent who typed the answers in during a call (empty: the person answered through their link).
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]

    def __str__(self) -> str:
        return f"answer {self.pk}"


class TriggerKind(models.TextChoices):
    """The event that sends an automatic survey."""

    ORDER_CLOSED = "order_closed", _("After a repair order closes")
    HANDOVER = "handover", _("After handover (入伙)")
    YEARLY = "yearly", _("Yearly, to all owners")


class InvitationState(models.TextChoices):
    PENDING = "pending", _("Waiting")
    SENT = "sent", _("Sent")
    SKIPPED = "skipped", _("Skipped")


class SkipReason(models.TextChoices):
    FATIGUE = "fatigue", _("Invited recently (survey fatigue)")
    NO_MOBILE = "no_mobile", _("No mobile number")
    NO_EMAIL = "no_email", _("No e-mail address")
    ERASED = "erased", _("Personal data erased")
    INACTIVE = "inactive", _("Automatic survey switched off")
    RETIRED = "retired", _("Questionnaire no longer published")


class SurveySettings(models.Model):
    """A project's survey practice (not law): survey-fatigue protection and the low-score threshold."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="+")
    # A person invited (automatically or by a text of a campaign) in the last N days is not invited automatically.
    fatigue_days = models.PositiveSmallIntegerField(_("days between invitations"), default=30)
    # A rating (1–5) at or below it is a low score: a question with ``follow_up: {"low_score": true}`` opens a follow-up.
    low_score_threshold = models.PositiveSmallIntegerField(_("low-score threshold"), default=2)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("survey settings")

    def __str__(self) -> str:
        return f"survey settings {self.project_id}"


class SurveyTrigger(models.Model):
    """自动调查: a project sends a published questionnaire by itself after a repair order closes, after a unit's
    handover, or once a year to all owners — one per project and kind."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=TriggerKind.choices)
    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="+")
    # Repair orders of these categories only (a parent category covers its children); none: every repair order.
    categories = models.ManyToManyField("workorders.Category", blank=True, related_name="+")
    delay_days = models.PositiveSmallIntegerField(_("days after the event"), default=1)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.SMS)
    anonymous = models.BooleanField(default=False)
    link_days = models.PositiveSmallIntegerField(_("days a link stays open"), default=14)
    month = models.PositiveSmallIntegerField(null=True, blank=True)  # yearly only
    day = models.PositiveSmallIntegerField(null=True, blank=True)  # yearly only
    active = models.BooleanField(default=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["project_id", "kind", "id"]
        verbose_name = _("automatic survey")
        constraints = [models.UniqueConstraint(fields=["project", "kind"], name="survey_trigger_once_per_kind")]

    def __str__(self) -> str:
        return f"{self.project_id}:{self.kind}"


class Invitation(models.Model):
    """One person an automatic survey is due to ask about one event: waiting until ``due_at``, then sent (with its
    recipient) or skipped (with the reason). Unique per trigger, event and person: a re-run never asks twice."""

    trigger = models.ForeignKey(SurveyTrigger, on_delete=models.CASCADE, related_name="invitations")
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="+")
    source = models.CharField(max_length=30)  # "order:<id>", "unit:<id>", "year:<yyyy>"
    work_order = models.ForeignKey("workorders.WorkOrder", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    due_at = models.DateTimeField(db_index=True)
    state = models.CharField(max_length=10, choices=InvitationState.choices, default=InvitationState.PENDING)
    reason = models.CharField(max_length=20, choices=SkipReason.choices, blank=True)
    recipient = models.OneToOneField(Recipient, null=True, blank=True, on_delete=models.SET_NULL, related_name="invitation")
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-due_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["trigger", "source", "customer"], name="survey_invitation_once"),
        ]
        indexes = [models.Index(fields=["state", "due_at"], name="survey_invitation_due")]

    def __str__(self) -> str:
        return f"{self.trigger_id}:{self.source}:{self.customer_id}"
