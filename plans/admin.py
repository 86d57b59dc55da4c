from adminsortable2.admin import (
    SortableAdminBase,
    SortableStackedInline,
    SortableTabularInline,
)
from django import forms
from django.contrib import admin
from django.db.models import Max, Min, Q
from reversion_compare.admin import CompareVersionAdmin

from plans.models import (
    Agency,
    Assignment,
    Attachment,
    Channel,
    ContentGroup,
    Locality,
    Membership,
    Plan,
    Target,
)
from plans.services import refresh_search_text
from publishing.access import scope, scoped
from publishing.admin import FollowsParentMixin, WorkflowAdminMixin, autocomplete_target
from publishing.history import HistoryAdminMixin


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
        if autocomplete_target(request) == ("article", "locality"):
            queryset = scoped(queryset, request.user)
        return queryset, may_have_duplicates
    show_full_result_count = False


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "locality", "parent"]
    list_filter = ["kind", "locality__level"]
    search_fields = ["name", "slug", "locality__name"]
    autocomplete_fields = ["locality", "parent"]
    prepopulated_fields = {}
    list_select_related = ["locality", "parent"]
    readonly_fields = ["slug"]

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        # The issuer autocomplete of the plan form offers only the user's units;
        # assigned units (Assignment.agency) may be any agency.
        if autocomplete_target(request) == ("plan", "agency"):
            queryset = scoped(queryset, request.user)
        return queryset, may_have_duplicates


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
        bounds = model_admin.get_queryset(request).aggregate(first=Min("period_start"), last=Max("period_end"))
        if bounds["first"] is None:
            return []
        return [(str(year), str(year)) for year in range(bounds["last"], bounds["first"] - 1, -1)]

    def queryset(self, request, queryset):
        value = self.value()
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
    autocomplete_fields = ["agency"]


class TargetInline(FollowsParentMixin, SortableTabularInline):
    model = Target
    extra = 0


class AttachmentInline(FollowsParentMixin, SortableTabularInline):
    model = Attachment
    extra = 0
    fields = ["title", "kind", "file", "position", "size", "sha256"]
    readonly_fields = ["size", "sha256"]


@admin.register(Plan)
class PlanAdmin(WorkflowAdminMixin, HistoryAdminMixin, SortableAdminBase, CompareVersionAdmin):
    list_display = ["number", "title", "agency", "period_label", "issue_date", "status", "is_published"]
    list_display_links = ["number", "title"]
    list_filter = [PlanYearFilter, "locality__level", "topic", "status"]
    search_fields = ["number", "number_key", "title"]
    autocomplete_fields = ["agency", "locality", "channels", "legal_basis_plans"]
    list_select_related = ["agency"]
    readonly_fields = ["slug", "created_at", "created_by", "updated_at", "updated_by"]
    inlines = [ContentGroupInline, AssignmentInline, TargetInline, AttachmentInline]
    fieldsets = [
        ("Văn bản", {"fields": ["agency", "locality", "number", "issue_date", ("period_start", "period_end"), "title", "topic"]}),
        ("Mục đích, yêu cầu, đối tượng", {"fields": ["purposes", "requirements", "audiences"]}),
        ("Căn cứ", {"fields": ["legal_basis_plans", "legal_basis_notes"]}),
        ("Hình thức và báo cáo", {"fields": ["channels", "reporting_schedule"]}),
        ("Người ký", {"fields": [("signer_name", "signer_position")]}),
        ("Duyệt và công bố", {"fields": ["status", "published_at", "withdrawn_reason", "workflow_log"]}),
        ("Thông tin hệ thống", {"classes": ["collapse"], "fields": ["slug", ("created_at", "created_by"), ("updated_at", "updated_by")]}),
    ]
    # Derived on every save: they would show in every comparison.
    compare_exclude = ["number_key", "issue_year", "search_text", "updated_at"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "title":
            # A trích yếu often runs to two or three lines.
            kwargs["widget"] = forms.Textarea(attrs={"rows": 2, "cols": 80})
        return super().formfield_for_dbfield(db_field, request, **kwargs)

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
