"""Foreign keys whose own one-column index repeats the beginning of a longer one lose it (``core.migration_ops``):
fewer index pages written with each repair create (ADR 0018). The stored answer's encoder is Python's
alone: no change to the column.
"""

import anju.core.models
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from anju.core.migration_ops import fk_index_off


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0005_event_type_grammar"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        fk_index_off(
            "core",
            migrations.AlterField(
                model_name="event",
                name="target_type",
                field=models.ForeignKey(
                    db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="contenttypes.contenttype"
                ),
            ),
        ),
        fk_index_off(
            "core",
            migrations.AlterField(
                model_name="eventlink",
                name="content_type",
                field=models.ForeignKey(
                    db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="contenttypes.contenttype"
                ),
            ),
        ),
        fk_index_off(
            "core",
            migrations.AlterField(
                model_name="eventlink",
                name="event",
                field=models.ForeignKey(
                    db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name="links", to="core.event"
                ),
            ),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="idempotencyrecord",
                    name="response_body",
                    field=models.JSONField(encoder=anju.core.models.AnswerEncoder),
                ),
            ]
        ),
        fk_index_off(
            "core",
            migrations.AlterField(
                model_name="idempotencyrecord",
                name="user",
                field=models.ForeignKey(
                    db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name="+", to=settings.AUTH_USER_MODEL
                ),
            ),
        ),
    ]
