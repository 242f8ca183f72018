"""Signing an owner in by mobile number and a 6-digit code sent by text (issue 17 §1).

Limits (all counted in the database, so every server process sees the same): a code lives 5 minutes, is used once
and dies after 5 wrong tries; a number gets at most 1 code per 60 seconds and 10 per day; an address asks for at
most ``IP_CODES_PER_HOUR`` codes an hour. A number that is no owner's gets the same answer and counts against the
same limits, but no text is sent, so the answer tells nobody who owns a home.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.core import pii
from anju.core.errors import ApplicationError
from anju.core.events import record_event
from anju.core.validators import InvalidValue, normalize_mobile
from anju.customers.models import Customer, UnitOwnership
from anju.notifications.backends import text_backend
from anju.owners.errors import ErrorCode
from anju.owners.events import OwnerEvent
from anju.owners.models import OwnerSession, SignInCode
from anju.owners.selectors import owner_by_mobile_index

CODE_LIFETIME = datetime.timedelta(minutes=5)
CODE_MAX_TRIES = 5
CODE_INTERVAL = datetime.timedelta(seconds=60)
CODES_PER_DAY = 10
IP_CODES_PER_HOUR = 30
SESSION_LIFETIME = datetime.timedelta(days=30)
COOKIE_NAME = "anju_owner"


def _digest(value: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()


def mobile_index(mobile: str) -> str:
    """The customers app's blind index of a mobile number, or a 400 naming ``mobile``."""
    try:
        return pii.blind_index("mobile", normalize_mobile(mobile))
    except InvalidValue as exc:
        raise ApplicationError(ErrorCode.OWNER_BAD_MOBILE, str(exc), fields={"mobile": [str(exc)]}) from exc


def _limited(message: str, retry_after: int) -> ApplicationError:
    return ApplicationError(
        ErrorCode.OWNER_CODE_LIMITED,
        message,
        status_code=429,
        fields={"mobile": [message]},
        extra={"retry_after_seconds": retry_after},
    )


@transaction.atomic
def request_code(*, mobile: str, ip_address: str | None) -> None:
    """Send a code when the number is an owner's; the caller answers the same either way."""
    index = mobile_index(mobile)
    now = timezone.now()
    if (
        ip_address
        and SignInCode.objects.filter(ip_address=ip_address, created_at__gt=now - datetime.timedelta(hours=1)).count()
        >= IP_CODES_PER_HOUR
    ):
        raise _limited(_("Too many codes were asked for from this network. Try again later."), 3600)
    # Lock the number's latest row so two requests at once cannot both pass the 60-second rule.
    recent = list(SignInCode.objects.select_for_update().filter(mobile_index=index).order_by("-created_at")[:1])
    if recent and now - recent[0].created_at < CODE_INTERVAL:
        wait = int((CODE_INTERVAL - (now - recent[0].created_at)).total_seconds()) + 1
        raise _limited(_("Wait %(s)s seconds before asking for another code.") % {"s": wait}, wait)
    start_of_day = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    if SignInCode.objects.filter(mobile_index=index, created_at__gte=start_of_day).count() >= CODES_PER_DAY:
        raise _limited(_("This number has had %(n)s codes today. Try again tomorrow.") % {"n": CODES_PER_DAY}, 3600)
    customer = owner_by_mobile_index(index)
    code = f"{secrets.randbelow(1_000_000):06d}"
    SignInCode.objects.create(
        mobile_index=index,
        customer=customer,
        code_digest=_digest(f"{index}:{code}") if customer else "",
        ip_address=ip_address,
        created_at=now,
        expires_at=now + CODE_LIFETIME,
    )
    if customer is not None:
        body = _("Anju: your sign-in code is %(code)s, valid for 5 minutes. Do not share it with anyone.") % {"code": code}
        number = normalize_mobile(mobile)
        transaction.on_commit(lambda: text_backend().send("sms", number, body))


