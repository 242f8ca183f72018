"""Customer records: create, edit, reveal, tags. Personal data is encrypted here and nowhere else."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import IntegrityError, transaction
from django.db.models import F, ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.core import pii
from anju.core.access_log import log_access
from anju.core.errors import ApplicationError, ConflictError, CoreErrorCode
from anju.core.events import CommonEvent, diff_changes, record_event
from anju.core.models import AccessAction
from anju.core.numbering import next_number
from anju.core.records import apply_changes, ensure_version
from anju.core.validators import InvalidValue, normalize_id_number, normalize_mobile
from anju.customers.choices import IdType
from anju.customers.errors import ErrorCode
from anju.customers.events import CustomerEvent
from anju.customers.models import Customer, CustomerMobile, CustomerProject, Tag
from anju.customers.selectors import list_customers
from anju.properties.models import Project
from anju.properties.scope import can_see_project

MAX_MOBILES = 5
MAX_EMAIL_LENGTH = 254


@dataclass(frozen=True)
class ProtectedData:
    """Normalised personal data with its blind indexes, ready to store."""

    mobiles: list[str]
    mobile_indexes: list[str]
    id_number: str
    id_number_index: str | None
    email: str = ""


def clean_email(raw: str | None) -> tuple[str, list[str]]:
    """The e-mail address trimmed, its domain in lower case (empty: none), with the errors that refuse it."""
    value = (raw or "").strip()
    if not value:
        return "", []
    name, _at, domain = value.rpartition("@")
    value = f"{name}@{domain.lower()}" if name else value
    message = _("Enter a valid e-mail address, such as name@example.com.")
    if len(value) > MAX_EMAIL_LENGTH:
        return value, [message]
    try:
        EmailValidator(message=message)(value)
    except ValidationError:
        return value, [message]
    return value, []


def protect(*, mobiles: Sequence[str], id_type: str, id_number: str, email: str = "") -> ProtectedData:
    """Validate and normalise mobiles, the ID number and the e-mail address; raises a 400 with field errors."""
    errors: dict[str, list[str]] = {}
    email, email_errors = clean_email(email)
    if email_errors:
        errors["email"] = email_errors
    normalized: list[str] = []
    for position, raw in enumerate(mobiles):
        try:
            value = normalize_mobile(raw)
        except InvalidValue as exc:
            errors.setdefault("mobiles", []).append(f"{position + 1}: {exc}")
            continue
        if value not in normalized:
            normalized.append(value)
    if not normalized and "mobiles" not in errors:
        errors["mobiles"] = [_("Enter at least one mobile number.")]
    if len(normalized) > MAX_MOBILES:
        errors["mobiles"] = [_("At most %(count)s mobile numbers.") % {"count": MAX_MOBILES}]
    number = (id_number or "").strip()
    if number:
        if id_type == IdType.RESIDENT_ID:
            try:
                number = normalize_id_number(number)
            except InvalidValue as exc:
                errors["id_number"] = [str(exc)]
        else:
            number = number.upper().replace(" ", "")
            if len(number) > 30 or not number.isalnum():
                errors["id_number"] = [_("Enter letters and digits only, at most 30.")]
    if errors:
        raise ApplicationError(CoreErrorCode.VALIDATION_ERROR, _("Some fields are invalid."), fields=errors)
    return ProtectedData(
        mobiles=normalized,
        mobile_indexes=[pii.blind_index("mobile", m) for m in normalized],
        id_number=number,
        id_number_index=pii.blind_index("id_number", number) if number else None,
        email=email,
    )


def ensure_no_duplicate(data: ProtectedData, *, actor: Any, exclude_customer_id: int | None = None) -> None:
    """The same mobile or ID number twice in the company is refused.

    A match the actor may see is named (its customer code) so that they open it instead; a match known only in
    projects outside the actor's scope is not: the refusal says the number is registered elsewhere and that a
    客服主管 can link that customer to the actor's project (``link_customer``), and tells nothing of who it is.
    """
    mobiles = CustomerMobile.objects.filter(blind_index__in=data.mobile_indexes)
    if exclude_customer_id is not None:
        mobiles = mobiles.exclude(customer_id=exclude_customer_id)
    match = mobiles.values_list("customer_id", flat=True).first()
    field, code, elsewhere = "mobiles", ErrorCode.CUSTOMER_DUPLICATE_MOBILE, ErrorCode.CUSTOMER_DUPLICATE_MOBILE_ELSEWHERE
    if match is None and data.id_number_index:
        customers = Customer.objects.filter(id_number_index=data.id_number_index)
        if exclude_customer_id is not None:
            customers = customers.exclude(pk=exclude_customer_id)
        match = customers.values_list("pk", flat=True).first()
        field, code, elsewhere = (
            "id_number",
            ErrorCode.CUSTOMER_DUPLICATE_ID_NUMBER,
            ErrorCode.CUSTOMER_DUPLICATE_ID_NUMBER_ELSEWHERE,
        )
    if match is None:
        return
    if not list_customers(actor=actor).filter(pk=match).exists():
        if field == "mobiles":
            message = _(
                "This mobile number is already registered in a project outside your data scope. "
                "A customer-service supervisor can link that customer to your project."
            )
        else:
            message = _(
                "This ID number is already registered in a project outside your data scope. "
                "A customer-service supervisor can link that customer to your project."
            )
        raise ApplicationError(elsewhere, message, fields={field: [message]})
    existing_code = Customer.objects.values_list("code", flat=True).get(pk=match)
    if field == "mobiles":
        message = _("This mobile number already belongs to customer %(code)s.") % {"code": existing_code}
    else:
        message = _("This ID number already belongs to customer %(code)s.") % {"code": existing_code}
    raise ApplicationError(code, message, fields={field: [message]}, extra={"existing_customer_code": existing_code})


def _ensure_projects_in_scope(actor: Any, projects: Iterable[Project]) -> list[Project]:
    projects = list(projects)
    if not projects:
        raise ApplicationError(
            CoreErrorCode.VALIDATION_ERROR,
            _("Some fields are invalid."),
            fields={"projects": [_("Choose at least one project.")]},
        )
    for project in projects:
        if not can_see_project(actor, project.pk):
            raise ApplicationError(
                CoreErrorCode.SCOPE_PROJECT_OUTSIDE_SCOPE,
                _("This project is outside your data scope."),
                fields={"projects": [_("This project is outside your data scope.")]},
            )
    return projects


def ensure_sales_consultant(consultant: Any, *, code: StrEnum = ErrorCode.CUSTOMER_INVALID_CONSULTANT) -> None:
    """The responsible or booked consultant must be an active 置业顾问."""
    if consultant is None:
        return
    if not consultant.is_active or not consultant.groups.filter(name="sales_consultant").exists():
        message = _("Choose an active sales consultant.")
        raise ApplicationError(code, message, fields={"consultant": [message]})


def _write_mobiles(customer: Customer, data: ProtectedData) -> None:
    CustomerMobile.objects.filter(customer=customer).delete()
    CustomerMobile.objects.bulk_create(
        CustomerMobile(customer=customer, ciphertext=pii.encrypt(m), blind_index=i, position=p)
        for p, (m, i) in enumerate(zip(data.mobiles, data.mobile_indexes, strict=True))
    )


def _raise_duplicate_race(exc: IntegrityError) -> None:
    message = _("This mobile or ID number was just registered for another customer.")
    raise ApplicationError(ErrorCode.CUSTOMER_DUPLICATE, message, fields={"mobiles": [message]}, status_code=409) from exc


def decrypt_mobiles(customer: Customer) -> list[str]:
    return [pii.decrypt(m.ciphertext) for m in customer.mobiles.all()]


def decrypt_id_number(customer: Customer) -> str:
    return pii.decrypt(customer.id_number_ciphertext) if customer.id_number_ciphertext else ""


def decrypt_email(customer: Customer) -> str:
    return pii.decrypt(customer.email_ciphertext) if customer.email_ciphertext else ""


PERSONAL_FIELDS = ("id_number", "mobiles", "email")


def _clear_personal_data(customer: Customer) -> tuple[str, list[str], str]:
    return decrypt_id_number(customer), decrypt_mobiles(customer), decrypt_email(customer)


def masked_snapshot(customer: Customer) -> dict[str, Any]:
    """The customer's editable fields as history sees them: personal data masked."""
    return {
        "name": customer.name,
        "gender": customer.gender,
        "id_type": customer.id_type,
        "id_number": pii.mask_id_number(decrypt_id_number(customer)),
        "mobiles": [pii.mask_mobile(m) for m in decrypt_mobiles(customer)],
        "email": pii.mask_email(decrypt_email(customer)),
        "address": customer.address,
        "source": customer.source,
        "notes": customer.notes,
        "marketing_consent": customer.marketing_consent,
        "consultant": str(customer.consultant) if customer.consultant_id else None,
        "projects": sorted(p.code for p in customer.projects.all()),
        "tags": sorted(t.name for t in customer.tags.all()),
    }


