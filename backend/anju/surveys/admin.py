"""Read-only, scoped admin pages for support staff (``core.admin``).

Not registered (no row rule of their own): ``Survey`` (a questionnaire, read through its campaigns), ``Recipient``
and ``Answer`` (the people asked and what they said: personal data, read on the campaign's screens), ``Invitation``
(who an automatic survey asked or skipped: personal data, read on its trigger) and ``SurveySettings`` (a project's
two numbers, read on the project's survey settings).
"""

from django.contrib import admin

from anju.core.admin import ReadOnlyScopedAdmin
from anju.surveys.models import Campaign, SurveyTrigger


@admin.register(Campaign)
class CampaignAdmin(ReadOnlyScopedAdmin):
    list_display = ["name", "survey", "project", "building", "channel", "anonymous", "expires_at", "created_at"]
    list_filter = ["channel", "anonymous"]
    search_fields = ["name"]


@admin.register(SurveyTrigger)
class SurveyTriggerAdmin(ReadOnlyScopedAdmin):
    list_display = ["project", "kind", "survey", "delay_days", "channel", "anonymous", "active", "created_at"]
    list_filter = ["kind", "channel", "anonymous", "active"]
