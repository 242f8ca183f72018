from django.urls import path

from anju.core.routers import Router
from anju.surveys.api import views

router = Router()
router.register("surveys", views.SurveyViewSet, basename="survey")
router.register("survey-campaigns", views.CampaignViewSet, basename="survey-campaign")
router.register("survey-triggers", views.SurveyTriggerViewSet, basename="survey-trigger")
urlpatterns = [
    path("survey-settings/<int:project_id>/", views.SurveySettingsView.as_view(), name="survey-settings"),
    path("public/surveys/<str:token>/", views.PublicSurveyView.as_view(), name="public-survey"),
    *router.urls,
]
