"""Certificate reads. Cases, receipts and milestones are scoped to the actor's projects (a case carries its contract's
project). The at-risk rows are computed over a case queryset the caller has already scoped and filtered."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import models
from django.db.models import Q, QuerySet
from django.utils import timezone

from anju.certificates import rules
from anju.certificates.choices import OPEN_STAGES, Clock
from anju.certificates.models import CertificateCase, ProjectMilestone, Receipt
from anju.properties.models import Project
from anju.properties.scope import restrict
from anju.properties.selectors import list_projects

# Per clock: the due-date field and the date field that meets it.
CLOCK_FIELDS: dict[str, tuple[str, str]] = {
    Clock.DEVELOPER_DOCUMENTS: ("developer_documents_due_on", "developer_documents_submitted_on"),
    Clock.TRANSFER_REGISTRATION: ("transfer_registration_due_on", "transfer_applied_on"),
    Clock.PRE_REGISTRATION: ("pre_registration_lapses_on", "transfer_applied_on"),
}


def list_certificate_cases(*, actor: Any, project: int | None = None) -> QuerySet[CertificateCase]:
    return restrict(
        CertificateCase.objects.select_related("project", "unit__building", "contract", "handler").prefetch_related("owners"),
        actor,
        project=project,
    )


def case_details(*, actor: Any) -> QuerySet[CertificateCase]:
    return list_certificate_cases(actor=actor).prefetch_related("checklist__customer", "delays__created_by", "receipts")


def get_case(*, actor: Any, pk: Any) -> CertificateCase:
    return case_details(actor=actor).get(pk=pk)


def list_receipts(*, actor: Any) -> QuerySet[Receipt]:
    return restrict(
        Receipt.objects.select_related("case__unit__building", "case__contract", "case__project"),
        actor,
        lookup="case__project_id",
    )


def list_milestone_projects(*, actor: Any) -> QuerySet[Project]:
    """The actor's projects, each with its 首次登记 record when it has one."""
    return list_projects(actor=actor).select_related("certificate_milestone")


def milestone_of(project_id: int) -> ProjectMilestone:
    """The project's record, or an unsaved one holding the defaults."""
    return ProjectMilestone.objects.filter(project_id=project_id).first() or ProjectMilestone(project_id=project_id)


def case_audience(case: CertificateCase) -> list[models.Model | None]:
    """The contract, its unit and every owner: a case's events show on their timelines too."""
    return [case.contract, case.unit, *case.owners.all()]


def open_clocks(case: CertificateCase) -> list[tuple[str, datetime.date]]:
    """``[(clock, due_on)]`` of the clocks still running (started and not yet met), earliest first."""
    if case.stage not in OPEN_STAGES:
        return []
    found = []
    for clock, (due_field, met_field) in CLOCK_FIELDS.items():
        due, met = getattr(case, due_field), getattr(case, met_field)
        if due is not None and met is None:
            found.append((str(clock), due))
    return sorted(found, key=lambda pair: pair[1])


def clock_open_q(clock: str) -> Q:
    due_field, met_field = CLOCK_FIELDS[clock]
    return Q(**{f"{due_field}__isnull": False, f"{met_field}__isnull": True, "stage__in": OPEN_STAGES})


def clocks_due_by(cases: QuerySet[CertificateCase], limit: datetime.date, clock: str | None = None) -> QuerySet[CertificateCase]:
    """The cases with an open clock (``clock`` or any) due on or before ``limit`` (missed ones included)."""
    clocks = [clock] if clock else list(CLOCK_FIELDS)
    condition = Q()
    for name in clocks:
        condition |= clock_open_q(name) & Q(**{f"{CLOCK_FIELDS[name][0]}__lte": limit})
    return cases.filter(condition)


def at_risk_rows(
    cases: QuerySet[CertificateCase], *, within_days: int, clock: str | None = None, today: datetime.date | None = None
) -> list[dict[str, Any]]:
    """One row per open clock due within ``within_days`` (or missed), fewest days left first."""
    today = today or timezone.localdate()
    limit = today + datetime.timedelta(days=within_days)
    rows = []
    for case in clocks_due_by(cases, limit, clock):
        for name, due in open_clocks(case):
            if (clock is None or name == clock) and due <= limit:
                rows.append({"case": case, "clock": name, "due_on": due, "days_left": rules.days_left(due, today)})
    return sorted(rows, key=lambda row: (row["days_left"], row["case"].pk))


def list_handlers(*, actor: Any) -> QuerySet[Any]:
    """Users who may work certificate cases and share a project with the actor (the handler field's choices)."""
    from anju.properties.scope import colleagues

    codename = Q(groups__permissions__codename="change_certificatecase") | Q(user_permissions__codename="change_certificatecase")
    return colleagues(actor).filter(codename).distinct()
