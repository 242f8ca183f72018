from django.urls import path

from anju.core.routers import Router
from anju.properties.api import views

router = Router()
router.register("city-companies", views.CityCompanyViewSet, basename="city-company")
router.register("projects", views.ProjectViewSet, basename="project")
router.register("buildings", views.BuildingViewSet, basename="building")
router.register("units", views.UnitViewSet, basename="unit")

scope = views.UserScopeViewSet.as_view({"get": "retrieve", "put": "update"})

urlpatterns = [path("users/<int:pk>/scope/", scope, name="user-scope"), *router.urls]
