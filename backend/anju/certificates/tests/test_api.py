"""The certificates API: the deadline calculator, the list and its filters, masking, the reveal, the at-risk list and
its export, the receipt PDF, the milestone, and scope."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from anju.certificates.models import CertificateCase
from anju.certificates.services import cases
from anju.certificates.tests import factories
from anju.certificates.workflow import CertificateAction
from anju.core.models import AccessLog

pytestmark = pytest.mark.django_db
URL = "/api/v1/certificate-cases/"
NUMBER = "沪(2024)浦东新区不动产权第0012345号"


@pytest.fixture
def agent(world: Any) -> Any:
    return world.user("cert_agent", role="service_agent")


def test_the_deadline_calculator_gives_the_worked_example(agent: Any, client_for: Any) -> None:
    response = client_for(agent).post(
        "/api/v1/certificates/deadlines/", {"delivered_on": "2024-05-20", "first_registration_on": "2024-09-02"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json() == {
        "developer_documents_due_on": "2024-07-19",
        "transfer_registration_due_on": "2024-08-19",
        "pre_registration_lapses_on": "2024-12-02",
    }
    without = client_for(agent).post("/api/v1/certificates/deadlines/", {"delivered_on": "2024-05-20"}, format="json")
    assert without.json()["pre_registration_lapses_on"] is None


@pytest.mark.parametrize(("language", "word"), [("zh-hans", "日期"), ("en", "Date")])
def test_the_deadline_calculator_refuses_malformed_dates_with_field_errors(
    agent: Any, client_for: Any, language: str, word: str
) -> None:
    response = client_for(agent, language=language).post(
        "/api/v1/certificates/deadlines/", {"delivered_on": "2024-13-40", "first_registration_on": "soon"}, format="json"
    )
    assert response.status_code == 400
    fields = response.json()["fields"]
    assert set(fields) == {"delivered_on", "first_registration_on"}
    assert word in fields["delivered_on"][0]
    missing = client_for(agent).post("/api/v1/certificates/deadlines/", {}, format="json")
    assert missing.status_code == 400 and "delivered_on" in missing.json()["fields"]


def test_the_list_masks_the_number_filters_and_shows_the_clocks(world: Any, agent: Any, client_for: Any) -> None:
    first = factories.case(world, stage="transfer_applied")
    cases.complete_transfer(actor=world.admin, case=first, certificate_number=NUMBER)
    second = factories.case(world, plan="commercial_loan")
    client = client_for(agent)
    rows = client.get(URL).json()["results"]
    assert {r["id"] for r in rows} == {first.id, second.id}
    shown = next(r for r in rows if r["id"] == first.id)
    assert "0012345" not in str(shown) and shown["certificate_number"].endswith("5号")
    clocks = next(r for r in rows if r["id"] == second.id)["clocks"]
    assert [c["clock"] for c in clocks] == ["developer_documents", "transfer_registration"]
    assert [r["id"] for r in client.get(URL, {"stage": "transfer_completed"}).json()["results"]] == [first.id]
    assert [r["id"] for r in client.get(URL, {"search": second.contract.number}).json()["results"]] == [second.id]
    CertificateCase.objects.filter(pk=first.pk).update(developer_documents_submitted_on="2024-07-01")
    assert [r["id"] for r in client.get(URL, {"at_risk": "developer_documents"}).json()["results"]] == [second.id]
    assert client.get(URL, {"at_risk": "pre_registration"}).json()["results"] == []
    assert client.get(URL, {"at_risk": "soon"}).status_code == 400
    detail = client.get(f"{URL}{first.id}/").json()
    assert "0012345" not in str(detail) and detail["allowed_actions"][0]["action"] == "hand_over"


def test_the_reveal_needs_a_purpose_and_is_logged(world: Any, agent: Any, client_for: Any) -> None:
    case = factories.case(world, stage="transfer_applied")
    cases.complete_transfer(actor=world.admin, case=case, certificate_number=NUMBER)
    client = client_for(agent)
    assert client.post(f"{URL}{case.id}/reveal/", {}, format="json").status_code == 400
    response = client.post(f"{URL}{case.id}/reveal/", {"purpose": "业主来电核对"}, format="json")
    assert response.json() == {"certificate_number": NUMBER}
    assert AccessLog.objects.filter(actor=agent, object_id=case.id, purpose="业主来电核对").count() == 1
    consultant = world.user("cert_consultant", role="sales_consultant")
    assert client_for(consultant).post(f"{URL}{case.id}/reveal/", {"purpose": "x"}, format="json").status_code == 403


def test_the_at_risk_list_sorts_by_days_left_filters_by_clock_and_exports(world: Any, agent: Any, client_for: Any) -> None:
    today = datetime.date.today()
    soon = factories.case(world, delivered_on=today - datetime.timedelta(days=55))
    later = factories.case(world, delivered_on=today - datetime.timedelta(days=40))
    factories.case(world, delivered_on=today)  # nothing due within 30 days
    client = client_for(agent)
    rows = client.get(f"{URL}at-risk/").json()["results"]
    assert [(r["case"], r["clock"]) for r in rows] == [(soon.id, "developer_documents"), (later.id, "developer_documents")]
    assert rows[0]["days_left"] <= 5 + 3  # 60 days from delivery, moved past a weekend at most
    reverse = client.get(f"{URL}at-risk/", {"ordering": "-days_left"}).json()["results"]
    assert [r["case"] for r in reverse] == [later.id, soon.id]
    assert client.get(f"{URL}at-risk/", {"clock": "pre_registration"}).json()["results"] == []
    assert len(client.get(f"{URL}at-risk/", {"within_days": 100}).json()["results"]) == 6
    assert client.get(f"{URL}at-risk/", {"clock": "x"}).status_code == 400
    export = client.get(f"{URL}at-risk/export/")
    sheet = load_workbook(io.BytesIO(export.content)).active
    assert sheet.max_row == 3 and sheet.cell(row=2, column=1).value == soon.number
    assert AccessLog.objects.filter(action="export").count() == 1


def test_the_receipt_pdf_opens_masked_and_prints_the_number_for_the_recipient(world: Any, agent: Any, client_for: Any) -> None:
    case = factories.case(world, stage="transfer_applied")
    cases.complete_transfer(actor=world.admin, case=case, certificate_number=NUMBER)
    case = cases.hand_out(actor=world.admin, case=case, action=CertificateAction.HAND_OVER)
    receipt = case.receipts.get()
    client = client_for(agent)
    response = client.get(f"/api/v1/certificate-receipts/{receipt.id}/pdf/")
    assert response["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "房产证签收表" in text and "0012345" not in text
    clear = client.get(f"/api/v1/certificate-receipts/{receipt.id}/pdf/", {"purpose": "业主签收"})
    assert "0012345" in "".join(p.extract_text() for p in PdfReader(io.BytesIO(clear.content)).pages)
    consultant = world.user("cert_consultant", role="sales_consultant")
    assert client_for(consultant).get(f"/api/v1/certificate-receipts/{receipt.id}/pdf/", {"purpose": "x"}).status_code == 403


def test_the_milestone_is_kept_per_project_and_versioned(world: Any, client_for: Any) -> None:
    supervisor = world.user("cert_supervisor", role="service_supervisor")
    client = client_for(supervisor)
    path = f"/api/v1/certificate-milestones/{world.project_a.id}/"
    assert client.get(path).json() == {
        "project": world.project_a.id,
        "project_name": "项目A",
        "first_registration_on": None,
        "alert_days": 7,
        "version": 1,
    }
    saved = client.patch(path, {"first_registration_on": "2024-09-02", "alert_days": 10}, format="json").json()
    assert (saved["first_registration_on"], saved["alert_days"], saved["version"]) == ("2024-09-02", 10, 2)
    assert client.patch(path, {"alert_days": 5, "version": 1}, format="json").status_code == 409
    agent = world.user("cert_agent2", role="service_agent")
    assert client_for(agent).patch(path, {"alert_days": 5}, format="json").status_code == 403


def test_another_projects_case_is_not_found(world: Any, client_for: Any) -> None:
    case = factories.case(world)
    outsider = world.user("cert_b", role="service_supervisor", projects=[world.project_b])
    assert client_for(outsider).get(f"{URL}{case.id}/").status_code == 404
    assert client_for(outsider).get(URL).json()["results"] == []
    assert CertificateCase.objects.count() == 1


def test_a_hand_out_takes_a_base64_signature_and_refuses_garbage(world: Any, agent: Any, client_for: Any) -> None:
    import base64

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (60, 20), "white").save(buffer, format="PNG")
    client = client_for(agent)
    case = factories.case(world, stage="transfer_completed")
    path = f"{URL}{case.id}/hand-over/"
    bad = client.post(path, {"version": case.version, "signature": "not base64!"}, format="json")
    assert bad.status_code == 400 and "signature" in bad.json()["fields"]
    data_url = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
    done = client.post(path, {"version": case.version, "signature": data_url, "recipient_name": "张三"}, format="json")
    assert done.status_code == 200, done.content
    assert done.json()["receipts"][0]["signed"] is True
