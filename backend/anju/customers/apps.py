from django.apps import AppConfig


class CustomersConfig(AppConfig):
    name = "anju.customers"
    label = "customers"
    verbose_name = "Customers"

    def ready(self) -> None:
        from anju.core import visibility
        from anju.customers import selectors
        from anju.customers.events import CustomerEvent
        from anju.customers.models import Appointment, Consultation, Customer, FollowUp, UnitOwnership

        visibility.register(Customer, rows=lambda a: selectors.list_customers(actor=a), permission="customers.view_customer")
        visibility.register(
            UnitOwnership, rows=lambda a: selectors.list_ownerships(actor=a), permission="customers.view_unitownership"
        )
        visibility.register(
            Consultation, rows=lambda a: selectors.list_consultations(actor=a), permission="customers.view_consultation"
        )
        visibility.register(
            Appointment, rows=lambda a: selectors.list_appointments(actor=a), permission="customers.view_appointment"
        )
        visibility.register(FollowUp, rows=lambda a: selectors.list_follow_ups(actor=a), permission="customers.view_followup")

        # recorded tags for a reader of tags; left out for anyone else (not even that they changed)
        visibility.register_change_redactor("tags", lambda actor, tags: tags if selectors.reads_tags(actor) else visibility.OMIT)
        # batch tagging records one event per customer: who was tagged together, and when, is for tag readers only
        visibility.register_event_types(CustomerEvent.TAGGED, permission="customers.view_tag")
