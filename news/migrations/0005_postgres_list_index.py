"""PostgreSQL-only: the news list's order over published articles, as a partial index."""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS article_list_order_idx ON news_article (published_at DESC, id DESC) "
            "WHERE status = 'published'"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS article_list_order_idx")


class Migration(migrations.Migration):
    dependencies = [("news", "0004_workflow")]
    operations = [migrations.RunPython(create, drop)]
