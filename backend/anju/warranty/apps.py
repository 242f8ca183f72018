from django.apps import AppConfig


class WarrantyConfig(AppConfig):
    name = "anju.warranty"
    label = "warranty"
    verbose_name = "保修 Warranty"

    def ready(self) -> None:
        from anju.core import visibility
        from anju.warranty import selectors
        from anju.warranty.models import Contractor

        visibility.register(Contractor, rows=lambda a: selectors.list_contractors(), permission="warranty.view_contractor")
