from django.db import models
from django.utils.translation import gettext_lazy as _


class OrderType(models.TextChoices):
    REPAIR = "repair", _("Repair")
    COMPLAINT = "complaint", _("Complaint")
    CONSULTATION = "consultation", _("Consultation")
    SUGGESTION = "suggestion", _("Suggestion")
    PRAISE = "praise", _("Praise")


# Number prefixes: 报修 BX, 投诉 TS, 咨询 ZX, 建议 JY, 表扬 BY.
NUMBER_PREFIX = {
    OrderType.REPAIR: "BX",
    OrderType.COMPLAINT: "TS",
    OrderType.CONSULTATION: "ZX",
    OrderType.SUGGESTION: "JY",
    OrderType.PRAISE: "BY",
}


class Status(models.TextChoices):
    PENDING_DISPATCH = "pending_dispatch", _("Pending dispatch")
    DISPATCHED = "dispatched", _("Dispatched")
    ACCEPTED = "accepted", _("Accepted")
    IN_PROGRESS = "in_progress", _("In progress")
    ON_HOLD = "on_hold", _("On hold")
    COMPLETED = "completed", _("Completed")
    PENDING_VISIT = "pending_visit", _("Pending return visit")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_STATUSES = (Status.DISPATCHED, Status.ACCEPTED, Status.IN_PROGRESS, Status.ON_HOLD)


class Channel(models.TextChoices):
    PHONE = "phone", _("Phone")
    WALK_IN = "walk_in", _("Walk-in")
    OWNER_PORTAL = "owner_portal", _("Owner portal")
    WECHAT = "wechat", _("WeChat")
    EMAIL = "email", _("E-mail")
    HANDOVER_INSPECTION = "handover_inspection", _("Handover inspection")


class Priority(models.TextChoices):
    URGENT = "urgent", _("Urgent")
    HIGH = "high", _("High")
    NORMAL = "normal", _("Normal")
    LOW = "low", _("Low")


PRIORITY_RANK = {Priority.URGENT: 0, Priority.HIGH: 1, Priority.NORMAL: 2, Priority.LOW: 3}


class SkillLevel(models.TextChoices):
    JUNIOR = "junior", _("Junior")
    INTERMEDIATE = "intermediate", _("Intermediate")
    SENIOR = "senior", _("Senior")


LEVEL_RANK = {SkillLevel.JUNIOR: 1, SkillLevel.INTERMEDIATE: 2, SkillLevel.SENIOR: 3}


class TechnicianStatus(models.TextChoices):
    ON_DUTY = "on_duty", _("On duty")
    ON_LEAVE = "on_leave", _("On leave")
    INACTIVE = "inactive", _("Inactive")


class FollowUpMethod(models.TextChoices):
    PHONE = "phone", _("Phone")
    VISIT = "visit", _("Home visit")
    WECHAT = "wechat", _("WeChat")
    SMS = "sms", _("SMS")
    ONSITE = "onsite", _("On site")
    OTHER = "other", _("Other")


class AttachmentStage(models.TextChoices):
    REPORT = "report", _("Reported")
    COMPLETION = "completion", _("After repair")
    SIGNATURE = "signature", _("Owner signature")


class CostKind(models.TextChoices):
    LABOUR = "labour", _("Labour")
    MATERIAL = "material", _("Material")


class ResponsibleParty(models.TextChoices):
    DEVELOPER = "developer", _("Developer")
    CONTRACTOR = "contractor", _("Contractor")
    OWNER = "owner", _("Owner (paid repair, out of warranty)")


class CallMode(models.TextChoices):
    DIRECT = "direct", _("Dial the owner's number")
    PRIVACY_NUMBER = "privacy_number", _("Privacy number that forwards")
