"""PostgreSQL: search by words, and the archive's order index able to answer filters on its own.

* ``search_words``, a stored generated column with the words of the folded
  ``search_text``, and a GIN index on it, replace the trigram index. PostgreSQL keeps
  statistics on the words, so the planner knows that "cai cach" matches nearly every
  plan (walk the order index, stop after a page) and that a commune's name matches a
  handful (read them off the index). With the trigram index it guessed 27 rows for
  95,000 matches and sorted them all (1.7 s); with the words computed per row instead
  of stored, checking a row cost 0.3 ms. Django does not know the column: only
  ``plans.search`` reads it, and PostgreSQL fills it. A later change of ``search_text``'s
  type must drop and re-add it.
* The partial order index over published plans carries the columns the archive
  filters on, so the page's ids come from the index alone (``ArchivePaginator`` asks
  for them first): a year, a unit or page 250 no longer reads thousands of plans.

SQLite keeps working without any of this (``plans.search`` falls back to substrings).
"""

from django.db import migrations

POSTGRES_UP = [
    "ALTER TABLE plans_plan ADD COLUMN IF NOT EXISTS search_words tsvector GENERATED ALWAYS AS "
    "(to_tsvector('simple'::regconfig, regexp_replace(search_text, '[^a-z0-9]+', ' ', 'g'))) STORED",
    "CREATE INDEX IF NOT EXISTS plan_search_words_idx ON plans_plan USING gin (search_words)",
    "DROP INDEX IF EXISTS plan_search_trgm_idx",
    "DROP INDEX IF EXISTS plan_archive_order_idx",
    "CREATE INDEX plan_archive_order_idx ON plans_plan (issue_date DESC NULLS LAST, published_at DESC, id DESC) "
    "INCLUDE (period_start, period_end, locality_id, agency_id, topic) WHERE status = 'published'",
    "ANALYZE plans_plan",
]
POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS plan_archive_order_idx",
    "CREATE INDEX plan_archive_order_idx ON plans_plan (issue_date DESC NULLS LAST, published_at DESC, id DESC) "
    "WHERE status = 'published'",
    "CREATE INDEX IF NOT EXISTS plan_search_trgm_idx ON plans_plan USING gin (search_text gin_trgm_ops)",
    "DROP INDEX IF EXISTS plan_search_words_idx",
    "ALTER TABLE plans_plan DROP COLUMN IF EXISTS search_words",
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("plans", "0005_postgres_search_and_archive_indexes")]
    operations = [migrations.RunPython(run(POSTGRES_UP), run(POSTGRES_DOWN))]
