from django.urls import path

from anju.core.routers import Router
from anju.surveys.api import views

router = Router()
router.register("surveys", views.SurveyViewSet, basename="survey")
router.register("survey-campaigns", views.CampaignViewSet, basename="survey-campaign")
urlpatterns = [
    path("public/surveys/<str:token>/", views.PublicSurveyView.as_view(), name="public-survey"),
    *router.urls,
]
