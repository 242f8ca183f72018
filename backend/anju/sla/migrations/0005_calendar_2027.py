"""Seed next year's (2027) statutory holidays, so that SLA clocks do not run through the Spring Festival.

What the law fixes (《全国年节及纪念日放假办法》, as amended 2024, in force 2025-01-01): 元旦 1 day, 春节 4 days
(除夕 and 初一–初三), 清明节 1, 劳动节 2 (5-1, 5-2), 端午节 1, 中秋节 1, 国庆节 3 (10-1–10-3); lunar dates for 2027:
除夕 2-5, 清明 4-5, 端午 6-9, 中秋 9-15. A holiday falling on a Saturday or Sunday is made up on a working day
(第六条): here the next working days after the holiday, marked （预计） — the State Council's notice decides the
real days and any 调休 make-up Saturdays; enter them in SLA 时效设置 → 工作日历 when it is published.
Existing rows (edited by a user) are never overwritten.
"""

import datetime

from django.db import migrations

D = datetime.date
REST_2027 = [
    (D(2027, 1, 1), "元旦"),
    (D(2027, 2, 5), "春节（除夕）"),
    (D(2027, 2, 6), "春节"),
    (D(2027, 2, 7), "春节"),
    (D(2027, 2, 8), "春节"),
    (D(2027, 2, 9), "春节补假（预计）"),
    (D(2027, 2, 10), "春节补假（预计）"),
    (D(2027, 4, 5), "清明节"),
    (D(2027, 5, 1), "劳动节"),
    (D(2027, 5, 2), "劳动节"),
    (D(2027, 5, 3), "劳动节补假（预计）"),
    (D(2027, 5, 4), "劳动节补假（预计）"),
    (D(2027, 6, 9), "端午节"),
    (D(2027, 9, 15), "中秋节"),
    (D(2027, 10, 1), "国庆节"),
    (D(2027, 10, 2), "国庆节"),
    (D(2027, 10, 3), "国庆节"),
    (D(2027, 10, 4), "国庆节补假（预计）"),
    (D(2027, 10, 5), "国庆节补假（预计）"),
]


def seed(apps, schema_editor):
    CalendarDay = apps.get_model("sla", "CalendarDay")
    for day, name in REST_2027:
        CalendarDay.objects.get_or_create(date=day, defaults={"kind": "rest", "name": name})


class Migration(migrations.Migration):
    dependencies = [("sla", "0004_default_ladders")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
