from django.urls import path

from anju.reports.api import views

urlpatterns = [
    path("reports/", views.ReportListView.as_view(), name="reports"),
    path("reports/<slug:key>/", views.ReportView.as_view(), name="report"),
    path("reports/<slug:key>/export/", views.ReportExportView.as_view(), name="report-export"),
]
