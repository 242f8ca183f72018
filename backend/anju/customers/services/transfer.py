"""Excel import and export of customers (all-or-nothing import; every export is access-logged)."""

from __future__ import annotations

import re
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anju.core import pii
from anju.core.access_log import log_access
from anju.core.errors import ApplicationError, CoreErrorCode
from anju.core.excel import Column, ImportErrors, build_workbook, open_workbook, read_sheet
from anju.core.models import AccessAction
from anju.core.params import invalid_param
from anju.core.validators import strip_invisible
from anju.customers.choices import CustomerSource, Gender, IdType
from anju.customers.models import Customer, Tag
from anju.customers.selectors import reads_tags
from anju.customers.services.customers import (
    create_customer,
    decrypt_email,
    decrypt_id_number,
    decrypt_mobiles,
    ensure_no_duplicate,
    protect,
)
from anju.properties.models import Project
from anju.properties.scope import can_see_project, visible_project_ids

COLUMNS = [
    Column("name", gettext_lazy("Name"), required=True, width=12),
    Column("gender", gettext_lazy("Gender"), width=8),
    Column("mobiles", gettext_lazy("Mobile"), required=True, width=26),
    Column("email", gettext_lazy("E-mail"), width=26),
    Column("id_type", gettext_lazy("ID type"), width=14),
    Column("id_number", gettext_lazy("ID number"), width=22),
    Column("address", gettext_lazy("Address"), width=30),
    Column("source", gettext_lazy("Source"), width=10),
    Column("tags", gettext_lazy("Tags"), width=20),
    Column("projects", gettext_lazy("Project codes"), required=True, width=14),
    Column("notes", gettext_lazy("Notes"), width=30),
    Column("marketing_consent", gettext_lazy("Marketing consent"), width=10),
]
EXPORT_COLUMNS = [Column("code", gettext_lazy("Customer code"), width=12), *COLUMNS]
_SPLIT = re.compile(r"[,，;；、\s]+")
_YES = {"是", "y", "yes", "true", "1", "同意"}
_NO = {"否", "n", "no", "false", "0", "不同意", ""}


def _choice(value: Any, choices: Any, default: str) -> str:
    if value is None:
        return default
    text = str(value).strip().lower()
    for choice in choices:
        names = {choice.value.lower()}
        for language in ("zh-hans", "en"):
            with translation.override(language):
                names.add(str(choice.label).lower())
        if text in names:
            return str(choice.value)
    raise ValueError(text)


def _label(key: str) -> str:
    return next(str(c.label) for c in EXPORT_COLUMNS if c.key == key)


def import_customers(*, actor: Any, upload: Any) -> dict[str, int]:
    workbook = open_workbook(upload)
    rows = read_sheet(workbook, COLUMNS)
    if not rows:
        message = _("The sheet has no data rows.")
        raise ApplicationError(CoreErrorCode.IMPORT_EMPTY_FILE, message, fields={"file": [message]})
    errors = ImportErrors()
    projects = {p.code: p for p in Project.objects.all()}
    tags = {t.name: t for t in Tag.objects.all()}
    seen_indexes: dict[str, int] = {}
    prepared: list[dict[str, Any]] = []
    for line, row in rows:
        values: dict[str, Any] = {}
        name = str(row.get("name") or "").strip()
        if not name or len(name) > 50:
            errors.add(line, _label("name"), _("Required, at most 50 characters."))
        values["name"] = name
        for key, choices, default in (
            ("gender", Gender, Gender.UNKNOWN),
            ("id_type", IdType, IdType.RESIDENT_ID),
            ("source", CustomerSource, CustomerSource.OTHER),
        ):
            try:
                values[key] = _choice(row.get(key), choices, str(default))
            except ValueError:
                errors.add(line, _label(key), _("Unknown value."))
                values[key] = str(default)
        mobiles = [m for m in _SPLIT.split(str(row.get("mobiles") or "")) if m]
        try:
            data = protect(
                mobiles=mobiles,
                id_type=values["id_type"],
                id_number=str(row.get("id_number") or ""),
                email=str(row.get("email") or ""),
            )
        except ApplicationError as exc:
            for field_name, messages in exc.fields.items():
                for message in messages:
                    errors.add(line, _label(field_name), message)
            data = None
        if data is not None:
            try:
                ensure_no_duplicate(data, actor=actor)
            except ApplicationError as exc:
                errors.add(line, _label("mobiles" if "mobile" in exc.code else "id_number"), exc.message)
            for index in [*data.mobile_indexes, *([data.id_number_index] if data.id_number_index else [])]:
                if index in seen_indexes:
                    errors.add(
                        line, _label("mobiles"), _("Same mobile or ID number as line %(line)s.") % {"line": seen_indexes[index]}
                    )
                seen_indexes.setdefault(index, line)
            values["mobiles"] = data.mobiles
            values["id_number"] = data.id_number
            values["email"] = data.email
        address = str(row.get("address") or "").strip()
        if len(address) > 200:
            errors.add(line, _label("address"), _("At most 200 characters."))
        values["address"] = address
        notes = str(row.get("notes") or "").strip()
        if len(notes) > 2000:
            errors.add(line, _label("notes"), _("At most 2000 characters."))
        values["notes"] = notes
        tag_objs = []
        for tag_name in (t for t in _SPLIT.split(str(row.get("tags") or "")) if t):
            if tag_name not in tags:
                errors.add(line, _label("tags"), _("Unknown tag: %(name)s") % {"name": tag_name})
            else:
                tag_objs.append(tags[tag_name])
        values["tags"] = tag_objs
        project_objs = []
        codes = [c for c in _SPLIT.split(str(row.get("projects") or "")) if c]
        if not codes:
            errors.add(line, _label("projects"), _("Required."))
        for code in codes:
            project = projects.get(code)
            if project is None or not can_see_project(actor, project.pk):
                errors.add(line, _label("projects"), _("Unknown project or outside your data scope: %(code)s") % {"code": code})
            else:
                project_objs.append(project)
        values["projects"] = project_objs
        consent = str(row.get("marketing_consent") or "").strip().lower()
        if consent not in _YES | _NO:
            errors.add(line, _label("marketing_consent"), _("Enter 是 or 否."))
        values["marketing_consent"] = consent in _YES
        prepared.append(values)

    errors.raise_if_errors()
    with transaction.atomic():
        for values in prepared:
            create_customer(actor=actor, **values)
    return {"created": len(prepared)}


