"""Running month figures of published articles (issue #20): the table, filled by one grouped
INSERT … SELECT over the articles (news/month_tally.py keeps it from then on)."""

import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    from news.month_tally import count_into

    alias = schema_editor.connection.alias
    count_into(
        apps.get_model("news", "ArticleMonthTally"), apps.get_model("news", "Article").objects.using(alias), using=alias,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0007_article_view_buffer"),
        ("plans", "0011_plan_imported_fields"),
    ]

    operations = [
        migrations.CreateModel(
            name="ArticleMonthTally",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("month", models.DateField(verbose_name="tháng")),
                ("province", models.ForeignKey(
                    null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="plans.locality",
                    verbose_name="tỉnh, thành phố",
                )),
                ("visible_from", models.DateTimeField(null=True, verbose_name="tính từ")),
                ("count", models.PositiveIntegerField(verbose_name="số tin")),
            ],
            options={
                "verbose_name": "số tin theo tháng",
                "verbose_name_plural": "số tin theo tháng",
                "indexes": [models.Index(fields=["month"], name="article_tally_month_idx")],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
