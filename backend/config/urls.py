"""Root URLs: the API under /api/v1/, the admin, and (when built) the single-page app."""

from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path, re_path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.permissions import AllowAny

from anju.core.views import HealthView, api_not_found

api_v1: list[URLPattern | URLResolver] = [
    path("health/", HealthView.as_view(), name="health"),
    path("schema/", SpectacularAPIView.as_view(permission_classes=[AllowAny]), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema", permission_classes=[AllowAny]), name="docs"),
    path("", include("anju.accounts.api.urls")),
    path("", include("anju.properties.api.urls")),
    path("", include("anju.customers.api.urls")),
]

urlpatterns = [
    path("api/v1/", include(api_v1)),
    re_path(r"^api/", api_not_found),
    path("admin/", admin.site.urls),
    path("", RedirectView.as_view(url="/api/v1/docs/", permanent=False)),
]

handler400 = "anju.core.errors.json_bad_request"
handler403 = "anju.core.errors.json_permission_denied"
handler404 = "anju.core.errors.json_not_found"
handler500 = "anju.core.errors.json_server_error"
