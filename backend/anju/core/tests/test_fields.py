"""Every input serializer gets the project's field defaults without asking (anju.core.fields)."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework import serializers

from anju.core.serializers import InputSerializer
from anju.properties.models import Project


class _Nested(serializers.Serializer):  # a plain one, inside an input serializer
    label = serializers.CharField()


class _NewInput(InputSerializer):
    """What a new app would write: plain DRF fields, nothing project-specific."""

    name = serializers.CharField(max_length=20)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    password = serializers.CharField(trim_whitespace=False, required=False)
    day = serializers.DateField(required=False)
    at = serializers.DateTimeField(required=False)
    count = serializers.IntegerField(required=False)
    small = serializers.IntegerField(required=False, max_value=10)
    names = serializers.ListField(child=serializers.CharField(), required=False)
    nested = _Nested(required=False)
    project = serializers.PrimaryKeyRelatedField(queryset=Project.objects.all(), required=False)
    projects = serializers.PrimaryKeyRelatedField(queryset=Project.objects.all(), many=True, required=False)


def _errors(data: dict[str, Any]) -> dict[str, Any]:
    serializer = _NewInput(data=data)
    assert not serializer.is_valid()
    return dict(serializer.errors)


def test_invisible_text_is_blank_trimmed_or_kept_where_whitespace_is_kept() -> None:
    errors = _errors({"name": "\u200b\ufeff", "names": ["ok", "\u2060"], "nested": {"label": "\u200d"}})
    assert errors["name"][0].code == "blank"
    assert set(errors["names"]) == {1}
    assert errors["nested"]["label"][0].code == "blank"
    serializer = _NewInput(data={"name": "\u200b甲\u200b", "note": "\u200b", "password": "\u200bsecret\u200b"})
    assert serializer.is_valid(), serializer.errors
    assert serializer.validated_data["name"] == "甲"
    assert serializer.validated_data["note"] == ""
    assert serializer.validated_data["password"] == "\u200bsecret\u200b"


def test_dates_integers_and_their_explicit_bounds() -> None:
    errors = _errors({"name": "x", "day": "9999-12-31", "at": "1800-01-01T00:00:00Z", "count": 2**63, "small": 11})
    assert errors["day"][0].code == errors["at"][0].code == "date_out_of_range"
    assert errors["count"][0].code == "max_value"
    assert errors["small"][0].code == "max_value"


@pytest.mark.django_db
def test_integer_primary_keys(world: Any) -> None:
    pk = world.project_a.id
    errors = _errors({"name": "x", "project": pk + 0.5, "projects": [str(pk), "1e0"]})
    assert errors["project"][0].code == "incorrect_type"
    assert errors["projects"][0].code == "incorrect_type"
    serializer = _NewInput(data={"name": "x", "project": str(pk), "projects": [pk, float(pk)]})
    assert serializer.is_valid(), serializer.errors
    assert serializer.validated_data["projects"] == [world.project_a, world.project_a]
    huge = _errors({"name": "x", "project": 1e308})["project"][0]  # a float that is an integer of 309 digits
    assert huge.code == "does_not_exist" and len(str(huge)) < 80, str(huge)


def test_every_instance_gets_its_own_hardened_fields() -> None:
    """No field object, parent or context is shared between two instances, and every instance keeps the project's
    defaults."""
    from anju.core.fields import VisibleTextMixin

    first, second = _NewInput(context={"n": 1}), _NewInput(context={"n": 2})
    for name in first.fields:
        assert first.fields[name] is not second.fields[name]
        assert first.fields[name].parent is first and second.fields[name].parent is second
    assert first.fields["name"].context == {"n": 1} and second.fields["name"].context == {"n": 2}
    assert isinstance(second.fields["name"], VisibleTextMixin)
    assert isinstance(second.fields["names"].child, VisibleTextMixin)
    second.fields["name"].validators[0].message = "changed"  # one instance's validators are its own
    assert str(_NewInput().fields["name"].validators[0].message) != "changed"


def test_a_bound_message_is_in_each_requests_language() -> None:
    """A length or range message is rendered in the language of the request that shows it, not of the first one
    (DRF renders such a message once per validator: validators shared between instances would keep the first
    language — an attacker review found it when fields were shared)."""
    from django.utils import translation

    for language, expected in (("en", "no more than 20"), ("zh-hans", "20"), ("en", "no more than 20")):
        with translation.override(language):
            errors = _errors({"name": "x" * 21, "small": 11})
        message = str(errors["name"][0])
        assert expected in message and (language == "en") == ("Ensure" in message), (language, message)


@pytest.mark.django_db
def test_hardening_holds_for_later_instances(world: Any) -> None:
    for _ in range(3):
        errors = _errors({"name": "\u200b", "names": ["ok", "\u200b"], "projects": [1.5], "project": "1.5"})
        assert set(errors) >= {"name", "names", "projects", "project"}


class _WithListDefault(InputSerializer):
    tags = serializers.JSONField(required=False, default=[])
    name = serializers.CharField(max_length=20)


def test_a_mutable_default_is_each_instances_own() -> None:
    """A field whose default is a list is deep-copied, as DRF copies it: one request changing the list it was given
    does not change the next request's default."""
    first = _WithListDefault(data={"name": "a"})
    assert first.is_valid(), first.errors
    first.validated_data["tags"].append("leaked")
    second = _WithListDefault(data={"name": "b"})
    assert second.is_valid(), second.errors
    assert second.validated_data["tags"] == []
