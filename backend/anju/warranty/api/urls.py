from django.urls import path

from anju.core.routers import Router
from anju.warranty.api import views

router = Router()
router.register("contractors", views.ContractorViewSet, basename="contractor")
router.register("warranty/responsibilities", views.ResponsibilityViewSet, basename="warranty-responsibility")

urlpatterns = [
    path("warranty/check/", views.WarrantyCheckView.as_view(), name="warranty-check"),
    path("warranty/policies/<int:project_id>/", views.PolicyView.as_view(), name="warranty-policy"),
    *router.urls,
]
