"""factory_boy factories for contractors (issue 11 §3)."""

from __future__ import annotations

import datetime

import factory
from factory.django import DjangoModelFactory

from anju.warranty.models import Contractor


class ContractorFactory(DjangoModelFactory):
    class Meta:
        model = Contractor

    name = factory.Sequence(lambda n: f"施工单位{n}")
    qualification_expires_on = datetime.date(2030, 12, 31)
