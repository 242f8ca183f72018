"""The mortgage API: the case list (办理贷款客户清单) with its filters, export, kanban counts and bank figures; the detail
with its checklist and buttons; edits and actions with bad input; scope; the bank list."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from anju.core.excel import XLSX_CONTENT_TYPE
from anju.core.models import AccessLog
from anju.mortgage.models import Bank, MortgageCase
from anju.mortgage.tests import factories
from anju.sales.models import LedgerEntry

pytestmark = pytest.mark.django_db

URL = "/api/v1/mortgage-cases/"


@pytest.fixture
def officer(world: Any) -> Any:
    return world.user("officer_a", role="mortgage_officer")


def _ids(response: Any) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_the_list_shows_the_columns_of_the_customer_list_and_money_with_two_places(
    world: Any, officer: Any, client_for: Any
) -> None:
    case = factories.case(world, loan=Decimal("700000"))
    MortgageCase.objects.filter(pk=case.pk).update(officer=officer, disbursed_amount=Decimal("700000"))
    row = client_for(officer).get(URL).json()["results"][0]
    assert row["number"] == case.number and row["contract_number"] == case.contract.number
    assert (row["unit_label"], row["borrower_names"], row["bank_name"]) == ("1号楼 101", ["张三"], "工商银行")
    assert (row["loan_type"], row["amount"], row["disbursed_amount"], row["term_years"]) == (
        "commercial",
        "700000.00",
        "700000.00",
        30,
    )
    assert (row["stage"], row["days_in_stage"], row["officer_name"]) == ("collecting", 0, "officer_a")
    assert row["documents_due_on"] == "2026-03-09"
    for key in ("stage_label", "stage_since", "interviewed_on", "approved_on", "disbursed_on", "loan_type_label"):
        assert key in row


def test_the_list_filters(world: Any, officer: Any, client_for: Any) -> None:
    client = client_for(world.admin)
    first = factories.case(world, stage="under_approval")
    second = factories.case(world, stage="submitted")
    other_bank = factories.bank("BOC", "中国银行")
    MortgageCase.objects.filter(pk=second.pk).update(bank=other_bank, officer=officer)
    MortgageCase.objects.filter(pk=first.pk).update(stage_since=timezone.now() - datetime.timedelta(days=30))
    third = factories.case(world, project=world.project_b)

    assert set(_ids(client.get(URL, {"project": world.project_a.id}))) == {first.id, second.id}
    assert _ids(client.get(URL, {"bank": other_bank.id})) == [second.id]
    assert set(_ids(client.get(URL, {"stage": "under_approval,submitted"}))) == {first.id, second.id}
    assert set(_ids(client.get(URL + "?stage=under_approval&stage=collecting"))) == {first.id, third.id}
    assert _ids(client.get(URL, {"officer": officer.id})) == [second.id]
    assert _ids(client.get(URL, {"days_in_stage_min": 30})) == [first.id]
    assert _ids(client.get(URL, {"days_in_stage_min": 31})) == []
    assert _ids(client.get(URL, {"search": first.number})) == [first.id]
    assert _ids(client.get(URL, {"search": second.contract.number})) == [second.id]
    assert _ids(client.get(URL, {"contract": third.contract_id})) == [third.id]
    for bad in ({"stage": "approved,nonsense"}, {"days_in_stage_min": "abc"}, {"bank": "x"}):
        response = client.get(URL, bad)
        assert response.status_code == 400
        assert set(response.json()["fields"]) == set(bad)


def test_the_board_counts_the_filtered_cases_per_stage(world: Any, client_for: Any) -> None:
    for stage in ("collecting", "collecting", "under_approval"):
        factories.case(world, stage=stage)
    factories.case(world, project=world.project_b)
    viewer = world.user("supervisor_a", role="service_supervisor")
    body = client_for(viewer).get(URL + "board/").json()
    counts = {row["stage"]: row["count"] for row in body["stages"]}
    assert (body["total"], counts["collecting"], counts["under_approval"], counts["closed"]) == (3, 2, 1, 0)
    assert [row["stage"] for row in body["stages"]][:3] == ["collecting", "incomplete", "ready_for_review"]
    assert client_for(viewer).get(URL + "board/", {"stage": "under_approval"}).json()["total"] == 1


def test_the_bank_figures(world: Any, client_for: Any) -> None:
    icbc = factories.bank()
    boc = factories.bank("BOC", "中国银行")
    for approved, rejected in ((True, False), (True, False), (False, True), (False, False)):
        case = factories.case(world)
        MortgageCase.objects.filter(pk=case.pk).update(
            approved_on=datetime.date(2026, 4, 1) if approved else None,
            rejected_on=datetime.date(2026, 4, 1) if rejected else None,
        )
    done = factories.case(world)
    MortgageCase.objects.filter(pk=done.pk).update(
        bank=boc,
        documents_complete_on=datetime.date(2026, 3, 10),
        disbursed_on=datetime.date(2026, 4, 20),
        approved_on=datetime.date(2026, 4, 1),
    )
    rows = {row["bank_name"]: row for row in client_for(world.admin).get(URL + "bank-stats/").json()}
    assert rows["工商银行"] == {
        "bank": icbc.id,
        "bank_name": "工商银行",
        "cases": 4,
        "approved": 2,
        "rejected": 1,
        "approval_rate": "0.6667",
        "average_days_to_disbursement": None,
    }
    assert (rows["中国银行"]["approval_rate"], rows["中国银行"]["average_days_to_disbursement"]) == ("1.0000", "41.0")
    assert client_for(world.admin).get(URL + "bank-stats/", {"bank": boc.id}).json()[0]["cases"] == 1


def test_the_export_is_an_xlsx_of_the_filtered_list_and_is_logged(world: Any, client_for: Any) -> None:
    kept = factories.case(world, stage="under_approval")
    factories.case(world)
    response = client_for(world.admin, language="en").get(URL + "export/", {"stage": "under_approval"})
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Case number", "Contract number", "Unit", "Borrowers")
    assert [r[0] for r in rows[1:]] == [kept.number]
    assert rows[1][3] == "张三" and rows[1][8] == "Under bank approval"
    log = AccessLog.objects.get()
    assert (log.action, log.record_count, log.actor) == ("export", 1, world.admin)


def test_the_detail_has_the_checklist_borrowers_links_and_the_buttons_of_the_caller(
    world: Any, officer: Any, client_for: Any
) -> None:
    case = factories.case(world, received=True)
    detail = client_for(officer, language="en").get(f"{URL}{case.id}/").json()
    assert detail["checklist"][0] == {
        "code": "id_card",
        "label": "ID card",
        "status": "received",
        "status_label": "Received",
        "note": "",
        "updated_at": detail["checklist"][0]["updated_at"],
    }
    assert [b["name"] for b in detail["borrowers"]] == ["张三"]
    assert (detail["previous_case"], detail["next_case"]) == (None, None)
    assert [a["action"] for a in detail["allowed_actions"]] == ["complete_documents"]
    consultant = factories.consultant(world)
    assert client_for(consultant).get(f"{URL}{case.id}/").json()["allowed_actions"] == []


def test_switching_bank_through_the_api_links_both_cases(world: Any, officer: Any, client_for: Any) -> None:
    case = factories.case(world, stage="rejected")
    boc = factories.bank("BOC", "中国银行")
    response = client_for(officer).post(f"{URL}{case.id}/switch-bank/", {"bank": boc.id, "version": case.version}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["stage"] == "switched_bank" and body["next_case"]["bank_name"] == "中国银行"
    following = client_for(officer).get(f"{URL}{body['next_case']['id']}/").json()
    assert following["previous_case"]["number"] == case.number


def test_checklist_and_edit_endpoints(world: Any, officer: Any, client_for: Any) -> None:
    case = factories.case(world)
    client = client_for(officer)
    response = client.post(
        f"{URL}{case.id}/checklist/",
        {"version": case.version, "items": [{"code": "income_proof", "status": "rejected", "note": "未盖公章"}]},
        format="json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    item = next(i for i in body["checklist"] if i["code"] == "income_proof")
    assert (item["status"], item["note"], body["version"]) == ("rejected", "未盖公章", case.version + 1)

    edit = {"version": body["version"], "officer": officer.id, "term_years": 20, "note": "周末面签"}
    response = client.patch(f"{URL}{case.id}/", edit, format="json")
    assert response.status_code == 200, response.content
    assert (response.json()["officer_name"], response.json()["term_years"]) == ("officer_a", 20)
    stale = client.patch(f"{URL}{case.id}/", {"version": body["version"], "note": "x"}, format="json")
    assert stale.status_code == 409


@pytest.mark.parametrize(
    "bad",
    [
        ("disburse/", {"amount": "0", "disbursed_on": "2026-03-01"}, "amount"),
        ("disburse/", {"amount": "1000.00"}, "disbursed_on"),
        ("disburse/", {"amount": "1000.00", "disbursed_on": "2999-01-01"}, "disbursed_on"),
        ("disburse/", {"amount": "700000.01", "disbursed_on": "2026-03-01"}, "amount"),
        ("checklist/", {"items": [{"code": "id_card", "status": "lost"}]}, "items.0.status"),
        ("checklist/", {"items": [{"code": "fund_application", "status": "received"}]}, "items"),
        ("checklist/", {"items": []}, "items"),
        ("", {"term_years": 31}, "term_years"),
        ("", {"stage": "closed"}, "stage"),
    ],
)
def test_given_bad_input_then_400_names_the_field_and_nothing_is_written(
    world: Any, officer: Any, client_for: Any, bad: tuple[str, dict[str, Any], str]
) -> None:
    path, body, field = bad
    case = factories.case(world, stage="registered" if path == "disburse/" else None)
    client = client_for(officer)
    url = f"{URL}{case.id}/{path}"
    payload = {**body, "version": case.version}
    response = client.patch(url, payload, format="json") if not path else client.post(url, payload, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()["fields"]
    after = MortgageCase.objects.get(pk=case.pk)
    assert (after.version, after.stage, after.term_years) == (case.version, case.stage, 30)
    assert not LedgerEntry.objects.exists()


def test_a_case_of_another_project_is_not_found(world: Any, client_for: Any) -> None:
    case = factories.case(world)
    outsider = world.user("officer_b", role="mortgage_officer", projects=[world.project_b])
    client = client_for(outsider)
    assert client.get(f"{URL}{case.id}/").status_code == 404
    assert client.post(f"{URL}{case.id}/complete-documents/", {"version": case.version}, format="json").status_code == 404
    assert _ids(client.get(URL)) == []
    assert client.get(URL + "board/").json()["total"] == 0


# --- Banks ---------------------------------------------------------------------------------------------------------


def test_banks_show_and_set_only_the_partner_projects_in_scope(world: Any, client_for: Any) -> None:
    manager = world.user("manager_a", role="management")
    client = client_for(manager)
    response = client.post("/api/v1/banks/", {"code": "CCB", "name": "建设银行", "projects": [world.project_a.id]}, format="json")
    assert response.status_code == 201, response.content
    bank = Bank.objects.get(code="CCB")
    bank.projects.add(world.project_b)  # set by someone who sees project B

    assert client.get("/api/v1/banks/").json()[0]["projects"] == [world.project_a.id]
    response = client.patch(f"/api/v1/banks/{bank.id}/", {"projects": []}, format="json")
    assert response.status_code == 200 and response.json()["projects"] == []
    assert list(bank.projects.all()) == [world.project_b]  # kept: outside the manager's scope
    refused = client.patch(f"/api/v1/banks/{bank.id}/", {"projects": [world.project_b.id]}, format="json")
    assert refused.status_code == 400 and "projects" in refused.json()["fields"]
    duplicate = client.post("/api/v1/banks/", {"code": "CCB2", "name": "建设银行"}, format="json")
    assert duplicate.status_code == 400 and "name" in duplicate.json()["fields"]
    assert client.get("/api/v1/banks/", {"project": world.project_b.id}).json()[0]["code"] == "CCB"

    officer = world.user("officer_a2", role="mortgage_officer")
    assert client_for(officer).get("/api/v1/banks/").status_code == 200
    assert client_for(officer).post("/api/v1/banks/", {"code": "X", "name": "X"}, format="json").status_code == 403


def test_a_sole_partner_bank_is_chosen_for_a_new_case(world: Any) -> None:
    icbc = factories.bank(projects=[world.project_a])
    factories.bank("OLD", "旧银行", [world.project_a])
    Bank.objects.filter(code="OLD").update(is_active=False)
    case = MortgageCase.objects.get(contract=factories.sign(world, plan="combined_loan"))
    assert case.bank == icbc


def test_the_admin_console_shows_cases_read_only_and_scoped(world: Any) -> None:
    from django.test import Client

    case = factories.case(world)
    for projects, expected in (([world.project_a], 200), ([world.project_b], 302)):
        user = world.user(f"support_{projects[0].code}", role="service_supervisor", projects=projects)
        user.is_staff = True
        user.save(update_fields=["is_staff"])
        client = Client()
        client.force_login(user)
        assert client.get("/admin/mortgage/mortgagecase/").status_code == 200
        assert client.get(f"/admin/mortgage/mortgagecase/{case.pk}/change/").status_code == expected
        assert client.get("/admin/mortgage/bank/").status_code == 200


@pytest.mark.django_db
def test_given_officers_in_two_projects_when_listed_then_only_those_sharing_a_project_with_the_reader_show(
    world: Any, client_for: Any
) -> None:
    mine = world.user("officer_a", role="mortgage_officer", projects=[world.project_a])
    world.user("officer_b", role="mortgage_officer", projects=[world.project_b])
    reader = world.user("reader_a", role="service_supervisor", projects=[world.project_a])
    names = [row["name"] for row in client_for(reader).get("/api/v1/mortgage-cases/officers/").json()]
    assert "officer_a" in names and "officer_b" not in names and mine.display_name == "officer_a"
    assert client_for(reader).get("/api/v1/mortgage-cases/officers/", {"project": world.project_b.id}).json() == []
