"""2026 is the State Council's arrangement (its rows, seeded in 0002, are 国办发明电〔2025〕7号): mark it official.
2027 becomes computed by the rules (``core.national_calendar``) — its estimated rows from 0005 go, but only when
nobody has touched them:

- every one of the 19 rows 0005 seeded is still there with the kind and name it was given (a user who deletes and
  re-adds a day leaves a row that no longer matches, or a missing one), and
- each of them equals the computed day on its date (same date, a rest day, the name without （预计）).

Then the seeded rows are deleted and any other 2027 row a user entered stays, winning on its date. Otherwise 2027 is
marked official with its rows left exactly as they are: the calendar keeps meaning what it meant before (until now
the rows were the whole calendar), and an administrator can switch the year to computed on the calendar screen.
Years after 2027 have no rows and are computed. Going back restores the deleted rows.
"""

import datetime

from django.db import migrations

from anju.core.national_calendar import statutory_days

NOTICE_2026 = "国办发明电〔2025〕7号"
ESTIMATE = "（预计）"
D = datetime.date
SEEDED_2027 = [  # as 0005 wrote them
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


def _untouched_and_computed(CalendarDay) -> bool:
    rows = {row.date: row for row in CalendarDay.objects.filter(date__in=[day for day, _ in SEEDED_2027])}
    computed = {day.date: day for day in statutory_days(2027)}
    for day, name in SEEDED_2027:
        row, rule = rows.get(day), computed.get(day)
        if row is None or row.kind != "rest" or row.name != name:
            return False
        if rule is None or rule.kind != "rest" or rule.name != name.replace(ESTIMATE, ""):
            return False
    return True


def forward(apps, schema_editor):
    CalendarDay = apps.get_model("sla", "CalendarDay")
    CalendarYear = apps.get_model("sla", "CalendarYear")
    if CalendarDay.objects.filter(date__year=2026, kind="rest").exists():
        CalendarYear.objects.update_or_create(year=2026, defaults={"official": True, "note": NOTICE_2026})
    if _untouched_and_computed(CalendarDay):
        CalendarDay.objects.filter(date__in=[day for day, _ in SEEDED_2027]).delete()
        CalendarYear.objects.update_or_create(year=2027, defaults={"official": False, "note": ""})
    elif CalendarDay.objects.filter(date__year=2027).exists():
        note = "迁移时保留了已修改的 2027 年日历（原为预计安排）"
        CalendarYear.objects.update_or_create(year=2027, defaults={"official": True, "note": note})


def backward(apps, schema_editor):
    CalendarDay = apps.get_model("sla", "CalendarDay")
    CalendarYear = apps.get_model("sla", "CalendarYear")
    if not CalendarYear.objects.filter(year=2027, official=True).exists():
        for day, name in SEEDED_2027:
            CalendarDay.objects.get_or_create(date=day, defaults={"kind": "rest", "name": name})
    CalendarYear.objects.filter(year__in=[2026, 2027]).delete()


class Migration(migrations.Migration):
    dependencies = [("sla", "0009_calendar_year")]
    operations = [migrations.RunPython(forward, backward)]