@transaction.atomic
def create_customer(
    *,
    actor: Any,
    name: str,
    mobiles: Sequence[str],
    projects: Iterable[Project],
    gender: str = "unknown",
    id_type: str = IdType.RESIDENT_ID,
    id_number: str = "",
    email: str = "",
    address: str = "",
    source: str = "other",
    tags: Iterable[Tag] = (),
    notes: str = "",
    marketing_consent: bool = False,
    consultant: Any = None,
    record: bool = True,
) -> Customer:
    project_list = _ensure_projects_in_scope(actor, projects)
    ensure_sales_consultant(consultant)
    data = protect(mobiles=mobiles, id_type=id_type, id_number=id_number, email=email)
    ensure_no_duplicate(data, actor=actor)
    now = timezone.now()
    customer = Customer(
        code=next_number(scope="customer", prefix="KH", width=6),
        name=name,
        gender=gender,
        id_type=id_type,
        id_number_ciphertext=pii.encrypt(data.id_number) if data.id_number else "",
        id_number_index=data.id_number_index,
        email_ciphertext=pii.encrypt(data.email) if data.email else "",
        address=address,
        source=source,
        notes=notes,
        marketing_consent=marketing_consent,
        marketing_consent_at=now if marketing_consent else None,
        consultant=consultant,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        created_at=now,
        updated_at=now,
    )
    try:
        with transaction.atomic():
            customer.save()
            _write_mobiles(customer, data)
    except IntegrityError as exc:
        _raise_duplicate_race(exc)
    CustomerProject.objects.bulk_create(CustomerProject(customer=customer, project=p) for p in project_list)
    customer.tags.set(list(tags))
    if record:
        record_event(target=customer, type=CommonEvent.CREATED, actor=actor, changes=diff_changes({}, masked_snapshot(customer)))
    return customer


