"""Fill the work orders' new ``sla_due_at`` (the soonest due time of their running clocks)."""

from django.db import migrations
from django.db.models import Min


def backfill(apps, schema_editor):
    SlaClock = apps.get_model("sla", "SlaClock")
    WorkOrder = apps.get_model("workorders", "WorkOrder")
    running = SlaClock.objects.filter(met_at__isnull=True, stopped_at__isnull=True, paused_since__isnull=True)
    for row in running.values("work_order_id").annotate(due=Min("due_at")).iterator():
        WorkOrder.objects.filter(pk=row["work_order_id"]).update(sla_due_at=row["due"])


class Migration(migrations.Migration):
    dependencies = [("sla", "0005_calendar_2027"), ("workorders", "0007_sla_due_at")]
    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
