"""What happens to a work order, for apps above this one (the SLA clocks) to react to in the same transaction.

Each signal is sent with ``sender=WorkOrder`` and ``order=`` the saved order; ``order_transitioned`` also carries
``action`` (a workflow action name) and ``actor``.

``order_planned`` is sent by ``plan_work_order`` with the unsaved order, outside any transaction: a receiver reads
and computes what it will write on ``order_created`` (the SLA clocks and their due times, and the order's
``sla_due_at``) before the write lock is taken and keeps it in ``order.planned[<its name>]``; ``order_created``
then only writes.

``order_numbered`` is sent inside the transaction with the unsaved order once it has its number and its
``created_at`` (stamped after the number is drawn, so that numbers and creation times sort alike): a receiver may
only compute (the SLA clocks move their start to it), never query — the write lock is held.
"""

from django.dispatch import Signal

order_planned = Signal()
order_numbered = Signal()
order_created = Signal()
order_transitioned = Signal()
order_followed_up = Signal()
