from django.db import migrations


def seed(apps, schema_editor):
    """Repairs are 工程部's: every category and team without a department gets it (editable afterwards)."""
    Department = apps.get_model("accounts", "Department")
    engineering = Department.objects.filter(code="engineering").first()
    if engineering is None:
        return
    apps.get_model("workorders", "Category").objects.filter(department__isnull=True).update(department=engineering)
    apps.get_model("workorders", "Team").objects.filter(department__isnull=True).update(department=engineering)


class Migration(migrations.Migration):
    dependencies = [("workorders", "0008_category_department_team_department"), ("accounts", "0004_seed_departments")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