@transaction.atomic
def update_customer(*, actor: Any, customer: Customer, version: int, **values: Any) -> Customer:
    customer = Customer.objects.select_for_update().get(pk=customer.pk)
    ensure_version(customer, version)
    if customer.erased_at is not None:
        raise ConflictError(ErrorCode.CUSTOMER_ERASED, _("This person's data has been erased."))
    before = masked_snapshot(customer)
    before_clear = _clear_personal_data(customer)
    if "consultant" in values:
        ensure_sales_consultant(values["consultant"])
    mobiles = values.pop("mobiles", None)
    id_number = values.pop("id_number", None)
    email = values.pop("email", None)
    projects = values.pop("projects", None)
    tags = values.pop("tags", None)
    if "id_type" in values or mobiles is not None or id_number is not None or email is not None:
        data = protect(
            mobiles=mobiles if mobiles is not None else decrypt_mobiles(customer),
            id_type=values.get("id_type", customer.id_type),
            id_number=id_number if id_number is not None else decrypt_id_number(customer),
            email=email if email is not None else decrypt_email(customer),
        )
        if email is not None and data.email != decrypt_email(customer):
            customer.email_ciphertext = pii.encrypt(data.email) if data.email else ""
        ensure_no_duplicate(data, actor=actor, exclude_customer_id=customer.pk)
        if id_number is not None or "id_type" in values:
            customer.id_number_ciphertext = pii.encrypt(data.id_number) if data.id_number else ""
            customer.id_number_index = data.id_number_index
        if mobiles is not None:
            try:
                with transaction.atomic():
                    _write_mobiles(customer, data)
            except IntegrityError as exc:
                _raise_duplicate_race(exc)
    if "marketing_consent" in values and values["marketing_consent"] != customer.marketing_consent:
        customer.marketing_consent_at = timezone.now() if values["marketing_consent"] else None
    apply_changes(customer, values)
    if projects is not None:
        visible_kept = [p for p in customer.projects.all() if not can_see_project(actor, p.pk)]
        new_projects = _ensure_projects_in_scope(actor, projects)
        customer.projects.set([*visible_kept, *new_projects])
    if tags is not None:
        customer.tags.set(list(tags))
    try:
        with transaction.atomic():
            customer.save()
    except IntegrityError as exc:
        _raise_duplicate_race(exc)
    customer = Customer.objects.get(pk=customer.pk)
    after = masked_snapshot(customer)
    changes = diff_changes(before, after)
    # A new number or address that masks like the old one (139****1111 → 139****1111) is still a change: recorded
    # (masked) and versioned, so nobody redirects a customer's calls or links without a trace.
    for field, old_value, new_value in zip(PERSONAL_FIELDS, before_clear, _clear_personal_data(customer), strict=True):
        if old_value != new_value and field not in changes:
            changes[field] = [before[field], after[field]]
    if changes:
        customer.version += 1
        customer.updated_at = timezone.now()
        customer.save(update_fields=["version", "updated_at"])
        record_event(target=customer, type=CommonEvent.UPDATED, actor=actor, changes=changes)
    return customer


