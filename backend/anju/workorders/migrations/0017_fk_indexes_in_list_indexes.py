"""Foreign keys whose own one-column index repeats the beginning of a longer one lose it (``core.migration_ops``):
fewer index pages written with each repair create (ADR 0018).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from anju.core.migration_ops import fk_index_off


class Migration(migrations.Migration):
    dependencies = [
        ("customers", "0006_customer_email"),
        ("properties", "0001_initial"),
        ("workorders", "0016_order_tally"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        fk_index_off(
            "workorders",
            migrations.AlterField(
                model_name="workorder",
                name="assignee",
                field=models.ForeignKey(
                    blank=True,
                    db_index=False,
                    null=True,
                    on_delete=django.db.models.deletion.PROTECT,
                    related_name="+",
                    to=settings.AUTH_USER_MODEL,
                ),
            ),
        ),
        fk_index_off(
            "workorders",
            migrations.AlterField(
                model_name="workorder",
                name="customer",
                field=models.ForeignKey(
                    blank=True,
                    db_index=False,
                    null=True,
                    on_delete=django.db.models.deletion.PROTECT,
                    related_name="work_orders",
                    to="customers.customer",
                ),
            ),
        ),
        fk_index_off(
            "workorders",
            migrations.AlterField(
                model_name="workorder",
                name="project",
                field=models.ForeignKey(
                    db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="properties.project"
                ),
            ),
        ),
        fk_index_off(
            "workorders",
            migrations.AlterField(
                model_name="workorder",
                name="unit",
                field=models.ForeignKey(
                    blank=True,
                    db_index=False,
                    null=True,
                    on_delete=django.db.models.deletion.PROTECT,
                    related_name="work_orders",
                    to="properties.unit",
                ),
            ),
        ),
    ]
