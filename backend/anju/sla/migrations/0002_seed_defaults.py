"""Seed practice SLA targets (not law; see docs/rules.md §SLA) and the 2026 statutory holiday calendar.

2026 holidays per the State Council notice (国办发明电〔2025〕7号): 元旦 1-1…1-3 (1-4 Sunday worked); 春节 2-15…2-23
(2-14 and 2-28 Saturdays worked); 清明 4-4…4-6; 劳动节 5-1…5-5 (5-9 Saturday worked); 端午 6-19…6-21;
中秋 9-25…9-27; 国庆 10-1…10-7 (9-20 Sunday and 10-10 Saturday worked). Next year's days are added through the
calendar screen or API once the notice is published.
"""

import datetime

from django.db import migrations

H = 60
DAY8 = 8 * H  # one working day of 8 hours

# type: {priority: (respond, onsite, resolve, 24x7)} — minutes of business time unless 24×7.
POLICIES = {
    "repair": {
        "urgent": (15, 2 * H, 24 * H, True),
        "high": (H, DAY8, 6 * DAY8, False),
        "normal": (2 * H, 2 * DAY8, 9 * DAY8, False),  # 72 working hours
        "low": (4 * H, None, 15 * DAY8, False),
    },
    "complaint": {p: (2 * H, None, 7 * DAY8, False) for p in ("urgent", "high", "normal", "low")},
    "consultation": {p: (2 * H, None, DAY8, False) for p in ("urgent", "high", "normal", "low")},
    "suggestion": {p: (DAY8, None, 10 * DAY8, False) for p in ("urgent", "high", "normal", "low")},
    "praise": {p: (DAY8, None, 5 * DAY8, False) for p in ("urgent", "high", "normal", "low")},
}

REST = {
    "元旦": [(1, 1), (1, 2), (1, 3)],
    "春节": [(2, d) for d in range(15, 24)],
    "清明节": [(4, 4), (4, 5), (4, 6)],
    "劳动节": [(5, d) for d in range(1, 6)],
    "端午节": [(6, 19), (6, 20), (6, 21)],
    "中秋节": [(9, 25), (9, 26), (9, 27)],
    "国庆节": [(10, d) for d in range(1, 8)],
}
MAKE_UP = {"元旦调休": [(1, 4)], "春节调休": [(2, 14), (2, 28)], "劳动节调休": [(5, 9)], "国庆节调休": [(9, 20), (10, 10)]}


def seed(apps, schema_editor):
    SlaPolicy = apps.get_model("sla", "SlaPolicy")
    CalendarDay = apps.get_model("sla", "CalendarDay")
    WorkingHours = apps.get_model("sla", "WorkingHours")
    for order_type, by_priority in POLICIES.items():
        for priority, (respond, onsite, resolve, always) in by_priority.items():
            SlaPolicy.objects.get_or_create(
                order_type=order_type,
                priority=priority,
                project=None,
                defaults={
                    "respond_minutes": respond,
                    "onsite_minutes": onsite,
                    "resolve_minutes": resolve,
                    "around_the_clock": always,
                    "is_practice": True,
                },
            )
    for kind, table in (("rest", REST), ("make_up", MAKE_UP)):
        for name, days in table.items():
            for month, day in days:
                CalendarDay.objects.get_or_create(date=datetime.date(2026, month, day), defaults={"kind": kind, "name": name})
    if not WorkingHours.objects.exists():
        WorkingHours.objects.create()


class Migration(migrations.Migration):
    dependencies = [("sla", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
