from django.urls import path

from anju.core.routers import Router
from anju.reports.api import views

router = Router()
router.register("report-subscriptions", views.SubscriptionViewSet, basename="report-subscription")

urlpatterns = [
    path("reports/", views.ReportListView.as_view(), name="reports"),
    path("work-summary/", views.WorkSummaryView.as_view(), name="work-summary"),
    path("work-summary/pdf/", views.WorkSummaryPdfView.as_view(), name="work-summary-pdf"),
    path("reports/<slug:key>/", views.ReportView.as_view(), name="report"),
    path("reports/<slug:key>/export/", views.ReportExportView.as_view(), name="report-export"),
    *router.urls,
]
