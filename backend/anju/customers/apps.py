from django.apps import AppConfig


class CustomersConfig(AppConfig):
    name = "anju.customers"
    label = "customers"
    verbose_name = "Customers"
