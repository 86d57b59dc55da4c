"""An article's slug keeps its unique index and loses the LIKE-only one (issue #20).

``unique=True`` on a SlugField makes Django add ``…_like`` (varchar_pattern_ops) beside the
UNIQUE constraint on PostgreSQL; nothing looks slugs up by prefix. The model now states the
uniqueness as a constraint under the name PostgreSQL gave the existing one, so the database only
loses the second index: the unique one is neither dropped nor rebuilt.
"""

from django.db import migrations, models

LIKE_INDEX = "news_article_slug_5328fdc5_like"  # Django's name for it, made by news/0001


def drop_like_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {LIKE_INDEX}")


def create_like_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {LIKE_INDEX} ON news_article (slug varchar_pattern_ops)")


class Migration(migrations.Migration):
    dependencies = [("news", "0008_article_month_tally")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="article",
                    name="slug",
                    field=models.SlugField(
                        blank=True, db_index=False, max_length=200, verbose_name="đường dẫn",
                        help_text="Để trống: tạo từ tiêu đề, bỏ dấu (ví dụ: cang-long-ban-hanh-ke-hoach).",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="article",
                    constraint=models.UniqueConstraint(fields=["slug"], name="news_article_slug_key"),
                ),
            ],
            database_operations=[migrations.RunPython(drop_like_index, create_like_index)],
        ),
    ]
