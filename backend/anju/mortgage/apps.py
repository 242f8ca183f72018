from django.apps import AppConfig


class MortgageConfig(AppConfig):
    name = "anju.mortgage"
    label = "mortgage"
    verbose_name = "按揭 Mortgage"

    def ready(self) -> None:
        from anju.core import visibility
        from anju.mortgage import (
            receivers,  # noqa: F401 - a signed contract opens its case, a cancelled one withdraws it
            selectors,
        )
        from anju.mortgage.models import Bank, MortgageCase

        visibility.register(
            MortgageCase, rows=lambda a: selectors.list_mortgage_cases(actor=a), permission="mortgage.view_mortgagecase"
        )
        visibility.register(Bank, rows=lambda a: selectors.list_banks(), permission="mortgage.view_bank")
