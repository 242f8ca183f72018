from django.urls import path

from anju.accounts.api import views
from anju.core.routers import Router

router = Router()
router.register("users", views.UserViewSet, basename="user")
router.register("departments", views.DepartmentViewSet, basename="department")
router.register("auth/tokens", views.TokenViewSet, basename="auth-tokens")

urlpatterns = [
    path("auth/login/", views.LoginView.as_view(), name="auth-login"),
    path("auth/logout/", views.LogoutView.as_view(), name="auth-logout"),
    path("auth/me/", views.MeView.as_view(), name="auth-me"),
    path("auth/token/", views.TokenView.as_view(), name="auth-token"),
    path("auth/csrf/", views.CsrfView.as_view(), name="auth-csrf"),
    path("roles/", views.RoleListView.as_view(), name="role-list"),
    *router.urls,
]
