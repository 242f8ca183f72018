"""Foreign keys whose own one-column index repeats the beginning of a longer one lose it (``core.migration_ops``):
fewer index pages written with each repair create (ADR 0018).
"""

import django.db.models.deletion
from django.db import migrations, models

from anju.core.migration_ops import fk_index_off


class Migration(migrations.Migration):
    dependencies = [
        ("sla", "0010_calendar_years_2026_2027"),
        ("workorders", "0016_order_tally"),
    ]

    operations = [
        fk_index_off(
            "sla",
            migrations.AlterField(
                model_name="slaclock",
                name="work_order",
                field=models.ForeignKey(
                    db_index=False,
                    on_delete=django.db.models.deletion.CASCADE,
                    related_name="sla_clocks",
                    to="workorders.workorder",
                ),
            ),
        ),
    ]
