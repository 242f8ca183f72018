"""Permission-matrix rows of the owner API: anonymous 401, any staff credential refused, another owner 404 and the
owner 2xx (``OWNER`` rows, see ``tests/test_permission_matrix.py``); the two sign-in steps are public."""

from __future__ import annotations

import datetime
import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from conftest import World
from tests.matrix import OWNER, PUBLIC, Op


def _category() -> Any:
    from anju.workorders.models import Category

    parent = Category.objects.get_or_create(code="plumbing", defaults={"name": "水电", "warranty_item": "electrical_plumbing"})[0]
    return Category.objects.get_or_create(code="water_supply", defaults={"name": "给水管道", "parent": parent})[0]


def _order(w: World, *, finished: bool = False) -> Any:
    from anju.owners import feedback

    order = feedback.report(owner=w.customer_a, unit=w.unit_a, type="repair", category=_category(), description="漏水")
    if finished:
        from anju.visits.services import schedule
        from anju.workorders.models import WorkOrder

        WorkOrder.objects.filter(pk=order.pk).update(status="completed")
        order.refresh_from_db()
        schedule(order)
    return order


def _png() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (20, 20), (200, 20, 20)).save(out, format="PNG")
    return SimpleUploadedFile("leak.png", out.getvalue(), content_type="image/png")


def _photo(w: World) -> dict[str, Any]:
    from anju.owners import feedback

    order = _order(w)
    photo = feedback.add_photo(owner=w.customer_a, order=order, upload=_png())
    return {"id": order.pk, "photo": photo.pk}


def _code(w: World) -> dict[str, Any]:
    from anju.core import pii
    from anju.owners.models import SignInCode
    from anju.owners.signin import _digest

    index = pii.blind_index("mobile", "13800138000")
    now = timezone.now()
    SignInCode.objects.create(
        mobile_index=index,
        customer=w.customer_a,
        code_digest=_digest(f"{index}:246810"),
        created_at=now,
        expires_at=now + datetime.timedelta(minutes=5),
    )
    return {"body": {"mobile": "13800138000", "code": "246810"}}


def _sent_notice(w: World) -> dict[str, Any]:
    from anju.customers.services.contacts import add_ownership
    from anju.handover.models import HandoverNotice
    from anju.handover.tests import factories

    notice = factories.notice(w)
    HandoverNotice.objects.filter(pk=notice.pk).update(status="sent", sent_on=timezone.localdate())
    add_ownership(actor=w.admin, customer=w.customer_a, unit=notice.unit, role="primary")
    body = {"day": notice.batch.starts_on.isoformat(), "window": notice.batch.windows[0]}
    return {"id": notice.unit_id, "body": body}


OPS: list[Op] = [
    Op("POST", "/api/v1/owner/auth/code/", PUBLIC, ok=202, prepare=lambda w: {"body": {"mobile": "13800138000"}}),
    Op("POST", "/api/v1/owner/auth/verify/", PUBLIC, prepare=_code),
    Op("GET", "/api/v1/owner/auth/me/", OWNER),
    Op("POST", "/api/v1/owner/auth/logout/", OWNER, ok=204),
    Op("POST", "/api/v1/owner/auth/logout-all/", OWNER, ok=204),
    Op("GET", "/api/v1/owner/homes/", OWNER),
    Op("GET", "/api/v1/owner/homes/{id}/", OWNER, prepare=lambda w: {"id": w.unit_a.pk}, scoped=True),
    Op("POST", "/api/v1/owner/homes/{id}/handover-slot/", OWNER, ok=201, prepare=_sent_notice, scoped=True),
    Op("GET", "/api/v1/owner/categories/", OWNER, prepare=lambda w: {"category": _category().pk}),
    Op("GET", "/api/v1/owner/orders/", OWNER),
    Op(
        "POST",
        "/api/v1/owner/orders/",
        OWNER,
        ok=201,
        prepare=lambda w: {"body": {"unit": w.unit_a.pk, "type": "repair", "category": _category().pk, "description": "漏水"}},
        fk_into_a=True,
    ),
    Op("GET", "/api/v1/owner/orders/{id}/", OWNER, prepare=lambda w: {"id": _order(w).pk}, scoped=True),
    Op(
        "POST",
        "/api/v1/owner/orders/{id}/photos/",
        OWNER,
        ok=201,
        prepare=lambda w: {"id": _order(w).pk, "body": {"file": _png()}},
        scoped=True,
        multipart=True,
    ),
    Op("GET", "/api/v1/owner/orders/{id}/photos/{photo_id}/", OWNER, prepare=_photo, scoped=True),
    Op(
        "POST",
        "/api/v1/owner/orders/{id}/rate/",
        OWNER,
        prepare=lambda w: {"id": _order(w, finished=True).pk, "body": {"stars": 5, "resolved": True}},
        scoped=True,
    ),
]
