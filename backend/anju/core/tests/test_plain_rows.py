"""The plain row mappers (``iso_datetime``, ``event_rows``) answer exactly what the DRF serializers they replace on the
hot paths answer: the same moments in the same text, the same timeline entries for every reader."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from rest_framework import serializers
from rest_framework.test import APIRequestFactory

from anju.core.events import list_timeline
from anju.core.models import Event
from anju.core.serializers import EventSerializer, event_rows, iso_datetime

FIELD = serializers.DateTimeField()
MOMENTS = [
    datetime.datetime(2026, 12, 5, 3, 4, 5, tzinfo=datetime.UTC),
    datetime.datetime(2026, 12, 5, 3, 4, 5, 123456, tzinfo=datetime.UTC),
    datetime.datetime(2026, 12, 31, 23, 59, 59, 999999, tzinfo=ZoneInfo("Asia/Shanghai")),
    datetime.datetime(1999, 1, 1, tzinfo=ZoneInfo("America/New_York")),
    datetime.datetime(2026, 6, 1, 12, 0),  # naive: the field's own rule
]


@pytest.mark.parametrize("zone", ["Asia/Shanghai", "UTC", "America/New_York"])
def test_iso_datetime_is_the_fields_text(zone: str) -> None:
    with timezone.override(ZoneInfo(zone)):
        for moment in MOMENTS:
            assert iso_datetime(moment) == FIELD.to_representation(moment), moment
    assert iso_datetime(None) is None


@pytest.mark.django_db
def test_event_rows_are_the_serializers_for_every_reader(world: Any) -> None:
    from anju.customers.models import Customer
    from anju.customers.services.customers import update_customer

    customer = Customer.objects.get(pk=world.customer_a.pk)
    # a change naming another project (redacted for a reader of project A only) and an event without an actor
    update_customer(actor=world.admin, customer=customer, version=customer.version, projects=[world.project_a, world.project_b])
    Event.objects.filter(pk=Event.objects.order_by("id").first().pk).update(actor=None, data={"n": 1, "list": [1, "二"]})
    agent_a = world.user("rows_agent_a", role="service_agent", projects=[world.project_a])
    factory = APIRequestFactory()
    seen = {}
    for reader in (world.admin, agent_a):
        events = list(list_timeline(obj=customer, actor=reader))
        assert events
        request = factory.get("/")
        request.user = reader
        rows = event_rows(events, reader)
        assert rows == EventSerializer(events, many=True, context={"request": request}).data
        seen[reader.pk] = str([row["changes"] for row in rows])
    assert "项目B" in seen[world.admin.pk] and "项目B" not in seen[agent_a.pk]  # the redaction ran for each reader
    assert event_rows(None, world.admin) == []
