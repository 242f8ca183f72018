from django.apps import AppConfig


class WarrantyConfig(AppConfig):
    name = "anju.warranty"
    label = "warranty"
    verbose_name = "保修 Warranty"
