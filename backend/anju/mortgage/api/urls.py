from anju.core.routers import Router
from anju.mortgage.api import views

router = Router()
router.register("mortgage-cases", views.MortgageCaseViewSet, basename="mortgage-case")
router.register("banks", views.BankViewSet, basename="bank")
urlpatterns = router.urls
