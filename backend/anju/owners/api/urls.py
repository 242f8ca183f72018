from django.urls import path

from anju.owners.api import surveys, views

urlpatterns = [
    path("owner/auth/code/", views.CodeView.as_view(), name="owner-auth-code"),
    path("owner/auth/verify/", views.VerifyView.as_view(), name="owner-auth-verify"),
    path("owner/auth/me/", views.MeView.as_view(), name="owner-auth-me"),
    path("owner/auth/logout/", views.SignOutView.as_view(), name="owner-auth-logout"),
    path("owner/auth/logout-all/", views.SignOutEverywhereView.as_view(), name="owner-auth-logout-all"),
    path("owner/homes/", views.HomeListView.as_view(), name="owner-homes"),
    path("owner/homes/<int:pk>/", views.HomeDetailView.as_view(), name="owner-home"),
    path("owner/homes/<int:pk>/handover-slot/", views.HomeSlotView.as_view(), name="owner-home-slot"),
    path("owner/categories/", views.CategoryListView.as_view(), name="owner-categories"),
    path("owner/orders/", views.OrderListView.as_view(), name="owner-orders"),
    path("owner/orders/<int:pk>/", views.OrderDetailView.as_view(), name="owner-order"),
    path("owner/orders/<int:pk>/photos/", views.OrderPhotoListView.as_view(), name="owner-order-photos"),
    path("owner/orders/<int:pk>/photos/<int:photo_id>/", views.OrderPhotoView.as_view(), name="owner-order-photo"),
    path("owner/orders/<int:pk>/rate/", views.OrderRateView.as_view(), name="owner-order-rate"),
    path("owner/surveys/", surveys.SurveyListView.as_view(), name="owner-surveys"),
    path("owner/surveys/<int:pk>/", surveys.SurveyDetailView.as_view(), name="owner-survey"),
    path("owner/surveys/<int:pk>/answer/", surveys.SurveyAnswerView.as_view(), name="owner-survey-answer"),
    path("owner/activities/", views.ActivityListView.as_view(), name="owner-activities"),
    path("owner/activities/<int:pk>/sign-up/", views.ActivitySignUpView.as_view(), name="owner-activity-sign-up"),
    path("owner/activities/<int:pk>/cancel/", views.ActivityCancelView.as_view(), name="owner-activity-cancel"),
    path("owner/activities/<int:pk>/poster/", views.ActivityPosterView.as_view(), name="owner-activity-poster"),
]
