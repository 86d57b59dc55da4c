from adminsortable2.admin import (
    SortableAdminBase,
    SortableStackedInline,
    SortableTabularInline,
)
from django import forms
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, Max, Min, Q
from django.urls import reverse
from reversion_compare.admin import CompareVersionAdmin

from plans.access import localities_for_new_agency
from plans.forms import PlainDecimalField
from plans.importer.admin_views import ImportFromDocumentMixin
from plans.models import (
    UNKNOWN_YEAR,
    UNKNOWN_YEAR_LABEL,
    Agency,
    Assignment,
    Attachment,
    Channel,
    ContentGroup,
    Locality,
    Membership,
    Plan,
    Result,
    Target,
)
from plans.services import refresh_search_text
from publishing.access import scope, scoped
from publishing.admin import FollowsParentMixin, WorkflowAdminMixin, autocomplete_target
from publishing.history import HistoryAdminMixin
from publishing.kept_uploads import KeepsUploadsAdminMixin


@admin.register(Locality)
class LocalityAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "level", "code", "parent", "valid_from", "valid_until"]
    list_filter = ["level", "kind", ("valid_until", admin.EmptyFieldListFilter)]
    search_fields = ["name", "short_name", "slug", "code"]
    autocomplete_fields = ["parent", "successor"]
    readonly_fields = ["path"]
    list_select_related = ["parent"]

    def get_queryset(self, request):
        # __str__ names the parent; autocomplete lists it for every result.
        return super().get_queryset(request).select_related("parent")

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        target = autocomplete_target(request)
        if target == ("article", "locality"):
            queryset = scoped(queryset, request.user)
        elif target == ("agency", "locality"):
            queryset = queryset.filter(pk__in=localities_for_new_agency(request.user).values("pk"))
        return queryset, may_have_duplicates
    show_full_result_count = False


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "locality", "parent", "expected_plan"]
    list_filter = ["kind", "locality__level", "expected_plan"]
    search_fields = ["name", "slug", "locality__name"]
    autocomplete_fields = ["locality", "parent"]
    prepopulated_fields = {}
    list_select_related = ["locality", "parent"]
    readonly_fields = ["slug"]

    def get_readonly_fields(self, request, obj=None):
        # Who must publish a plan each year (plans.coverage) is the system administrator's call.
        readonly = super().get_readonly_fields(request, obj)
        return readonly if manages_agencies(request.user) else [*readonly, "expected_plan"]

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        # The issuer autocomplete of the plan form offers only the user's units;
        # assigned units (Assignment.agency) may be any agency.
        target = autocomplete_target(request)
        if target == ("plan", "agency") or (target == ("agency", "parent") and not manages_agencies(request.user)):
            queryset = scoped(queryset, request.user)
        return queryset, may_have_duplicates

    # An officer or approver adds a unit a plan assigns work to (the "+" beside the
    # assignment's agency) inside their own localities; the system administrator anywhere.
    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "locality":
            kwargs["queryset"] = localities_for_new_agency(request.user)
        elif db_field.name == "parent" and not manages_agencies(request.user):
            kwargs["queryset"] = scoped(Agency.objects.all(), request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        own = Agency.objects.filter(memberships__user=request.user).values_list("locality", flat=True).first()
        if own is not None and not manages_agencies(request.user):
            initial.setdefault("locality", own)
        return initial


def manages_agencies(user):
    """The system administrator's right: any agency, anywhere (officers only add, in their localities)."""
    return user.has_perm("plans.change_agency")


@admin.register(Channel)
class ChannelAdmin(admin.ModelAdmin):
    list_display = ["name", "position"]
    list_editable = ["position"]
    search_fields = ["name", "synonyms", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "agency"]
    search_fields = ["user__username", "agency__name"]
    autocomplete_fields = ["user", "agency"]
    list_select_related = ["user", "agency"]


class PlanYearFilter(admin.SimpleListFilter):
    title = "năm kế hoạch"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        bounds = model_admin.get_queryset(request).aggregate(
            first=Min("period_start"), last=Max("period_end"), unknown=Count("pk", filter=Q(period_start__isnull=True)),
        )
        years = [] if bounds["first"] is None else range(bounds["last"], bounds["first"] - 1, -1)
        unknown = [(UNKNOWN_YEAR, UNKNOWN_YEAR_LABEL)] if bounds["unknown"] else []
        return [*((str(year), str(year)) for year in years), *unknown]

    def queryset(self, request, queryset):
        value = self.value()
        if value == UNKNOWN_YEAR:
            return queryset.without_year()
        if value and value.isdigit():
            return queryset.for_year(int(value))
        return queryset


class ContentGroupInline(FollowsParentMixin, SortableStackedInline):
    model = ContentGroup
    extra = 0
    min_num = 0


class AssignmentInline(FollowsParentMixin, SortableTabularInline):
    model = Assignment
    extra = 0
    fields = ["unit_name", "agency", "is_lead", "responsibilities", "position"]
    autocomplete_fields = ["agency"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "responsibilities":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 2, "cols": 40})
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class TargetInline(FollowsParentMixin, SortableTabularInline):
    model = Target
    extra = 0
    fields = ["description", "comparator", "value", "unit", "unit_label", "deadline", "position"]
    # 11, not 11.00.
    formfield_overrides = {models.DecimalField: {"form_class": PlainDecimalField}}


