from django.urls import path

from anju.core.routers import Router
from anju.sales.api import views

router = Router()
router.register("presale-permits", views.PermitViewSet, basename="presale-permit")
router.register("price-lists", views.PriceListViewSet, basename="price-list")
router.register("subscriptions", views.SubscriptionViewSet, basename="subscription")
router.register("contracts", views.ContractViewSet, basename="contract")
router.register("contract-changes", views.ContractChangeViewSet, basename="contract-change")
router.register("ledger-entries", views.EntryViewSet, basename="ledger-entry")
router.register("overdue-receivables", views.OverdueReceivableViewSet, basename="overdue-receivable")
urlpatterns = [
    path("sales-settings/<int:project_id>/", views.SalesSettingsView.as_view(), name="sales-settings"),
    path("sales-reports/", views.SalesReportView.as_view(), name="sales-report"),
    path("sales-reports/export/", views.SalesReportExportView.as_view(), name="sales-report-export"),
    *router.urls,
]
