from django.apps import AppConfig


class HandoverConfig(AppConfig):
    name = "anju.handover"
    label = "handover"
    verbose_name = "入伙 Handover"

    def ready(self) -> None:
        from anju.core import visibility
        from anju.handover import selectors
        from anju.handover.models import HandoverBatch, HandoverNotice, HandoverSlot, Inspection

        visibility.register(
            HandoverBatch, rows=lambda a: selectors.list_batches(actor=a), permission="handover.view_handoverbatch"
        )
        visibility.register(
            HandoverNotice, rows=lambda a: selectors.list_notices(actor=a), permission="handover.view_handovernotice"
        )
        visibility.register(HandoverSlot, rows=lambda a: selectors.list_slots(actor=a), permission="handover.view_handoverslot")
        visibility.register(Inspection, rows=lambda a: selectors.list_inspections(actor=a), permission="handover.view_inspection")
