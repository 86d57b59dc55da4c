"""Transition, moved from the project app: state only (the table portal_transition keeps its rows),
and its content type renamed so the workflow log and permissions follow it."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

STATUSES = [("draft", "Bản nháp"), ("submitted", "Chờ duyệt"), ("published", "Đã công bố"), ("withdrawn", "Đã thu hồi")]


def rename_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    old = ContentType.objects.using(db).filter(app_label="portal", model="transition")
    if old.exists():
        ContentType.objects.using(db).filter(app_label="publishing", model="transition").delete()
        old.update(app_label="publishing")


def restore_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    ContentType.objects.using(db).filter(app_label="publishing", model="transition").update(app_label="portal")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("portal", "0003_transition_moves_to_publishing"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.CreateModel(
                name="Transition",
                fields=[
                    ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                    ("object_id", models.PositiveBigIntegerField()),
                    ("from_status", models.CharField(choices=STATUSES, max_length=20, verbose_name="từ")),
                    ("to_status", models.CharField(choices=STATUSES, max_length=20, verbose_name="sang")),
                    ("action", models.CharField(max_length=20, verbose_name="thao tác")),
                    ("comment", models.TextField(blank=True, verbose_name="ghi chú")),
                    ("at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="thời điểm")),
                    ("content_type", models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, to="contenttypes.contenttype")),
                    ("user", models.ForeignKey(
                        null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+",
                        to=settings.AUTH_USER_MODEL, verbose_name="người thực hiện")),
                ],
                options={
                    "verbose_name": "bước duyệt",
                    "verbose_name_plural": "lịch sử duyệt",
                    "ordering": ["-at", "-id"],
                    "db_table": "portal_transition",
                    "indexes": [models.Index(fields=["content_type", "object_id", "at"], name="transition_item_idx")],
                },
            ),
        ]),
        migrations.RunPython(rename_content_type, restore_content_type),
    ]
