from django.apps import AppConfig


class SalesConfig(AppConfig):
    name = "anju.sales"
    label = "sales"
    verbose_name = "成交 Sales"

    def ready(self) -> None:
        from anju.core import visibility
        from anju.sales import selectors
        from anju.sales.models import Contract, ContractChange, LedgerEntry, PresalePermit, PriceList, Receivable, Subscription

        visibility.register(
            Subscription, rows=lambda a: selectors.list_subscriptions(actor=a), permission="sales.view_subscription"
        )
        visibility.register(Contract, rows=lambda a: selectors.list_contracts(actor=a), permission="sales.view_contract")
        visibility.register(PriceList, rows=lambda a: selectors.list_price_lists(actor=a), permission="sales.view_pricelist")
        visibility.register(PresalePermit, rows=lambda a: selectors.list_permits(actor=a), permission="sales.view_presalepermit")
        # read in the admin (``sales.admin``) through the selectors of their API lists; never the target of an event
        visibility.register(
            ContractChange, rows=lambda a: selectors.list_changes(actor=a), permission="sales.view_contractchange"
        )
        visibility.register(Receivable, rows=lambda a: selectors.list_receivables(actor=a), permission="sales.view_receivable")
        visibility.register(LedgerEntry, rows=lambda a: selectors.list_entries(actor=a), permission="sales.view_ledgerentry")
