"""One content version per scope (issue #20): a publication in one province keeps the cached pages
of the others. The single row gives way to the two every entry may depend on, ``*`` and ``reference``."""

from django.db import migrations, models

import publishing.models


def create_rows(apps, schema_editor):
    ContentVersion = apps.get_model("publishing", "ContentVersion")
    for scope in ("*", "reference"):
        ContentVersion.objects.using(schema_editor.connection.alias).get_or_create(scope=scope)


class Migration(migrations.Migration):
    dependencies = [
        ("publishing", "0003_notice_preference"),
    ]

    operations = [
        migrations.DeleteModel(name="ContentVersion"),
        migrations.CreateModel(
            name="ContentVersion",
            fields=[
                ("scope", models.CharField(max_length=60, primary_key=True, serialize=False, verbose_name="phạm vi")),
                ("value", models.PositiveBigIntegerField(
                    default=publishing.models.starting_version, verbose_name="phiên bản")),
            ],
            options={
                "verbose_name": "phiên bản nội dung công khai",
                "verbose_name_plural": "phiên bản nội dung công khai",
            },
        ),
        migrations.RunPython(create_rows, migrations.RunPython.noop),
    ]
