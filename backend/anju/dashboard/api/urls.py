from django.urls import path

from anju.dashboard.api import views

urlpatterns = [
    path("dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path("workspace/", views.WorkspaceView.as_view(), name="workspace"),
]
