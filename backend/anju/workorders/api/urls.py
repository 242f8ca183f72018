from django.urls import path

from anju.core.routers import Router
from anju.workorders.api import views

router = Router()
router.register("work-orders", views.WorkOrderViewSet, basename="work-order")
router.register("work-order-files", views.WorkOrderFileViewSet, basename="work-order-file")
router.register("work-order-categories", views.CategoryViewSet, basename="work-order-category")
router.register("technicians", views.TechnicianViewSet, basename="technician")
router.register("technician-teams", views.TeamViewSet, basename="technician-team")

urlpatterns = [
    path("service-settings/<int:project_id>/", views.ServiceSettingsView.as_view(), name="service-settings"),
    *router.urls,
]
