"""PostgreSQL only: trigram indexes so the keyword search (``icontains`` = ``UPPER(col) LIKE UPPER('%…%')``) does not
scan every order. Needs the pg_trgm extension; without the privilege to create it the search still works, only
slower (a warning is printed). SQLite and MariaDB skip this migration's work."""

from django.db import migrations

COLUMNS = ["number", "title", "description", "contact_name"]


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if cursor.fetchone() is None:
            try:
                cursor.execute("SAVEPOINT anju_trgm")
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
                cursor.execute("RELEASE SAVEPOINT anju_trgm")
            except Exception:  # noqa: BLE001 - no privilege: keep the slower search
                cursor.execute("ROLLBACK TO SAVEPOINT anju_trgm")
                print("\n  pg_trgm is not available: work-order keyword search will not use an index.")
                return
        for column in COLUMNS:
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS wo_{column}_trgm ON workorders_workorder "  # noqa: S608
                f'USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
            )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for column in COLUMNS:
            cursor.execute(f"DROP INDEX IF EXISTS wo_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("workorders", "0003_list_indexes")]
    operations = [migrations.RunPython(forwards, backwards)]
