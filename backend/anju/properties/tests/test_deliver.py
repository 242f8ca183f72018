"""Handing a unit over sets 已交付 and the delivery date once, leaves an event and tells the apps above."""

import datetime

import pytest

from anju.core.errors import ApplicationError
from anju.core.models import Event
from anju.properties.choices import UnitStatus
from anju.properties.services import deliver_unit
from anju.properties.signals import unit_delivered


def test_deliver_sets_status_and_date_and_signals(world):
    heard = []

    def receiver(sender, unit, delivered_on, actor, **kwargs):
        heard.append((unit.pk, delivered_on, actor))

    unit_delivered.connect(receiver)
    try:
        unit = deliver_unit(actor=world.admin, unit=world.unit_a, delivered_on=datetime.date(2026, 12, 20))
    finally:
        unit_delivered.disconnect(receiver)
    unit.refresh_from_db()
    assert unit.status == UnitStatus.DELIVERED and unit.delivery_date == datetime.date(2026, 12, 20)
    assert heard == [(unit.pk, datetime.date(2026, 12, 20), world.admin)]
    event = Event.objects.filter(target_id=unit.pk, type="unit.delivered").get()
    assert event.to_status == UnitStatus.DELIVERED


def test_deliver_outside_scope_is_refused(world):
    clerk = world.user("clerk", role="service_agent", projects=[world.project_a])
    with pytest.raises(ApplicationError):
        deliver_unit(actor=clerk, unit=world.unit_b, delivered_on=datetime.date(2026, 12, 20))
    world.unit_b.refresh_from_db()
    assert world.unit_b.status != UnitStatus.DELIVERED
