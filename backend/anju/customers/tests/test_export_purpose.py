"""An export of full personal data states its purpose, and the access log records it."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from anju.core.models import AccessLog

URL = "/api/v1/customers/export/"


def _supervisor(world):
    return world.user("sup", role="service_supervisor", projects=[world.project_a])


@pytest.mark.django_db
@pytest.mark.parametrize("purpose", [None, "", "   ", "\u200b\u3000", "x" * 201])
def test_clear_export_without_a_valid_purpose_is_400_and_logs_nothing(world, client_for, purpose) -> None:
    query = {"include_pii": "true"} | ({} if purpose is None else {"purpose": purpose})
    response = client_for(_supervisor(world), language="en").get(URL, query)
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == "validation_error"
    assert list(body["fields"]) == ["purpose"]
    expected = "At most 200 characters." if purpose and len(purpose) > 200 else "State the purpose"
    assert expected in body["fields"]["purpose"][0]
    assert not AccessLog.objects.exists()


@pytest.mark.django_db
def test_clear_export_records_the_trimmed_purpose(world, client_for) -> None:
    client = client_for(_supervisor(world))
    response = client.get(URL, {"include_pii": "true", "purpose": "  交付名单核对 "})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert "13800138000" in repr(list(load_workbook(io.BytesIO(response.content)).active.values))
    longest = client.get(URL, {"include_pii": "1", "purpose": "用" * 200})
    assert longest.status_code == 200
    logs = list(AccessLog.objects.order_by("id"))
    assert [(log.fields, log.purpose) for log in logs] == [
        (["email", "id_number", "mobiles"], "交付名单核对"),
        (["email", "id_number", "mobiles"], "用" * 200),
    ]


@pytest.mark.django_db
def test_masked_export_needs_no_purpose(world, client_for) -> None:
    response = client_for(_supervisor(world)).get(URL)
    assert response.status_code == 200
    log = AccessLog.objects.get()
    assert (log.fields, log.purpose) == ([], "导出")


@pytest.mark.django_db
def test_without_the_reveal_permission_a_purpose_does_not_help(world, client_for) -> None:
    finance = world.user("finance", role="finance", projects=[world.project_a])
    response = client_for(finance).get(URL, {"include_pii": "true", "purpose": "交付名单"})
    assert response.status_code == 403
    assert not AccessLog.objects.exists()


def test_the_purpose_parameter_is_documented() -> None:
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    parameters = {p["name"]: p for p in schema["paths"][URL]["get"]["parameters"]}
    assert parameters["include_pii"]["schema"] == {"type": "boolean"}
    assert parameters["purpose"]["schema"] == {"type": "string"}
    assert "required when include_pii" in parameters["purpose"]["description"]
