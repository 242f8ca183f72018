"""SQLite only: an FTS5 table (trigram tokenizer) over the orders' number, title, description and contact name,
kept in step by triggers, for the keyword search (``anju.workorders.search``). PostgreSQL keeps its trigram indexes
(0004); MariaDB skips this migration's work."""

from django.db import migrations


def forwards(apps, schema_editor):
    from anju.workorders.search import ensure_fts

    ensure_fts(schema_editor.connection)


def backwards(apps, schema_editor):
    from anju.workorders.search import drop_fts

    drop_fts(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("workorders", "0010_call_mode")]
    operations = [migrations.RunPython(forwards, backwards)]
