from anju.core.routers import Router
from anju.handover.api import views

router = Router()
router.register("handover-batches", views.BatchViewSet, basename="handover-batch")
router.register("handover-notices", views.NoticeViewSet, basename="handover-notice")
router.register("handover-slots", views.SlotViewSet, basename="handover-slot")
router.register("handover-inspections", views.InspectionViewSet, basename="handover-inspection")
urlpatterns = router.urls
