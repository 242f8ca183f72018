"""Photos and PDFs on work orders (security target I5).

A file is accepted only when its extension and its first bytes agree (JPEG, PNG or PDF), it is at most
``UPLOAD_MAX_BYTES`` (10 MB) and the order has fewer than ``MAX_FILES_PER_ORDER`` files. Images are opened with
Pillow (a file that only looks like an image is refused) and get a 320 px JPEG thumbnail. An image whose header
claims more than ``UPLOAD_MAX_IMAGE_PIXELS`` pixels (40 megapixels) is refused before anything is decoded: a 12 KB
PNG can claim 10000x10000 pixels, and decoding it would take hundreds of MB. Files are stored outside the static
root under random names; they are read back only through a permission-checked view.
"""

from __future__ import annotations

import io
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from anju.core.errors import ApplicationError, CoreErrorCode
from anju.core.events import record_event
from anju.workorders.errors import ErrorCode
from anju.workorders.events import WorkOrderEvent
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
PIL_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG"}  # the only decoders Pillow may try


def _refuse(message: str, code: StrEnum = ErrorCode.FILE_INVALID) -> ApplicationError:
    return ApplicationError(code, message, fields={"file": [message]})


def _open(data: bytes, content_type: str) -> Image.Image:
    """The image in ``data``, header read and size checked, pixels not decoded yet."""
    try:
        image = Image.open(io.BytesIO(data), formats=[PIL_FORMATS[content_type]])
    except Image.DecompressionBombError as exc:  # more than twice Pillow's own limit
        raise _too_many_pixels() from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise _refuse(_("The image file is damaged or not an image."), ErrorCode.FILE_CONTENT_MISMATCH) from exc
    if image.width * image.height > settings.UPLOAD_MAX_IMAGE_PIXELS:
        image.close()
        raise _too_many_pixels()
    return image


def _too_many_pixels() -> ApplicationError:
    return _refuse(
        _("The image is larger than %(mp)s megapixels.") % {"mp": f"{settings.UPLOAD_MAX_IMAGE_PIXELS / 1_000_000:g}"},
        CoreErrorCode.FILE_TOO_MANY_PIXELS,
    )


def _thumbnail(data: bytes, content_type: str) -> bytes:
    with _open(data, content_type) as original:
        original.draft("RGB", THUMBNAIL_SIZE)  # a JPEG decodes at 1/2 … 1/8 scale: less memory
        try:
            image = original.convert("RGB")
        except (OSError, SyntaxError, ValueError) as exc:  # verify() passed but the pixel data does not decode
            raise _refuse(_("The image file is damaged or not an image."), ErrorCode.FILE_CONTENT_MISMATCH) from exc
    image.thumbnail(THUMBNAIL_SIZE)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80)
    return out.getvalue()


def check_upload(upload: Any) -> tuple[str, str, bytes]:
    """(extension, content type, bytes) of an acceptable upload, or a 400 that says why not."""
    name = getattr(upload, "name", "") or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in KINDS:
        raise _refuse(_("Only JPEG, PNG or PDF files can be attached."), ErrorCode.FILE_TYPE_NOT_ALLOWED)
    size = getattr(upload, "size", 0) or 0
    if size > settings.UPLOAD_MAX_BYTES:
        raise _refuse(
            _("The file is larger than %(mb)s MB.") % {"mb": settings.UPLOAD_MAX_BYTES // (1024 * 1024)}, ErrorCode.FILE_TOO_LARGE
        )
    data = upload.read()
    if len(data) > settings.UPLOAD_MAX_BYTES:
        raise _refuse(
            _("The file is larger than %(mb)s MB.") % {"mb": settings.UPLOAD_MAX_BYTES // (1024 * 1024)}, ErrorCode.FILE_TOO_LARGE
        )
    content_type, magic = KINDS[extension]
    if not data.startswith(magic):
        raise _refuse(_("The file's content does not match its extension."), ErrorCode.FILE_CONTENT_MISMATCH)
    if content_type.startswith("image/"):
        with _open(data, content_type) as image:
            try:
                image.verify()
            except (OSError, SyntaxError, ValueError) as exc:
                raise _refuse(_("The image file is damaged or not an image."), ErrorCode.FILE_CONTENT_MISMATCH) from exc
    return extension, content_type, data


@transaction.atomic
def attach(*, actor: Any, order: WorkOrder, upload: Any, stage: str) -> Attachment:
    order = WorkOrder.objects.select_for_update().get(pk=order.pk)
    if order.attachments.count() >= MAX_FILES_PER_ORDER:
        raise _refuse(_("An order can have at most %(n)s files.") % {"n": MAX_FILES_PER_ORDER}, ErrorCode.FILE_TOO_MANY)
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
        attachment.thumbnail.save("thumb.jpg", ContentFile(_thumbnail(data, content_type)), save=False)
    attachment.save()
    record_event(
        target=order,
        type=WorkOrderEvent.ATTACHMENT_ADDED,
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
    record_event(target=order, type=WorkOrderEvent.ATTACHMENT_REMOVED, actor=actor, data={"name": name})
