"""Staff accounts in the admin: the system administrator manages accounts without becoming a superuser.

A user who is not a superuser (the "Quản trị hệ thống" role holds the user permissions)
- sees only the accounts it could have set up itself: no superuser, no permission of their own,
  no group but the roles; any other account's pages (change, password, history, delete) are a 404;
- cannot tick "superuser" nor grant single permissions, and may put accounts only into the roles;
- cannot change its own roles, staff status or active status.
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.http import Http404

from publishing import roles

ROLE_NAMES = (roles.OFFICER, roles.EDITOR, roles.APPROVER, roles.ADMINISTRATOR)
ONLY_FOR_SUPERUSERS = ("is_superuser", "user_permissions")
NOT_ON_ONESELF = ("is_active", "is_staff", "groups")

User = get_user_model()


def manageable_users(users, by):
    """The accounts of ``users`` that ``by`` may see and change."""
    if by.is_superuser:
        return users
    return (
        users.filter(is_superuser=False)
        .exclude(user_permissions__isnull=False)
        .exclude(groups__in=Group.objects.exclude(name__in=ROLE_NAMES))
    )


admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    def get_queryset(self, request):
        return manageable_users(super().get_queryset(request), request.user)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404("Không tìm thấy tài khoản này hoặc bạn không có quyền quản lý.")
        return obj

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        return [
            (name, {**options, "fields": [field for field in options["fields"] if field not in ONLY_FOR_SUPERUSERS]})
            for name, options in fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if obj is not None and obj.pk == request.user.pk and not request.user.is_superuser:
            return [*readonly, *NOT_ON_ONESELF]
        return readonly

    def get_list_filter(self, request):
        filters = super().get_list_filter(request)
        return filters if request.user.is_superuser else [name for name in filters if name != "is_superuser"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups" and not request.user.is_superuser:
            kwargs["queryset"] = Group.objects.filter(name__in=ROLE_NAMES)
        return super().formfield_for_manytomany(db_field, request, **kwargs)
