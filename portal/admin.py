"""Staff accounts in the admin: the system administrator manages accounts without becoming a superuser.

A user who is not a superuser (the "Quản trị hệ thống" role holds the user permissions)
- sees only the accounts it could have set up itself: no superuser, no permission of their own,
  no group but the roles; any other account's pages (change, password, history, delete) are a 404;
- cannot tick "superuser" nor grant single permissions, and may put accounts only into the roles;
- cannot change its own roles, staff status or active status.
"""

from importlib import import_module

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import Group
from django.http import Http404
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from plans.models import Agency, Membership
from portal.two_factor import remove_second_factor
from publishing import roles
from publishing.access import scoped

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


class StaffAccountCreationForm(UserCreationForm):
    """"Tạo tài khoản cán bộ": one form makes a staff account that can sign in and work at once,
    in one role and a member of its units (see README, "Tạo tài khoản cán bộ")."""

    full_name = forms.CharField(label="Họ và tên", max_length=150)
    email = forms.EmailField(label="Thư điện tử", required=False)
    role = forms.ModelChoiceField(
        label="Vai trò", queryset=Group.objects.none(), empty_label=None,
        help_text="Cán bộ truyền thông soạn kế hoạch của đơn vị; Biên tập viên viết tin; "
        "Lãnh đạo phê duyệt công bố; Quản trị hệ thống quản lý tài khoản.",
    )
    agencies = forms.ModelMultipleChoiceField(
        label="Đơn vị", queryset=Agency.objects.none(), required=False,
        help_text="Đơn vị mà người này làm việc cho (vai trò chỉ áp dụng ở các đơn vị này). "
        "Bắt buộc, trừ vai trò Quản trị hệ thống.",
    )

    class Meta(UserCreationForm.Meta):
        fields = ["username"]

    def __init__(self, *args, by=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].queryset = Group.objects.filter(name__in=ROLE_NAMES).order_by("name")
        self.fields["agencies"].queryset = agencies_within_reach(by).select_related("locality").order_by("name")

    def clean(self):
        cleaned = super().clean()
        role = cleaned.get("role")
        if role is not None and role.name != roles.ADMINISTRATOR and not cleaned.get("agencies"):
            self.add_error("agencies", "Hãy chọn ít nhất một đơn vị: vai trò này chỉ áp dụng ở đơn vị của người dùng.")
        return cleaned

    def save(self, commit=True):
        user = super().save(commit=False)
        user.first_name = self.cleaned_data["full_name"].strip()
        user.email = self.cleaned_data["email"]
        user.is_staff = True  # without it the account cannot open the admin
        if commit:
            user.save()
            self.save_role_and_units(user)
        return user

    def save_role_and_units(self, user):
        user.groups.add(self.cleaned_data["role"])
        for agency in self.cleaned_data["agencies"]:
            Membership.objects.get_or_create(user=user, agency=agency)


def agencies_within_reach(user):
    """The units an account may be put in: all for those who manage units (the system
    administrator, a superuser); otherwise the units of the user's own scope."""
    agencies = Agency.objects.all()
    if user is None or user.is_superuser or user.has_perm("plans.change_agency"):
        return agencies
    return scoped(agencies, user)


admin.site.unregister(User)
# django-otp's own pages show every user's secret key: devices are reset per account instead.
# (Imported here because "portal" comes before django-otp's apps, whose admin modules register them.)
import_module("django_otp.plugins.otp_totp.admin")
import_module("django_otp.plugins.otp_static.admin")
admin.site.unregister(TOTPDevice)
admin.site.unregister(StaticDevice)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    actions = ["reset_second_factor"]
    add_form = StaffAccountCreationForm
    add_fieldsets = [
        (None, {"fields": ["username", "full_name", "email", "password1", "password2"]}),
        ("Vai trò và đơn vị", {"fields": ["role", "agencies"]}),
    ]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is not None:
            return form

        class AddForm(form):
            def __init__(self, *args, **form_kwargs):
                super().__init__(*args, by=request.user, **form_kwargs)

        return AddForm

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not change:  # the admin saved the account with commit=False: now its role and units
            form.save_role_and_units(form.instance)

    @admin.action(description="Đặt lại xác thực hai bước (mất điện thoại)", permissions=["change"])
    def reset_second_factor(self, request, queryset):
        for user in queryset:
            remove_second_factor(user)
        self.message_user(
            request, f"Đã đặt lại xác thực hai bước của {len(queryset)} tài khoản: họ cài lại ở lần đăng nhập sau."
        )

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
