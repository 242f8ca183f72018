from django.urls import path

from anju.privacy.api import views

urlpatterns = [
    path("customers/<int:pk>/personal-data/", views.PersonalDataView.as_view(), name="customer-personal-data"),
    path("customers/<int:pk>/erase/", views.EraseView.as_view(), name="customer-erase"),
]
