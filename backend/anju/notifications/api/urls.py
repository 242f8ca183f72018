from django.urls import path

from anju.core.routers import Router
from anju.notifications.api import views

router = Router()
router.register("notifications", views.NotificationViewSet, basename="notification")
urlpatterns = [path("dev-outbox/", views.DevOutboxView.as_view(), name="dev-outbox"), *router.urls]
