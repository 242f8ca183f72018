"""Permission-matrix rows of member activities (staff) and of the owner's sign-up (``OWNER`` rows); the workflow's
actions are derived from its table with ``WORKFLOW_CASES``."""

from __future__ import annotations

import datetime
import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from conftest import World
from tests.matrix import OWNER, Op, WorkflowCase


def _activity(w: World) -> Any:
    from anju.activities.tests import factories

    return factories.activity(w)


def _create(w: World) -> dict[str, Any]:
    start = timezone.now() + datetime.timedelta(days=5)
    body = {
        "project": w.project_a.id,
        "title": "中秋游园",
        "place": "中心花园",
        "starts_at": start.isoformat(),
        "ends_at": (start + datetime.timedelta(hours=3)).isoformat(),
        "capacity": 50,
    }
    return {"body": body}


def _registration(w: World) -> dict[str, Any]:
    from anju.activities import services

    activity = _activity(w)
    return {"id": services.sign_up(customer=w.customer_a, activity_id=activity.pk).pk}


def _signed_up(w: World) -> dict[str, Any]:
    from anju.activities import services

    activity = _activity(w)
    services.sign_up(customer=w.customer_a, activity_id=activity.pk)
    return {"id": activity.pk}


def _wf_activity(w: World, state: str, action: str) -> Any:
    from anju.activities.models import Activity

    made = _activity(w)
    Activity.objects.filter(pk=made.pk).update(status=state)
    made.refresh_from_db()
    return made


# the workflow's actions (cancel): their rows are derived from the table
WORKFLOW_CASES = {
    "activity": WorkflowCase("/api/v1/activities/{id}/", _wf_activity, lambda w, action, obj: {"reason": "场地维修"})
}


def png(name: str = "poster.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (12, 16), (200, 60, 40)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def _edit(w: World) -> dict[str, Any]:
    activity = _activity(w)
    return {"id": activity.pk, "body": {"version": activity.version, "place": "会所三楼"}}


def _poster(w: World) -> dict[str, Any]:
    return {"id": _activity(w).pk, "body": {"file": png()}}


def _with_poster(w: World) -> dict[str, Any]:
    from anju.activities import services

    activity = _activity(w)
    services.set_poster(actor=w.admin, activity=activity, upload=png())
    return {"id": activity.pk}


OPS: list[Op] = [
    Op("GET", "/api/v1/activities/", "activities.view_activity"),
    Op("POST", "/api/v1/activities/", "activities.add_activity", ok=201, prepare=_create, fk_into_a=True),
    Op("GET", "/api/v1/activities/{id}/", "activities.view_activity", prepare=lambda w: {"id": _activity(w).pk}, scoped=True),
    Op("PATCH", "/api/v1/activities/{id}/", "activities.change_activity", prepare=_edit, scoped=True),
    Op("POST", "/api/v1/activities/{id}/poster/", "activities.change_activity", prepare=_poster, scoped=True, multipart=True),
    Op("GET", "/api/v1/activities/{id}/poster/", "activities.view_activity", prepare=_with_poster, scoped=True),
    Op("GET", "/api/v1/activities/report/", "activities.view_activity"),
    Op("GET", "/api/v1/activities/report/export/", "activities.view_activity"),
    Op(
        "GET",
        "/api/v1/activities/{id}/registrations/",
        "activities.view_activity",
        prepare=lambda w: {"id": _activity(w).pk},
        scoped=True,
    ),
    Op(
        "POST",
        "/api/v1/activity-registrations/{id}/check-in/",
        "activities.check_in_registration",
        prepare=_registration,
        scoped=True,
    ),
    Op("GET", "/api/v1/owner/activities/", OWNER),
    Op("POST", "/api/v1/owner/activities/{id}/sign-up/", OWNER, ok=201, prepare=lambda w: {"id": _activity(w).pk}, scoped=True),
    Op("POST", "/api/v1/owner/activities/{id}/cancel/", OWNER, prepare=_signed_up, scoped=True),
    Op("GET", "/api/v1/owner/activities/{id}/poster/", OWNER, prepare=_with_poster, scoped=True),
]
