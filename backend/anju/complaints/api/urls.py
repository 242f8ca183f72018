from anju.complaints.api import views
from anju.core.routers import Router

router = Router()
router.register("complaints", views.ComplaintViewSet, basename="complaint")
router.register("incidents", views.IncidentViewSet, basename="incident")
router.register(
    "complaint-category-departments", views.ComplaintCategoryDepartmentViewSet, basename="complaint-category-department"
)
urlpatterns = router.urls
