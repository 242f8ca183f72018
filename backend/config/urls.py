"""Root URLs: the API under /api/v1/, the admin, and the single-page web app for every other path."""

from typing import Any

from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

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
    path("", include("anju.accounts.api.urls")),
    path("", include("anju.notifications.api.urls")),
    path("", include("anju.properties.api.urls")),
    path("", include("anju.customers.api.urls")),
    path("", include("anju.warranty.api.urls")),
    path("", include("anju.sales.api.urls")),
    path("", include("anju.mortgage.api.urls")),
    path("", include("anju.settlement.api.urls")),
    path("", include("anju.certificates.api.urls")),
    path("", include("anju.workorders.api.urls")),
    path("", include("anju.sla.api.urls")),
    path("", include("anju.visits.api.urls")),
    path("", include("anju.complaints.api.urls")),
    path("", include("anju.handover.api.urls")),
    path("", include("anju.surveys.api.urls")),
    path("", include("anju.activities.api.urls")),
    path("", include("anju.owners.api.urls")),
    path("", include("anju.privacy.api.urls")),
    path("", include("anju.dashboard.api.urls")),
    path("", include("anju.reports.api.urls")),
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
