"""What happens to a unit, for apps above this one to react to in the same transaction.

``unit_delivered`` is sent with ``sender=Unit``, ``unit=`` the saved unit, ``delivered_on=`` the delivery date and
``actor=`` when a unit is handed over (入伙: the owner accepts). The certificate clocks start from it (domain rules
§5.3); warranty periods read ``Unit.delivery_date``.
"""

from django.dispatch import Signal

unit_delivered = Signal()
