"""Migration operations Anju's own migrations share."""

from __future__ import annotations

from typing import Any

from django.db import migrations
from django.db.models import Index


def field_index_off(app_label: str, alter: migrations.AlterField) -> migrations.SeparateDatabaseAndState:
    """A field's own one-column index dropped (``db_index=False``) where another index of the model already serves
    every query on the column — for a foreign key, an index that begins with the same column; for the SLA clock's
    due time, the running clocks' index that ends with it — one index page fewer to write with every row.

    Not an ``AlterField``: on SQLite that rebuilds the table, and a rebuilt table loses the triggers Anju keeps on it
    (the keyword index, the order tally). Only the index Django made for the field (its own name) is dropped: on
    MySQL/MariaDB a foreign key usually has none (InnoDB keeps one named after the constraint, or uses the longer
    index). ``alter``: the ``AlterField`` to ``db_index=False`` that ``makemigrations`` wrote, kept for the migration
    state."""

    def _field(apps: Any) -> tuple[Any, Any]:
        model = apps.get_model(app_label, alter.model_name)
        return model, model._meta.get_field(alter.name)

    def forwards(apps: Any, schema_editor: Any) -> None:
        model, field = _field(apps)
        own = schema_editor._create_index_name(model._meta.db_table, [field.column])
        declared = {index.name for index in model._meta.indexes}
        if own in schema_editor._constraint_names(model, [field.column], index=True, type_=Index.suffix, exclude=declared):
            schema_editor.execute(schema_editor._delete_index_sql(model, own))

    def backwards(apps: Any, schema_editor: Any) -> None:
        model, field = _field(apps)
        if schema_editor._field_should_be_indexed(model, field.clone()):  # as Django would have made it (not on InnoDB)
            schema_editor.execute(schema_editor._create_index_sql(model, fields=[field]))

    return migrations.SeparateDatabaseAndState(
        database_operations=[migrations.RunPython(forwards, backwards)],
        state_operations=[alter],
    )


fk_index_off = field_index_off  # the name the migrations of 2026-12-06 import
