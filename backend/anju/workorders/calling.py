"""Calling the owner from a job (拨打): the number is given for one call only, through one of two modes a project
chooses (``ServiceSettings.call_mode``):

- ``direct``: the technician's phone dials the owner's number (revealed for this call, logged with the purpose
  上门联系);
- ``privacy_number``: a privacy-number provider (虚拟号/隐私号, the pattern Chinese service apps use) binds a
  temporary number that forwards to the owner, so the technician never sees the real one.

Providers implement ``PrivacyNumberProvider``; settings name one (``ANJU_PRIVACY_NUMBER_BACKEND``). The development
provider hands out a stable fake 170 number and writes the binding to the log — it never places a call.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

log = logging.getLogger("anju.calls")
BINDING_MINUTES = 30


@dataclass(frozen=True)
class Binding:
    number: str  # what the technician dials
    expires_at: datetime.datetime


class PrivacyNumberProvider(Protocol):
    def bind(self, *, callee: str, reference: str, minutes: int) -> Binding:
        """A temporary number forwarding to ``callee`` for ``minutes``; ``reference`` names the job (no personal data)."""
        ...


class DevelopmentProvider:
    """A stand-in for a real provider: a fake number derived from the job, logged, no call placed."""

    def bind(self, *, callee: str, reference: str, minutes: int) -> Binding:
        digest = int(hashlib.sha256(reference.encode()).hexdigest(), 16) % 10**8
        number = f"170{digest:08d}"
        log.info("privacy number %s bound for %s (%s minutes)", number, reference, minutes)
        return Binding(number=number, expires_at=timezone.now() + datetime.timedelta(minutes=minutes))


def provider() -> PrivacyNumberProvider:
    path = getattr(settings, "ANJU_PRIVACY_NUMBER_BACKEND", "anju.workorders.calling.DevelopmentProvider")
    return import_string(path)()
