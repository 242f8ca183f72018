"""The project's 首次登记 date and alert lead time, kept by 客服主管. Setting the date starts the 预告登记 clock
(R5.10: lapses 90 days later) of every pre-registered buyer of the project: each live contract without a case gets
one (its delivery clocks wait for the handover)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction

from anju.certificates import rules
from anju.certificates.events import CertificateEvent
from anju.certificates.models import CertificateCase, ProjectMilestone
from anju.certificates.services.cases import open_case, refresh_next_clock
from anju.core.events import record_event
from anju.core.records import apply_changes, ensure_version
from anju.properties.models import Project
from anju.sales.choices import LIVE_CONTRACT
from anju.sales.models import Contract


@transaction.atomic
def set_milestone(
    *,
    actor: Any,
    project: Project,
    values: dict[str, Any],
    version: int | None = None,
) -> ProjectMilestone:
    milestone, _created = ProjectMilestone.objects.select_for_update().get_or_create(project=project)
    if not _created:
        ensure_version(milestone, version)
    changes = apply_changes(milestone, values)
    if not changes:
        return milestone
    milestone.updated_by = actor
    milestone.version += 1
    milestone.save()
    if "first_registration_on" in changes:
        _restart_pre_registration(actor, project, milestone.first_registration_on)
    record_event(target=project, type=CertificateEvent.MILESTONE_UPDATED, actor=actor, changes=changes)
    return milestone


def _restart_pre_registration(actor: Any, project: Project, first: datetime.date | None) -> None:
    if first is not None:
        for contract in Contract.objects.filter(project=project, status__in=LIVE_CONTRACT, certificate_case__isnull=True):
            open_case(actor=actor, contract=contract)
    lapses = rules.pre_registration_lapses(first)
    for case in CertificateCase.objects.select_for_update().filter(project=project, pre_registered=True):
        case.pre_registration_lapses_on = lapses
        refresh_next_clock(case)
        case.save(update_fields=["pre_registration_lapses_on", "next_clock", "next_due_on", "updated_at"])
