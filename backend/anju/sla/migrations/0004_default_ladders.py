"""Give every existing SLA policy the default escalation ladder (80 % → assignee, breach → supervisors,
breach + 4 working hours → management)."""

from django.db import migrations

LADDER = [(80, None, "assignee"), (100, None, "service_supervisor"), (None, 240, "management")]


def seed(apps, schema_editor):
    SlaPolicy = apps.get_model("sla", "SlaPolicy")
    EscalationStep = apps.get_model("sla", "EscalationStep")
    for policy in SlaPolicy.objects.all():
        if not EscalationStep.objects.filter(policy=policy).exists():
            for percent, minutes, who in LADDER:
                EscalationStep.objects.create(policy=policy, at_percent=percent, after_breach_minutes=minutes, notify=who)


class Migration(migrations.Migration):
    dependencies = [("sla", "0003_escalation")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
