from anju.core.routers import Router
from anju.settlement.api import views

router = Router()
router.register("area-settlements", views.AreaSettlementViewSet, basename="area-settlement")
router.register("area-settlement-lines", views.AreaSettlementLineViewSet, basename="area-settlement-line")
urlpatterns = router.urls
