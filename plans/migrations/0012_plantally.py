"""Running counts of public plans (issue #20): the table, filled by the grouped INSERT … SELECT
statements that plans/tally.py keeps it with from then on (seconds for 100,000 plans)."""

import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    from plans.tally import count_into, total_into

    alias = schema_editor.connection.alias
    tally = apps.get_model("plans", "PlanTally")
    count_into(tally, apps.get_model("plans", "Plan").objects.using(alias), using=alias)
    total_into(tally, tally.objects.using(alias), using=alias)


class Migration(migrations.Migration):
    dependencies = [("plans", "0011_plan_imported_fields")]

    operations = [
        migrations.CreateModel(
            name="PlanTally",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("path", models.CharField(max_length=100, verbose_name="đường dẫn địa bàn")),
                ("year", models.SmallIntegerField(verbose_name="năm")),
                ("topic", models.CharField(max_length=20, verbose_name="chủ đề")),
                ("status", models.CharField(max_length=20, verbose_name="trạng thái")),
                ("visible_from", models.DateTimeField(null=True, verbose_name="tính từ")),
                ("n", models.PositiveIntegerField(verbose_name="số kế hoạch")),
                ("channel", models.ForeignKey(
                    db_constraint=False, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="plans.channel",
                    verbose_name="hình thức tuyên truyền",
                )),
                ("locality", models.ForeignKey(
                    db_constraint=False, db_index=False, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+",
                    to="plans.locality", verbose_name="địa bàn",
                )),
            ],
            options={
                "verbose_name": "số kế hoạch công khai",
                "verbose_name_plural": "số kế hoạch công khai",
                "indexes": [
                    models.Index(fields=["locality", "year", "channel"], name="plan_tally_unit_year_idx"),
                    models.Index(fields=["path"], name="plan_tally_path_prefix_idx", opclasses=["varchar_pattern_ops"]),
                ],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