REVEALABLE_FIELDS = ("mobiles", "id_number", "email")


@transaction.atomic
def reveal_customer_pii(
    *, actor: Any, customer: Customer, purpose: str, fields: Sequence[str] = REVEALABLE_FIELDS, ip_address: str | None = None
) -> dict[str, Any]:
    """Return the clear values and write exactly one access-log row (target P3)."""
    wanted = [f for f in REVEALABLE_FIELDS if f in fields] or list(REVEALABLE_FIELDS)
    result: dict[str, Any] = {}
    if "mobiles" in wanted:
        result["mobiles"] = decrypt_mobiles(customer)
    if "id_number" in wanted:
        result["id_number"] = decrypt_id_number(customer)
    if "email" in wanted:
        result["email"] = decrypt_email(customer)
    log_access(
        actor=actor,
        action=AccessAction.REVEAL,
        model=customer,
        object_id=customer.pk,
        fields=wanted,
        purpose=purpose,
        ip_address=ip_address,
    )
    # the purpose stays in the access log: a customer's timeline is seen from every project they belong to
    record_event(target=customer, type=CustomerEvent.PII_REVEALED, actor=actor, data={"fields": wanted})
    return result


# --- Tags ------------------------------------------------------------------------------------


def _save_tag(tag: Tag) -> Tag:
    try:
        with transaction.atomic():
            tag.save()
    except IntegrityError as exc:
        message = _("A tag with this name exists.")
        raise ApplicationError(ErrorCode.TAG_DUPLICATE, message, fields={"name": [message]}) from exc
    return tag


def create_tag(*, actor: Any, name: str, color: str = "#409EFF", description: str = "") -> Tag:
    return _save_tag(Tag(name=name, color=color, description=description))


def update_tag(*, actor: Any, tag: Tag, **values: Any) -> Tag:
    apply_changes(tag, values)
    return _save_tag(tag)


def delete_tag(*, actor: Any, tag: Tag) -> None:
    try:
        with transaction.atomic():
            tag.delete()
    except ProtectedError as exc:  # a care plan calls this group
        raise ConflictError(
            ErrorCode.TAG_IN_USE, _("A care-visit plan calls this customer group: change or stop the plan first.")
        ) from exc


