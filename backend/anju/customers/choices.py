from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")
    UNKNOWN = "unknown", _("Unknown")


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", _("Resident ID card")
    PASSPORT = "passport", _("Passport")
    HK_MACAU_PERMIT = "hk_macau_permit", _("Mainland travel permit for Hong Kong and Macau residents")
    TAIWAN_PERMIT = "taiwan_permit", _("Mainland travel permit for Taiwan residents")
    FOREIGN_PERMANENT_ID = "foreign_permanent_id", _("Foreign permanent resident ID card")
    OTHER = "other", _("Other")


class CustomerSource(models.TextChoices):
    WALK_IN = "walk_in", _("Walk-in")
    PHONE = "phone", _("Phone call")
    REFERRAL = "referral", _("Referral")
    ONLINE = "online", _("Online")
    AGENT = "agent", _("Agency")
    EVENT = "event", _("Event")
    OTHER = "other", _("Other")


class OwnershipRole(models.TextChoices):
    PRIMARY = "primary", _("Primary owner")
    CO_OWNER = "co_owner", _("Co-owner")


class ContactChannel(models.TextChoices):
    PHONE = "phone", _("Phone")
    WALK_IN = "walk_in", _("Walk-in")
    WECHAT = "wechat", _("WeChat")
    ONLINE = "online", _("Online")
    SMS = "sms", _("SMS")
    VISIT = "visit", _("Home visit")
    OTHER = "other", _("Other")


class ConsultationCategory(models.TextChoices):
    PRICE = "price", _("Price and offers")
    LAYOUT = "layout", _("Layout and units")
    LOAN = "loan", _("Loans and payment")
    PROGRESS = "progress", _("Construction progress")
    HANDOVER = "handover", _("Handover")
    CERTIFICATE = "certificate", _("Property certificate")
    OTHER = "other", _("Other")


class AppointmentStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")
    NO_SHOW = "no_show", _("No-show")
