"""factory_boy factories for SLA policies and calendar days (issue 11 §3)."""

from __future__ import annotations

import datetime

import factory
from factory.django import DjangoModelFactory

from anju.sla.models import CalendarDay, SlaPolicy


class SlaPolicyFactory(DjangoModelFactory):
    """A project's policy for urgent repairs (pass ``project=None`` for a company-wide one)."""

    class Meta:
        model = SlaPolicy

    order_type = "repair"
    priority = "urgent"
    respond_minutes = 30
    resolve_minutes = 480


class CalendarDayFactory(DjangoModelFactory):
    class Meta:
        model = CalendarDay
        django_get_or_create = ("date",)

    date = factory.Sequence(lambda n: datetime.date(2031, 1, 1) + datetime.timedelta(days=n))
    kind = "rest"
    name = "调休"