@transaction.atomic
def tag_customers(*, actor: Any, customer_ids: Sequence[int], add: Sequence[Tag] = (), remove: Sequence[Tag] = ()) -> int:
    """Batch tagging: add and remove tags on many customers at once; one event per changed customer.

    Every id must be a customer in the actor's scope, otherwise nothing changes.
    """
    from anju.customers.selectors import list_customers

    customers = list(list_customers(actor=actor).filter(pk__in=customer_ids))
    if len(customers) != len(set(customer_ids)):
        message = _("Some customers do not exist or are outside your data scope.")
        raise ApplicationError(CoreErrorCode.VALIDATION_ERROR, message, fields={"customers": [message]})
    changed: list[int] = []
    for customer in customers:
        before = sorted(t.name for t in customer.tags.all())
        if add:
            customer.tags.add(*add)
        if remove:
            customer.tags.remove(*remove)
        after = sorted(customer.tags.values_list("name", flat=True))
        if before != after:
            changed.append(customer.pk)
            record_event(target=customer, type=CustomerEvent.TAGGED, actor=actor, changes={"tags": [before, after]})
    # a new version for each changed customer: an edit form opened before the batch is a 409, not a silent undo
    Customer.objects.filter(pk__in=changed).update(version=F("version") + 1, updated_at=timezone.now())
    return len(changed)


__all__ = [
    "create_customer",
    "create_tag",
    "decrypt_email",
    "decrypt_id_number",
    "decrypt_mobiles",
    "delete_tag",
    "masked_snapshot",
    "protect",
    "reveal_customer_pii",
    "tag_customers",
    "update_customer",
    "update_tag",
]


@transaction.atomic
def link_customer_to_project(
    *, actor: Any, project: Project, reason: str, mobile: str = "", id_number: str = "", ip_address: str | None = None
) -> Customer:
    """A 客服主管 adds a customer known in other projects to one of theirs, found by a full mobile or ID number.

    The only way a customer outside the actor's scope becomes visible to them: audited by an access-log row (the
    purpose is the reason) and a ``customer.linked_to_project`` event on the customer's timeline.
    """
    if not can_see_project(actor, project.pk):
        raise ApplicationError(
            CoreErrorCode.SCOPE_PROJECT_OUTSIDE_SCOPE,
            _("This project is outside your data scope."),
            fields={"project": [_("This project is outside your data scope.")]},
        )
    found: dict[str, int | None] = {}
    if mobile:
        try:
            index = pii.blind_index("mobile", normalize_mobile(mobile))
        except InvalidValue as exc:
            raise ApplicationError(
                CoreErrorCode.VALIDATION_ERROR, _("Some fields are invalid."), fields={"mobile": [str(exc)]}
            ) from exc
        found["mobile"] = CustomerMobile.objects.filter(blind_index=index).values_list("customer_id", flat=True).first()
    if id_number:
        try:
            number = normalize_id_number(id_number)
        except InvalidValue:
            number = id_number.strip().upper().replace(" ", "")  # a passport or permit number: as stored
        index = pii.blind_index("id_number", number)
        found["id_number"] = Customer.objects.filter(id_number_index=index).values_list("pk", flat=True).first()
    for field, match in found.items():
        if match is None:
            message = _("No customer has this number.")
            raise ApplicationError(ErrorCode.CUSTOMER_NOT_FOUND_BY_NUMBER, message, fields={field: [message]})
    if len(set(found.values())) > 1:
        message = _("The mobile and the ID number belong to different customers.")
        raise ApplicationError(ErrorCode.CUSTOMER_NUMBERS_DISAGREE, message, fields={"id_number": [message]})
    customer_id = next(iter(found.values()))
    assert customer_id is not None
    customer = Customer.objects.select_for_update().get(pk=customer_id)
    if customer.erased_at is not None:
        raise ConflictError(ErrorCode.CUSTOMER_ERASED, _("This person's data has been erased."))
    _created = CustomerProject.objects.get_or_create(customer=customer, project=project)[1]
    if _created:
        customer.version += 1
        customer.updated_at = timezone.now()
        customer.save(update_fields=["version", "updated_at"])
    log_access(
        actor=actor,
        action=AccessAction.REVEAL,
        model=customer,
        object_id=customer.pk,
        fields=["link"],
        purpose=reason,
        ip_address=ip_address,
    )
    # the reason stays in the access log; the event names no project (the customer's timeline is seen from all)
    record_event(target=customer, type=CustomerEvent.LINKED_TO_PROJECT, actor=actor, data={"already_linked": not _created})
    return customer
