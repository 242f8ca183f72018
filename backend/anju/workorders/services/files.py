"""Photos and PDFs on work orders (security target I5).

A file is accepted only when its extension and its first bytes agree (JPEG, PNG or PDF), it is at most
``UPLOAD_MAX_BYTES`` (10 MB) and the order has fewer than ``MAX_FILES_PER_ORDER`` files. Images are opened with
Pillow (a file that only looks like an image is refused) and get a 320 px JPEG thumbnail. Files are stored
outside the static root under random names; they are read back only through a permission-checked view.
"""

from __future__ import annotations

import io
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from anju.core.errors import ApplicationError
from anju.core.events import record_event
from anju.workorders.models import Attachment, WorkOrder

MAX_FILES_PER_ORDER = 20
THUMBNAIL_SIZE = (320, 320)
KINDS = {
    # extension: (content type, magic bytes)
    "jpg": ("image/jpeg", b"\xff\xd8\xff"),
    "jpeg": ("image/jpeg", b"\xff\xd8\xff"),
    "png": ("image/png", b"\x89PNG\r\n\x1a\n"),
    "pdf": ("application/pdf", b"%PDF-"),
}


def _refuse(message: str, code: str = "file.invalid") -> ApplicationError:
    return ApplicationError(code, message, fields={"file": [message]})


def _thumbnail(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as original:
        image = original.convert("RGB")
    image.thumbnail(THUMBNAIL_SIZE)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80)
    return out.getvalue()


def check_upload(upload: Any) -> tuple[str, str, bytes]:
    """(extension, content type, bytes) of an acceptable upload, or a 400 that says why not."""
    name = getattr(upload, "name", "") or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in KINDS:
        raise _refuse(_("Only JPEG, PNG or PDF files can be attached."), "file.type_not_allowed")
    size = getattr(upload, "size", 0) or 0
    if size > settings.UPLOAD_MAX_BYTES:
        raise _refuse(
            _("The file is larger than %(mb)s MB.") % {"mb": settings.UPLOAD_MAX_BYTES // (1024 * 1024)}, "file.too_large"
        )
    data = upload.read()
    if len(data) > settings.UPLOAD_MAX_BYTES:
        raise _refuse(
            _("The file is larger than %(mb)s MB.") % {"mb": settings.UPLOAD_MAX_BYTES // (1024 * 1024)}, "file.too_large"
        )
    content_type, magic = KINDS[extension]
    if not data.startswith(magic):
        raise _refuse(_("The file's content does not match its extension."), "file.content_mismatch")
    if content_type.startswith("image/"):
        try:
            with Image.open(io.BytesIO(data)) as image:
                image.verify()
        except (UnidentifiedImageError, OSError, SyntaxError) as exc:
            raise _refuse(_("The image file is damaged or not an image."), "file.content_mismatch") from exc
    return extension, content_type, data


@transaction.atomic
def attach(*, actor: Any, order: WorkOrder, upload: Any, stage: str) -> Attachment:
    order = WorkOrder.objects.select_for_update().get(pk=order.pk)
    if order.attachments.count() >= MAX_FILES_PER_ORDER:
        raise _refuse(_("An order can have at most %(n)s files.") % {"n": MAX_FILES_PER_ORDER}, "file.too_many")
    extension, content_type, data = check_upload(upload)
    attachment = Attachment(
        work_order=order,
        stage=stage,
        original_name=(getattr(upload, "name", "") or "")[-200:],
        content_type=content_type,
        size=len(data),
        uploaded_by=actor,
    )
    attachment.file.save(f"upload.{extension}", ContentFile(data), save=False)
    if content_type.startswith("image/"):
        attachment.thumbnail.save("thumb.jpg", ContentFile(_thumbnail(data)), save=False)
    attachment.save()
    record_event(
        target=order,
        type="attachment_added",
        actor=actor,
        data={"name": attachment.original_name, "stage": stage, "attachment": attachment.pk},
    )
    return attachment


@transaction.atomic
def remove(*, actor: Any, attachment: Attachment) -> None:
    order = attachment.work_order
    name = attachment.original_name
    files = [attachment.file.name, attachment.thumbnail.name if attachment.thumbnail else ""]
    storage = attachment.file.storage
    attachment.delete()
    transaction.on_commit(lambda: [storage.delete(f) for f in files if f])
    record_event(target=order, type="attachment_removed", actor=actor, data={"name": name})
