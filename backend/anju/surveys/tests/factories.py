from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from anju.surveys import services
from anju.surveys.models import Campaign, Survey, SurveyTrigger

QUESTIONS = [
    {"key": "overall", "type": "rating", "title": "总体满意度", "required": True, "section": "服务"},
    {"key": "nps", "type": "nps", "title": "您有多大可能向朋友推荐我们？", "required": True},
    {"key": "fixed", "type": "single", "title": "问题解决了吗？", "required": True, "options": ["已解决", "未解决"]},
    {
        "key": "why",
        "type": "multiple",
        "title": "哪些方面需要改进？",
        "required": True,
        "options": ["响应速度", "维修质量", "服务态度"],
        "show_if": {"question": "fixed", "equals": "未解决"},
    },
    {"key": "comment", "type": "text", "title": "其他建议", "required": False},
]


def survey(world: Any, *, published: bool = True) -> Survey:
    made = services.create_survey(actor=world.admin, title="维修回访问卷", questions=QUESTIONS)
    return services.publish_survey(actor=world.admin, survey=made, version=made.version) if published else made


def campaign(world: Any, *, anonymous: bool = False, project: Any = None) -> Campaign:
    return services.create_campaign(
        actor=world.admin,
        survey=survey(world),
        project=project or world.project_a,
        name="2026 年度满意度调查",
        anonymous=anonymous,
        expires_at=timezone.now() + datetime.timedelta(days=14),
    )


def trigger(world: Any, *, kind: str = "order_closed", project: Any = None, **values: Any) -> SurveyTrigger:
    """An automatic survey of project A (after a repair order closes unless told), sending the next day."""
    if kind == "yearly":
        values = {"month": 1, "day": 15, **values}
    asked = values.pop("survey", None) or survey(world)
    return services.create_trigger(actor=world.admin, project=project or world.project_a, kind=kind, survey=asked, **values)
