"""Assignments now name their unit as written: the ones made before name it by their agency."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def name_units_by_agency(apps, schema_editor):
    Assignment = apps.get_model("plans", "Assignment")
    Agency = apps.get_model("plans", "Agency")
    Assignment.objects.filter(unit_name="", agency__isnull=False).update(
        unit_name=Subquery(Agency.objects.filter(pk=OuterRef("agency_id")).values("name")[:1])
    )


def keep_linked_units_only(apps, schema_editor):
    # Going back, an assignment needs its agency again: free-text-only rows cannot survive.
    Assignment = apps.get_model("plans", "Assignment")
    if Assignment.objects.filter(agency__isnull=True).exists():
        raise RuntimeError(
            "Có phân công chỉ ghi tên đơn vị, không gắn cơ quan trên cổng: không thể quay lại phiên bản trước."
        )


class Migration(migrations.Migration):
    dependencies = [("plans", "0007_plan_content_model")]
    operations = [migrations.RunPython(name_units_by_agency, keep_linked_units_only)]
