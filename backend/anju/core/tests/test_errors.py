"""One error shape everywhere, in the request's language, with nothing leaked (I2, I3)."""

import pytest
from django.urls import path

from anju.core.errors import ApplicationError


@pytest.mark.django_db
def test_unknown_api_path_is_json_404(anon) -> None:
    response = anon.get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    body = response.json()
    assert set(body) == {"code", "message", "fields", "request_id"}
    assert body["code"] == "not_found"
    assert body["request_id"] == response["X-Request-ID"]


@pytest.mark.django_db
def test_messages_are_chinese_by_default_and_english_on_request(anon) -> None:
    zh = anon.get("/api/v1/auth/me/").json()
    en = anon.get("/api/v1/auth/me/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert zh["code"] == en["code"] == "auth.not_authenticated"
    assert zh["message"] == "请先登录。"
    assert en["message"] == "Please log in first."


@pytest.mark.django_db
def test_method_not_allowed_is_json(world, client_for) -> None:
    response = client_for(world.admin).put("/api/v1/auth/me/", {}, format="json")
    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"


@pytest.mark.django_db
def test_an_unmapped_verb_on_a_workflow_viewset_is_405(world, client_for) -> None:
    """The settlement workflow has an action named ``post``: it must not answer every POST on the viewset."""
    response = client_for(world.admin).post("/api/v1/area-settlements/measured-areas-template/")
    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"


def test_no_workflow_action_becomes_an_http_verb_handler() -> None:
    from django.urls import get_resolver

    from anju.core import workflow_api

    get_resolver().url_patterns  # noqa: B018 - imports every viewset
    verbs = {"get", "post", "put", "patch", "delete", "head", "options", "trace"}
    for cls in workflow_api._VIEWSETS.values():
        for verb in verbs:
            assert verb not in vars(cls), f"{cls.__name__}.{verb} would handle every unmapped {verb.upper()}"


@pytest.mark.django_db
def test_malformed_json_is_400_and_wrong_content_type_is_415(world, client_for) -> None:
    client = client_for(world.admin)
    bad = client.post("/api/v1/tags/", data="{not json", content_type="application/json")
    assert bad.status_code == 400
    assert bad.json()["code"] == "parse_error"
    wrong = client.post("/api/v1/tags/", data="name=x", content_type="application/x-www-form-urlencoded")
    assert wrong.status_code == 415
    assert wrong.json()["code"] == "unsupported_media_type"


def _boom(request):
    raise RuntimeError("secret path /etc/passwd and SELECT * FROM secrets")


def _refuse(request):
    from rest_framework.decorators import api_view, permission_classes
    from rest_framework.permissions import AllowAny

    @api_view(["GET"])
    @permission_classes([AllowAny])
    def view(req):
        raise ApplicationError("demo.refused", "refused", fields={"x": ["bad"]})

    return view(request)


urlpatterns = [path("api/v1/boom/", _boom), path("api/v1/refuse/", _refuse)]


@pytest.mark.django_db
@pytest.mark.urls("anju.core.tests.test_errors")
def test_unhandled_exception_is_json_500_without_details(anon, caplog) -> None:
    anon.raise_request_exception = False
    response = anon.get("/api/v1/boom/")
    assert response.status_code == 500
    body = response.json()
    assert body["code"] == "server_error"
    text = response.content.decode()
    assert "passwd" not in text and "SELECT" not in text and "Traceback" not in text
    assert any(body["request_id"] in getattr(r, "request_id", "") for r in caplog.records)


@pytest.mark.django_db
@pytest.mark.urls("anju.core.tests.test_errors")
def test_application_error_shape(anon) -> None:
    response = anon.get("/api/v1/refuse/")
    assert response.status_code == 400
    assert response.json()["fields"] == {"x": ["bad"]}


@pytest.mark.django_db
def test_health_needs_no_login(anon) -> None:
    response = anon.get("/api/v1/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
def test_schema_and_docs_are_served(world, client_for) -> None:
    # Logged in: with DEBUG off they need a login (anju/accounts/tests/test_hardening.py).
    client = client_for(world.admin)
    assert client.get("/api/v1/schema/?format=json").status_code == 200
    assert client.get("/api/v1/docs/").status_code == 200
