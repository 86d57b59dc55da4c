"""The content version moves from the cache into the database, where every worker reads the same one."""

from django.db import migrations, models

import publishing.models


def create_row(apps, schema_editor):
    ContentVersion = apps.get_model("publishing", "ContentVersion")
    ContentVersion.objects.using(schema_editor.connection.alias).get_or_create(id=1)


class Migration(migrations.Migration):
    dependencies = [
        ("publishing", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="ContentVersion",
            fields=[
                ("id", models.PositiveSmallIntegerField(default=1, editable=False, primary_key=True, serialize=False)),
                ("value", models.PositiveBigIntegerField(
                    default=publishing.models.starting_version, verbose_name="phiên bản")),
            ],
            options={
                "verbose_name": "phiên bản nội dung công khai",
                "verbose_name_plural": "phiên bản nội dung công khai",
                "constraints": [models.CheckConstraint(condition=models.Q(id=1), name="content_version_single_row")],
            },
        ),
        migrations.RunPython(create_row, migrations.RunPython.noop),
    ]
