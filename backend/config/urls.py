"""Root URLs: the API under /api/v1/, the admin, and the single-page web app for every other path."""

from typing import Any

from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from anju.core.routers import app_urls
from anju.core.views import HealthView, MetricsView, ReadyView, api_not_found, single_page_app


class SchemaAccess(BasePermission):
    """The API description is for developers: public with DEBUG on, for logged-in users (session or token) otherwise.

    ``manage.py spectacular`` (``make web-schema``, ``make schema-check``) and the fuzzing script build the schema in
    process and need no login.
    """

    def has_permission(self, request: Request, view: Any) -> bool:
        return bool(settings.DEBUG or (request.user and request.user.is_authenticated))


api_v1: list[URLPattern | URLResolver] = [
    path("health/", HealthView.as_view(), name="health"),
    path("ready/", ReadyView.as_view(), name="ready"),
    path("metrics/", MetricsView.as_view(), name="metrics"),
    path("schema/", SpectacularAPIView.as_view(permission_classes=[SchemaAccess]), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema", permission_classes=[SchemaAccess]), name="docs"),
    app_urls("anju.accounts.api.urls"),
    app_urls("anju.notifications.api.urls"),
    app_urls("anju.properties.api.urls"),
    app_urls("anju.customers.api.urls"),
    app_urls("anju.warranty.api.urls"),
    app_urls("anju.sales.api.urls"),
    app_urls("anju.mortgage.api.urls"),
    app_urls("anju.settlement.api.urls"),
    app_urls("anju.certificates.api.urls"),
    app_urls("anju.workorders.api.urls"),
    app_urls("anju.sla.api.urls"),
    app_urls("anju.visits.api.urls"),
    app_urls("anju.complaints.api.urls"),
    app_urls("anju.handover.api.urls"),
    app_urls("anju.surveys.api.urls"),
    app_urls("anju.activities.api.urls"),
    app_urls("anju.owners.api.urls"),
    app_urls("anju.privacy.api.urls"),
    app_urls("anju.dashboard.api.urls"),
    app_urls("anju.reports.api.urls"),
]

urlpatterns = [
    path("api/v1/", include(api_v1)),
    re_path(r"^api/", api_not_found, name="api-not-found"),
    path("admin/", admin.site.urls),
    # Everything else is a route of the web app (history mode); its assets come from WhiteNoise.
    re_path(r"^(?!static/|media/|admin(?:/|$)|api(?:/|$)).*$", single_page_app, name="web-app"),
]

handler400 = "anju.core.errors.json_bad_request"
handler403 = "anju.core.errors.json_permission_denied"
handler404 = "anju.core.errors.json_not_found"
handler500 = "anju.core.errors.json_server_error"
