from anju.core.routers import Router
from anju.notifications.api import views

router = Router()
router.register("notifications", views.NotificationViewSet, basename="notification")
urlpatterns = router.urls
