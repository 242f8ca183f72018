from django.db import migrations

DEPARTMENTS = [("service", "客服部"), ("engineering", "工程部"), ("property", "物业"), ("sales", "营销"), ("design", "设计")]


def seed(apps, schema_editor):
    Department = apps.get_model("accounts", "Department")
    for code, name in DEPARTMENTS:
        Department.objects.get_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_department")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
