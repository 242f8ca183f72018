from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "anju.surveys"
    label = "surveys"
    verbose_name = "满意度调查 Surveys"

    def ready(self) -> None:
        from anju.core import visibility
        from anju.surveys import (
            receivers,  # noqa: F401 - a closed repair order and a handed-over unit make automatic invitations
            selectors,
        )
        from anju.surveys.models import Campaign, SurveyTrigger

        # a campaign's events (answers, follow-ups) on a shared customer's timeline follow the campaign's row rules
        visibility.register(Campaign, rows=lambda a: selectors.list_campaigns(actor=a), permission="surveys.view_campaign")
        # an automatic survey's timeline (its settings and the people it skipped) follows the triggers' row rules
        visibility.register(
            SurveyTrigger, rows=lambda a: selectors.list_triggers(actor=a), permission="surveys.view_surveytrigger"
        )
