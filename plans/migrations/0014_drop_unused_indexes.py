"""Indexes no query scans (issue #20, measured with pg_stat_user_indexes after `make bench`).

- ``locality_path_prefix_idx`` repeated the pattern index PostgreSQL's backend already makes for
  the unique ``Locality.path`` (``…_like``), which the prefix tests use.
- The pattern indexes the backend makes for ``Agency.slug`` (7.7 MiB at 153,000 agencies) and
  ``Plan.number_key``: an agency is found by its slug with ``=`` (the unique index answers it), and
  a plan number is compared with ``=`` or sorted (the plain index), never by a prefix.

On PostgreSQL only (SQLite has no such indexes). A later ``AlterField`` of those fields drops them
with ``DROP INDEX IF EXISTS``, so their absence is no obstacle to it.
"""

from django.db import migrations

PATTERN_INDEXES = (("agency", "slug"), ("plan", "number_key"))


def _pattern_indexes(apps, schema_editor):
    for model_name, column in PATTERN_INDEXES:
        table = apps.get_model("plans", model_name)._meta.db_table
        yield table, column, schema_editor._create_index_name(table, [column], suffix="_like")


def drop_pattern_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _table, _column, name in _pattern_indexes(apps, schema_editor):
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")


def create_pattern_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, column, name in _pattern_indexes(apps, schema_editor):
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {schema_editor.quote_name(name)} ON {schema_editor.quote_name(table)} "
            f"({schema_editor.quote_name(column)} varchar_pattern_ops)"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0013_agency_expected_plan_index"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="locality", name="locality_path_prefix_idx"),
        migrations.RunPython(drop_pattern_indexes, create_pattern_indexes),
    ]
