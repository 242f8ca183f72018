"""Mortgage reads. Cases are scoped to the actor's projects (a case carries its contract's project); banks are a
company-wide list (see ``list_banks``). The kanban counts and the bank figures are computed over a case queryset the
caller has already scoped and filtered, so they always agree with the list."""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import models
from django.db.models import Count, QuerySet
from django.utils import timezone

from anju.mortgage.choices import OPEN_STAGES, Stage
from anju.mortgage.models import Bank, MortgageCase
from anju.properties.scope import restrict

RATE_PLACES = Decimal("0.0001")
DAYS_PLACES = Decimal("0.1")


def list_mortgage_cases(*, actor: Any, project: int | None = None) -> QuerySet[MortgageCase]:
    return restrict(
        MortgageCase.objects.select_related(
            "project", "contract__unit__building", "contract__consultant", "bank", "officer"
        ).prefetch_related("borrowers"),
        actor,
        project=project,
    )


def case_details(*, actor: Any) -> QuerySet[MortgageCase]:
    """The list's rows with what a detail page shows: the checklist and the cases before and after (same contract,
    so same project)."""
    return list_mortgage_cases(actor=actor).select_related("previous_case__bank", "next_case__bank").prefetch_related("checklist")


def get_case(*, actor: Any, pk: Any) -> MortgageCase:
    return case_details(actor=actor).get(pk=pk)


def open_cases_of_contract(contract_id: int) -> QuerySet[MortgageCase]:
    """For the receivers of the contract's signals (the system acting, not a reader)."""
    return MortgageCase.objects.filter(contract_id=contract_id, stage__in=OPEN_STAGES).order_by("id")


def case_audience(case: MortgageCase) -> list[models.Model | None]:
    """The contract, its unit and every borrower: a case's events show on their timelines too."""
    contract = case.contract
    return [contract, contract.unit, *case.borrowers.all()]


def list_banks() -> QuerySet[Bank]:
    """Not scoped: the banks are one company-wide list (a bank lends in every city). Which projects a bank partners
    with is shown and set only within the reader's scope (the serializers filter ``projects``)."""
    return Bank.objects.prefetch_related("projects")


def active_banks(*, actor: Any = None) -> QuerySet[Bank]:
    """The banks a case may name (``actor`` unused: the list is company-wide)."""
    return Bank.objects.filter(is_active=True)


def sole_partner_bank(project_id: int) -> Bank | None:
    """The project's partner bank when it has exactly one active partner; otherwise nobody chose yet."""
    banks = list(Bank.objects.filter(projects=project_id, is_active=True).order_by("id")[:2])
    return banks[0] if len(banks) == 1 else None


def days_in_stage(case: MortgageCase, today: datetime.date | None = None) -> int:
    """Whole days since the case entered its stage (0 on the day it did)."""
    today = today or timezone.localdate()
    return max((today - timezone.localdate(case.stage_since)).days, 0)


def entered_stage_before(days: int, today: datetime.date | None = None) -> datetime.datetime:
    """``days_in_stage >= days`` ⇔ ``stage_since`` before this moment (local midnight after the cut-off day)."""
    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=days - 1)
    return timezone.make_aware(datetime.datetime.combine(cutoff, datetime.time.min))


def stage_board(cases: QuerySet[MortgageCase]) -> list[dict[str, Any]]:
    """``[{stage, label, count}]`` for every stage in table order (zero where there is no case)."""
    counts = dict(cases.order_by().values_list("stage").annotate(n=Count("id")).values_list("stage", "n"))
    return [{"stage": value, "label": str(label), "count": counts.get(value, 0)} for value, label in Stage.choices]


def bank_stats(cases: QuerySet[MortgageCase]) -> list[dict[str, Any]]:
    """Per bank of the given cases: how many, how many approved and rejected, the approval rate (approved / decided,
    ``None`` before any decision) and the average days from documents complete to disbursement (``None`` without a
    disbursed case)."""
    rows = (
        cases.filter(bank__isnull=False)
        .order_by()
        .values_list("bank_id", "bank__name", "approved_on", "rejected_on", "documents_complete_on", "disbursed_on")
    )
    figures: dict[int, dict[str, Any]] = {}
    spans: dict[int, list[int]] = defaultdict(list)
    for bank_id, name, approved_on, rejected_on, complete_on, disbursed_on in rows:
        row = figures.setdefault(bank_id, {"bank": bank_id, "bank_name": name, "cases": 0, "approved": 0, "rejected": 0})
        row["cases"] += 1
        row["approved"] += approved_on is not None
        row["rejected"] += rejected_on is not None
        if complete_on is not None and disbursed_on is not None:
            spans[bank_id].append((disbursed_on - complete_on).days)
    result = []
    for bank_id, row in sorted(figures.items(), key=lambda item: (-item[1]["cases"], item[1]["bank_name"])):
        decided = row["approved"] + row["rejected"]
        rate = (Decimal(row["approved"]) / decided).quantize(RATE_PLACES, ROUND_HALF_UP) if decided else None
        days = spans.get(bank_id)
        average = (Decimal(sum(days)) / len(days)).quantize(DAYS_PLACES, ROUND_HALF_UP) if days else None
        result.append({**row, "approval_rate": rate, "average_days_to_disbursement": average})
    return result


def list_officers(*, actor: Any, project_id: int | None = None) -> list[Any]:
    """Active users who may work mortgage cases and share a project with the actor (or work in ``project_id``)."""
    from django.db.models import Q

    from anju.properties.scope import can_see_project, colleagues

    codename = Q(groups__permissions__codename="change_mortgagecase") | Q(user_permissions__codename="change_mortgagecase")
    users = colleagues(actor).filter(codename).distinct().order_by("display_name", "username")
    if project_id is not None:
        if not can_see_project(actor, project_id):
            return []
        return [u for u in users if can_see_project(u, project_id)]
    return list(users)
