from __future__ import annotations

from rest_framework import serializers

from anju.core.serializers import InputSerializer
from anju.core.versioning import VersionedInputSerializer


class PurposeInputSerializer(InputSerializer):
    purpose = serializers.CharField(max_length=200, help_text="why the copy is handed out (e.g. the owner's request)")


class EraseInputSerializer(VersionedInputSerializer):
    reason = serializers.CharField(max_length=200, help_text="why the data is erased")
