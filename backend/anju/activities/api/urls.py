from anju.activities.api import views
from anju.core.routers import Router

router = Router()
router.register("activities", views.ActivityViewSet, basename="activity")
router.register("activity-registrations", views.RegistrationViewSet, basename="activity-registration")

urlpatterns = [*router.urls]
