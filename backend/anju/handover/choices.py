"""入伙 (handover) vocabularies: batch states, the preparation team and its tasks, notices, slots, inspections and the
inspection checklist template (rooms by items)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class BatchStatus(models.TextChoices):
    PREPARING = "preparing", _("Preparing")  # 筹备中
    LIST_APPROVED = "list_approved", _("Handover list approved")  # 名单已批准
    NOTIFYING = "notifying", _("Sending notices")  # 通知中
    HANDING_OVER = "handing_over", _("Handing over")  # 办理中
    COMPLETED = "completed", _("Completed")  # 已完成


class MemberRole(models.TextChoices):
    LEADER = "leader", _("Team leader")  # 组长
    SERVICE = "service", _("Customer service")  # 客服
    ENGINEERING = "engineering", _("Engineering")  # 工程
    SALES = "sales", _("Sales")  # 营销
    PROPERTY = "property", _("Property management")  # 物业
    FINANCE = "finance", _("Finance")  # 财务


class TaskCode(models.TextChoices):
    """The preparation tasks of a batch (入伙准备工作), generated from this template one month before handover."""

    QUALITY_GUARANTEE = "quality_guarantee", _("住宅质量保证书 content confirmed")
    USER_MANUAL = "user_manual", _("住宅使用说明书 content confirmed")
    COMPLETION_FILING = "completion_filing", _("Completion acceptance filed (竣工验收备案)")
    AREA_SURVEY = "area_survey", _("Area measurement report (面积实测报告)")
    HANDOVER_LIST = "handover_list", _("Handover list (入伙名单) approved by the sales manager")
    SITE_SETUP = "site_setup", _("Handover site set up")


# Task → the member role that owns it by default and how many days before the first handover day it is due.
TASK_TEMPLATE: tuple[tuple[str, str, int], ...] = (
    (TaskCode.QUALITY_GUARANTEE, MemberRole.ENGINEERING, 30),
    (TaskCode.USER_MANUAL, MemberRole.ENGINEERING, 30),
    (TaskCode.COMPLETION_FILING, MemberRole.ENGINEERING, 25),
    (TaskCode.AREA_SURVEY, MemberRole.ENGINEERING, 25),
    (TaskCode.HANDOVER_LIST, MemberRole.SALES, 20),
    (TaskCode.SITE_SETUP, MemberRole.SERVICE, 2),
)


class NoticeStatus(models.TextChoices):
    DRAFT = "draft", _("Not sent")
    SENT = "sent", _("Sent")


class NoticeChannel(models.TextChoices):
    POST = "post", _("Post")  # 邮寄 (with a tracking number)
    SMS = "sms", _("Text message")
    IN_PERSON = "in_person", _("Handed in person")


class SlotStatus(models.TextChoices):
    BOOKED = "booked", _("Booked")
    CHECKED_IN = "checked_in", _("Checked in")
    INSPECTING = "inspecting", _("In inspection")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


ACTIVE_SLOT = frozenset({SlotStatus.BOOKED, SlotStatus.CHECKED_IN, SlotStatus.INSPECTING, SlotStatus.DONE})


class InspectionStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("Inspecting")
    ACCEPTED = "accepted", _("Accepted by the owner")
    DEFERRED = "deferred", _("Deferred by the owner")


class DefectState(models.TextChoices):
    OPEN = "open", _("Open")
    FIXED = "fixed", _("Fixed")
    CANCELLED = "cancelled", _("Cancelled")


# The inspection checklist template (验房清单): rooms × items; a batch keeps its own editable copy.
DEFAULT_CHECKLIST: list[dict[str, object]] = [
    {"room": "客厅", "items": ["墙面", "地面", "顶棚", "门窗", "水电", "开关插座"]},
    {"room": "卧室", "items": ["墙面", "地面", "顶棚", "门窗", "开关插座"]},
    {"room": "厨房", "items": ["墙面", "地面", "门窗", "给排水", "燃气", "开关插座"]},
    {"room": "卫生间", "items": ["墙面", "地面", "门窗", "给排水", "防水", "洁具"]},
    {"room": "阳台", "items": ["墙面", "地面", "栏杆", "门窗", "排水"]},
]
