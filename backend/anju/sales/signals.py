"""What happens to a contract, for apps above this one (mortgage cases) to react to in the same transaction.

Each is sent with ``sender=Contract``, ``contract=`` the saved contract and ``actor=``.
"""

from django.dispatch import Signal

contract_signed = Signal()  # a new contract (open a mortgage case when its payment plan includes a loan)
contract_changed = Signal()  # an approved change of unit or buyers (``kind=``)
contract_cancelled = Signal()  # 退房/解约 approved (close the mortgage case)
