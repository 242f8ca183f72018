"""What happens to a work order, for apps above this one (the SLA clocks) to react to in the same transaction.

Each signal is sent with ``sender=WorkOrder`` and ``order=`` the saved order; ``order_transitioned`` also carries
``action`` (a workflow action name) and ``actor``.
"""

from django.dispatch import Signal

order_created = Signal()
order_transitioned = Signal()
order_followed_up = Signal()
