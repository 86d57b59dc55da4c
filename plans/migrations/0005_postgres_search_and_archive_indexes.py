"""PostgreSQL-only indexes for the archive at national scale (SQLite keeps working without them).

* a trigram GIN index on the folded ``search_text``, so ``LIKE '%word%'`` (the
  archive's accent-insensitive search) is an index scan, not a read of every plan;
* a partial index in the archive's default order over published plans, so the
  first pages come straight off the index.
"""

from django.db import migrations

POSTGRES_UP = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS plan_search_trgm_idx ON plans_plan USING gin (search_text gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS plan_archive_order_idx ON plans_plan "
    "(issue_date DESC NULLS LAST, published_at DESC, id DESC) WHERE status = 'published'",
]
POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS plan_archive_order_idx",
    "DROP INDEX IF EXISTS plan_search_trgm_idx",
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("plans", "0004_workflow")]
    operations = [migrations.RunPython(run(POSTGRES_UP), run(POSTGRES_DOWN))]