class ResultInline(FollowsParentMixin, SortableTabularInline):
    model = Result
    extra = 0
    fields = ["reported_on", "description", "quantity", "unit_label", "target", "position"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # A result answers a target of the same plan (saved ones: a new target has no id yet).
        formset.form.base_fields["target"].queryset = Target.objects.filter(plan=obj) if obj else Target.objects.none()
        return formset

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "description":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 2, "cols": 40})
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "target":
            formfield.widget.can_add_related = formfield.widget.can_change_related = False
            formfield.widget.can_delete_related = formfield.widget.can_view_related = False
        return formfield


class AttachmentInline(KeepsUploadsAdminMixin, FollowsParentMixin, SortableTabularInline):
    model = Attachment
    # A file that passed its checks is not lost when another field sends the form back.
    kept_upload_fields = ["file"]
    extra = 0
    fields = ["title", "kind", "file", "position", "size", "sha256"]
    readonly_fields = ["size", "sha256"]


@admin.register(Plan)
class PlanAdmin(ImportFromDocumentMixin, WorkflowAdminMixin, HistoryAdminMixin, SortableAdminBase, CompareVersionAdmin):
    list_display = ["number", "title", "agency", "period", "issue_date", "status", "is_published"]
    list_display_links = ["number", "title"]
    list_filter = [PlanYearFilter, "locality__level", "topic", "status"]
    search_fields = ["number", "number_key", "title"]
    autocomplete_fields = ["agency", "locality", "channels", "legal_basis_plans"]
    list_select_related = ["agency"]
    readonly_fields = ["slug", "created_at", "created_by", "updated_at", "updated_by"]
    inlines = [ContentGroupInline, AssignmentInline, TargetInline, ResultInline, AttachmentInline]
    fieldsets = [
        ("Văn bản", {"fields": [
            # One row each: side by side, the first year's message ran into the second year's label.
            "agency", "locality", "number", "issue_date", "period_start", "period_end", "title", "topic", "advising_unit",
        ]}),
        ("Mục đích, yêu cầu, đối tượng", {"fields": ["purposes", "requirements", "audiences"]}),
        ("Căn cứ", {"fields": ["legal_basis_plans", "legal_basis_notes", "implementation_deadline"]}),
        ("Hình thức và báo cáo", {"fields": ["channels", "other_channels", "reporting_schedule"]}),
        ("Người ký", {"fields": [("signer_name", "signer_position"), "recipients"]}),
        ("Duyệt và công bố", {"fields": ["status", "published_at", "withdrawn_reason", "workflow_log"]}),
        ("Thông tin hệ thống", {"classes": ["collapse"], "fields": ["slug", ("created_at", "created_by"), ("updated_at", "updated_by")]}),
    ]
    # Derived on every save: they would show in every comparison.
    compare_exclude = ["number_key", "issue_year", "search_text", "updated_at"]

    @admin.display(description="năm kế hoạch", ordering="period_start")
    def period(self, plan):
        return plan.period_label

    def view_on_site(self, plan):
        """"Xem trên trang web": a plan readers cannot see yet opens in the preview, not in a 404."""
        if plan.is_published() or plan.is_withdrawn:
            return reverse("admin:view_on_site", args=[ContentType.objects.get_for_model(plan).pk, plan.pk])
        return reverse("plans:preview", args=[plan.pk])

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "title":
            # A trích yếu often runs to two or three lines.
            kwargs["widget"] = forms.Textarea(attrs={"rows": 2, "cols": 80})
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "agency" and not manages_agencies(request.user):
            # The issuer is one of the user's own units: a unit added here could not be chosen.
            formfield.widget.can_add_related = False
        return formfield

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "agency":
            kwargs["queryset"] = scoped(Agency.objects.all(), request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "legal_basis_plans":
            kwargs["queryset"] = basis_plan_choices(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_search_results(self, request, queryset, search_term):
        target = autocomplete_target(request)
        if target == ("plan", "legal_basis_plans"):
            queryset = basis_plan_choices(request.user)
        elif target == ("article", "plans"):
            # Articles report on what the public can read.
            queryset = Plan.objects.published()
        return super().get_search_results(request, queryset, search_term)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        refresh_search_text(form.instance)


def basis_plan_choices(user):
    """A plan may cite any published plan, and the plans the user works on."""
    return Plan.objects.filter(Q(pk__in=Plan.objects.published().values("pk")) | scope(user, Plan))