@dataclass(frozen=True)
class SignedIn:
    session: OwnerSession
    key: str  # the cookie's value, shown once


def _wrong_code() -> ApplicationError:
    message = _("The code is wrong or has expired. Ask for a new one.")
    return ApplicationError(ErrorCode.OWNER_BAD_CODE, message, fields={"code": [message]})


def verify_code(*, mobile: str, code: str, user_agent: str = "") -> SignedIn:
    """Check the newest live code of the number; open a session when it matches (the code is then spent)."""
    index = mobile_index(mobile)
    code = (code or "").strip()
    with transaction.atomic():
        now = timezone.now()
        row = (
            SignInCode.objects.select_for_update()
            .filter(mobile_index=index, used_at__isnull=True, expires_at__gt=now)
            .order_by("-created_at")
            .first()
        )
        if row is None or not row.code_digest or row.attempts >= CODE_MAX_TRIES:
            raise _wrong_code()
        if not (len(code) == 6 and code.isdigit() and hmac.compare_digest(row.code_digest, _digest(f"{index}:{code}"))):
            row.attempts += 1
            row.save(update_fields=["attempts"])
            failed = True
        else:
            failed = False
            row.used_at = now
            row.save(update_fields=["used_at"])
    if failed:  # the counted try is committed before the refusal
        raise _wrong_code()
    customer = Customer.objects.get(pk=row.customer_id or 0)
    return open_session(customer=customer, user_agent=user_agent)


@transaction.atomic
def open_session(*, customer: Customer, user_agent: str = "") -> SignedIn:
    key = secrets.token_urlsafe(32)
    now = timezone.now()
    session = OwnerSession.objects.create(
        customer=customer,
        key_digest=hashlib.sha256(key.encode()).hexdigest(),
        created_at=now,
        expires_at=now + SESSION_LIFETIME,
        last_seen_at=now,
        user_agent=user_agent[:200],
    )
    record_event(target=customer, type=OwnerEvent.SIGNED_IN, data={"session": session.pk})
    return SignedIn(session=session, key=key)


def session_for_key(key: str) -> OwnerSession | None:
    """The live session of a cookie value, or None (unknown, revoked, expired or the person is no owner any more)."""
    if not key or len(key) > 100:
        return None
    now = timezone.now()
    session = (
        OwnerSession.objects.select_related("customer")
        .filter(key_digest=hashlib.sha256(key.encode()).hexdigest(), revoked_at__isnull=True, expires_at__gt=now)
        .first()
    )
    if session is None or session.customer.erased_at is not None:
        return None
    if not UnitOwnership.objects.filter(customer_id=session.customer_id).exists():  # sold, or the ownership ended
        return None
    if now - session.last_seen_at > datetime.timedelta(minutes=5):
        OwnerSession.objects.filter(pk=session.pk).update(last_seen_at=now)
    return session


def sign_out(*, session: OwnerSession) -> None:
    OwnerSession.objects.filter(pk=session.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())


@transaction.atomic
def sign_out_everywhere(*, customer: Customer) -> int:
    count = OwnerSession.objects.filter(customer=customer, revoked_at__isnull=True).update(revoked_at=timezone.now())
    record_event(target=customer, type=OwnerEvent.SIGNED_OUT_EVERYWHERE, data={"sessions": count})
    return count


def forget_owner_account(*, customer: Customer) -> None:
    """Erasure (PIPL Art. 47): the person's sessions (devices) and code requests go, also those made before the number
    was known as theirs (found through the blind index of their numbers; call before the numbers are deleted)."""
    from django.db.models import Q

    from anju.customers.models import CustomerMobile

    indexes = list(CustomerMobile.objects.filter(customer=customer).values_list("blind_index", flat=True))
    OwnerSession.objects.filter(customer=customer).delete()
    SignInCode.objects.filter(Q(customer=customer) | Q(mobile_index__in=indexes)).delete()
