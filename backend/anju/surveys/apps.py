from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "anju.surveys"
    label = "surveys"
    verbose_name = "满意度调查 Surveys"

    def ready(self) -> None:
        from anju.core import visibility
        from anju.surveys import selectors
        from anju.surveys.models import Campaign

        # a campaign's events (answers, follow-ups) on a shared customer's timeline follow the campaign's row rules
        visibility.register(Campaign, rows=lambda a: selectors.list_campaigns(actor=a), permission="surveys.view_campaign")
