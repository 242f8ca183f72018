"""The clock's due time loses its own index: the board, the overdue filter and the escalation sweep ask for running
clocks (``met_at`` and ``stopped_at`` empty), which ``sla_open_due`` serves in due order — three index pages fewer
to write with each repair create (its three clocks; ADR 0018). ``core.migration_ops``: no SQLite table rebuild."""

from django.db import migrations, models

from anju.core.migration_ops import field_index_off


class Migration(migrations.Migration):
    dependencies = [
        ("sla", "0011_fk_index_in_unique_clock"),
    ]

    operations = [
        field_index_off(
            "sla",
            migrations.AlterField(
                model_name="slaclock",
                name="due_at",
                field=models.DateTimeField(),
            ),
        ),
    ]
