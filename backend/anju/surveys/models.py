"""满意度调查问卷: questionnaires in revisions (a published one never changes; revising makes the next draft), campaigns
that send one to a project's (or a building's) owners through personal no-login links, and the answers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from anju.customers.models import Customer
from anju.properties.models import Building, Project


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


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
    """A published questionnaire sent to the owners of a project (or one building of it)."""

    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="campaigns")
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    building = models.ForeignKey(Building, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=100)
    anonymous = models.BooleanField(default=False, help_text="answers are not linked to the person in results")
    expires_at = models.DateTimeField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("survey campaign")

    def __str__(self) -> str:
        return self.name


class Recipient(models.Model):
    """One person a campaign asks; the personal link names this row (signed), and it can be answered once."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="recipients")
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)

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
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]

    def __str__(self) -> str:
        return f"answer {self.pk}"
