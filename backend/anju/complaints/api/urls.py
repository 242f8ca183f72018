from rest_framework.routers import SimpleRouter

from anju.complaints.api import views

router = SimpleRouter()
router.register("complaints", views.ComplaintViewSet, basename="complaint")
router.register("incidents", views.IncidentViewSet, basename="incident")
urlpatterns = router.urls
