from django.apps import AppConfig


class SettlementConfig(AppConfig):
    name = "anju.settlement"
    label = "settlement"
    verbose_name = "面积补差 Area settlement"

    def ready(self) -> None:
        from anju.core import visibility
        from anju.settlement import selectors
        from anju.settlement.models import SettlementBatch, SettlementLine

        visibility.register(
            SettlementBatch, rows=lambda a: selectors.list_batches(actor=a), permission="settlement.view_settlementbatch"
        )
        visibility.register(
            SettlementLine, rows=lambda a: selectors.list_lines(actor=a), permission="settlement.view_settlementline"
        )
