from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("plans", "0010_coverage_fields")]

    operations = [
        migrations.AddField(
            model_name="plan",
            name="imported_fields",
            field=models.JSONField(
                blank=True, db_default=[], default=list, editable=False, verbose_name="trường đọc từ văn bản",
            ),
        ),
    ]
