"""Create the four role groups with exactly their permissions (see portal/roles.py).

The permissions are the ones of this migration's time, written out: later changes to
``portal.roles`` come with migrations of their own (0004…), and this one must keep
running on a fresh database where later models do not exist yet.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def _crud(model):
    return [f"{action}_{model}" for action in ("add", "change", "delete", "view")]


_PARTS = [code for part in ("contentgroup", "assignment", "target", "attachment") for code in _crud(part)]
ROLE_PERMISSIONS = {
    "Cán bộ truyền thông": {
        "plans": [*_crud("plan"), *_PARTS, "view_agency", "view_locality", "view_channel"],
    },
    "Biên tập viên": {
        "news": [*_crud("article"), "view_category"],
        "plans": ["view_plan", "view_locality"],
    },
    "Lãnh đạo phê duyệt": {
        "plans": [*_crud("plan"), "publish_plan", *_PARTS, "view_agency", "view_locality", "view_channel"],
        "news": [*_crud("article"), "publish_article", "view_category"],
    },
    "Quản trị hệ thống": {
        "auth": [*_crud("user"), "view_group"],
        "plans": [*_crud("locality"), *_crud("agency"), *_crud("channel"), *_crud("membership"), "view_plan"],
        "news": [*_crud("category"), "view_article"],
    },
}


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, by_app in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        wanted = []
        for app_label, codenames in by_app.items():
            found = list(Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))
            missing = set(codenames) - {permission.codename for permission in found}
            if missing:
                raise RuntimeError(f"Missing permissions for {name}: {sorted(missing)}")
            wanted += found
        group.permissions.set(wanted)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=list(ROLE_PERMISSIONS)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_transition"),
        ("plans", "0004_workflow"),
        ("news", "0004_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_roles, remove_roles)]