def template_workbook() -> bytes:
    example = [
        [
            "张三",
            "男",
            "13800138000",
            "zhangsan@example.com",
            "居民身份证",
            "11010519491231002X",
            "北京市海淀区",
            "来访",
            "",
            "P001",
            "",
            "否",
        ]
    ]
    return build_workbook([(str(gettext_lazy("Customers")), COLUMNS, example)])


def export_customers(
    *, actor: Any, customers: QuerySet[Customer], include_pii: bool, purpose: str, ip_address: str | None = None
) -> bytes:
    """Masked unless the user may reveal and asked for clear data; always one access-log row.

    Clear data needs a ``purpose`` (trimmed, at most 200 characters): the access-log row records why it was taken.
    """
    visible = visible_project_ids(actor)  # a shared customer lists only the caller's projects
    if include_pii and not actor.has_perm("customers.reveal_customer_pii"):
        raise ApplicationError(CoreErrorCode.AUTH_PERMISSION_DENIED, _("You do not have permission to do this."), status_code=403)
    purpose = strip_invisible(purpose or "")
    if include_pii and not purpose:
        raise invalid_param("purpose", _("State the purpose of exporting full personal data."))
    if len(purpose) > 200:
        raise invalid_param("purpose", _("At most 200 characters."))
    rows = []
    with_tags = reads_tags(actor)  # the list's rule: no tags, no tag names in the column
    for c in customers:
        mobiles = decrypt_mobiles(c)
        id_number = decrypt_id_number(c)
        email = decrypt_email(c)
        if not include_pii:
            mobiles = [pii.mask_mobile(m) for m in mobiles]
            id_number = pii.mask_id_number(id_number) if id_number else ""
            email = pii.mask_email(email)
        rows.append(
            [
                c.code,
                c.name,
                str(Gender(c.gender).label),
                "; ".join(mobiles),
                email,
                str(IdType(c.id_type).label),
                id_number,
                c.address,
                str(CustomerSource(c.source).label),
                ", ".join(t.name for t in c.tags.all()) if with_tags else "",
                ", ".join(p.code for p in c.projects.all() if visible is None or p.id in visible),
                c.notes,
                _("Yes") if c.marketing_consent else _("No"),
            ]
        )
    log_access(
        actor=actor,
        action=AccessAction.EXPORT,
        model=Customer,
        fields=["mobiles", "id_number", "email"] if include_pii else [],
        purpose=purpose or _("Export"),
        record_count=len(rows),
        ip_address=ip_address,
    )
    return build_workbook([(str(gettext_lazy("Customers")), EXPORT_COLUMNS, rows)])
