from django.db import migrations

DEFAULTS = {
    "quality": "engineering",
    "service": "service",
    "delivery": "service",
    "property_management": "property",
    "sales_promise": "sales",
    "other": "service",
}


def seed(apps, schema_editor):
    Department = apps.get_model("accounts", "Department")
    Mapping = apps.get_model("complaints", "ComplaintCategoryDepartment")
    for category, code in DEFAULTS.items():
        department = Department.objects.filter(code=code).first()
        if department is not None:
            Mapping.objects.get_or_create(category=category, defaults={"department": department})


class Migration(migrations.Migration):
    dependencies = [("complaints", "0002_complaintcategorydepartment"), ("accounts", "0004_seed_departments")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
