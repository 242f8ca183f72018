from django.urls import path

from anju.core.routers import Router
from anju.customers.api import views

router = Router()
router.register("customers", views.CustomerViewSet, basename="customer")
router.register("tags", views.TagViewSet, basename="tag")
router.register("ownerships", views.OwnershipViewSet, basename="ownership")
router.register("consultations", views.ConsultationViewSet, basename="consultation")
router.register("appointments", views.AppointmentViewSet, basename="appointment")
router.register("follow-ups", views.FollowUpViewSet, basename="follow-up")

urlpatterns = [path("consultants/", views.ConsultantListView.as_view(), name="consultant-list"), *router.urls]
