from django.urls import path

from anju.core.routers import Router
from anju.visits.api import views

router = Router()
router.register("return-visits", views.ReturnVisitViewSet, basename="return-visit")
router.register("care-plans", views.CarePlanViewSet, basename="care-plan")
urlpatterns = [path("quality/rollup/", views.QualityRollupView.as_view(), name="quality-rollup"), *router.urls]
