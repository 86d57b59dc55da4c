"""Officers and approvers work on a plan's results, and may add the agencies a plan assigns
work to (inside their own localities, see plans.access): the difference to portal/roles.py."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# role -> app label -> codenames granted here (written out: portal.roles keeps changing).
RESULT = ["add_result", "change_result", "delete_result", "view_result"]
GRANTED = {
    "Cán bộ truyền thông": {"plans": [*RESULT, "add_agency"]},
    "Lãnh đạo phê duyệt": {"plans": [*RESULT, "add_agency"]},
}


def _permissions(apps, by_app):
    Permission = apps.get_model("auth", "Permission")
    found = []
    for app_label, codenames in by_app.items():
        rows = list(Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))
        missing = set(codenames) - {row.codename for row in rows}
        if missing:
            raise RuntimeError(f"Missing permissions: {sorted(missing)}")
        found += rows
    return found


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; Result's are needed now.
    plans = apps.get_app_config("plans")
    plans.models_module = True
    create_permissions(plans, apps=apps, verbosity=0)
    plans.models_module = None
    Group = apps.get_model("auth", "Group")
    for name, by_app in GRANTED.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(*_permissions(apps, by_app))


def take_back(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, by_app in GRANTED.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.remove(*_permissions(apps, by_app))


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0003_transition_moves_to_publishing"),
        ("plans", "0007_plan_content_model"),
    ]
    operations = [migrations.RunPython(grant, take_back)]
