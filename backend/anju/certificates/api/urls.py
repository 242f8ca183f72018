from anju.certificates.api import views
from anju.core.routers import Router

router = Router()
router.register("certificate-cases", views.CertificateCaseViewSet, basename="certificate-case")
router.register("certificate-receipts", views.ReceiptViewSet, basename="certificate-receipt")
router.register("certificate-milestones", views.MilestoneViewSet, basename="certificate-milestone")
router.register("certificates", views.DeadlinesViewSet, basename="certificates")
urlpatterns = router.urls
