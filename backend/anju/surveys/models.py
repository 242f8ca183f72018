"""满意度调查问卷: questionnaires in revisions (a published one never changes; revising makes the next draft), campaigns
that send one to a project's (or a building's) owners through personal no-login links, and the answers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from anju.customers.models import Customer, Tag
from anju.properties.models import Building, Project


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class Channel(models.TextChoices):
    """How a campaign reaches its recipients: a personal link by text message, or an agent fills it in during a call."""

    SMS = "sms", _("Personal link by SMS")
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
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("survey campaign")
        permissions = [
            ("send_campaign", "Can send (and resend) a campaign's personal links"),
            ("enter_answer", "Can fill in a recipient's answers during a call"),
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

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["campaign", "customer"], name="survey_recipient_once")]

    def __str__(self) -> str:
        return f"{self.campaign_id}:{self.customer_id}"


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
