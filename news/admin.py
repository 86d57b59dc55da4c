from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from reversion_compare.admin import CompareVersionAdmin

from news.models import Article, Category
from plans.models import Locality, Plan
from publishing.access import scoped
from publishing.admin import WORKFLOW_FIELDS, WorkflowAdminMixin
from publishing.history import HistoryAdminMixin
from publishing.kept_uploads import KeepsUploadsAdminMixin


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "position"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Article)
class ArticleAdmin(KeepsUploadsAdminMixin, WorkflowAdminMixin, HistoryAdminMixin, CompareVersionAdmin):
    list_display = ["title", "category", "locality", "status", "published_at", "featured", "is_published", "view_count"]
    list_filter = ["status", "category", ("locality", admin.RelatedOnlyFieldListFilter), "featured"]
    search_fields = ["title", "summary", "slug"]
    autocomplete_fields = ["locality", "plans"]
    list_select_related = ["category", "locality"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "published_at"
    # A cover that passed its checks is not lost when another field sends the form back.
    kept_upload_fields = ["cover_image"]
    readonly_fields = ["cover_preview", "preview_link", "view_count", "created_at", "created_by", "updated_at", "updated_by"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body"]}),
        ("Ảnh đại diện", {"fields": ["cover_image", "cover_preview", "cover_caption", "cover_alt"]}),
        ("Phân loại", {"fields": ["category", "locality", "plans", "featured"]}),
        ("Tác giả, nguồn", {"fields": [("author", "source")]}),
        ("Duyệt và đăng", {"fields": ["preview_link", "status", "published_at", "withdrawn_reason", "workflow_log"]}),
        ("Thông tin hệ thống", {"classes": ["collapse"], "fields": ["view_count", ("created_at", "created_by"), ("updated_at", "updated_by")]}),
    ]
    # Readers' visits are counted whatever version of the text they read.
    restore_keeps = [*WORKFLOW_FIELDS, "view_count"]
    compare_exclude = ["view_count", "cover_width", "cover_height", "updated_at"]

    def save_model(self, request, obj, form, change):
        if change:
            # Views are folded into view_count by another writer (news.view_counts), and a count only
            # grows: keep the larger of the row's count now (held until this save commits) and the one
            # loaded with the form (a history restore has already put the old version's count in the row).
            now = Article.objects.select_for_update().values_list("view_count", flat=True).get(pk=obj.pk)
            obj.view_count = max(now, obj.view_count)
        super().save_model(request, obj, form, change)

    @admin.display(description="ảnh hiện tại")
    def cover_preview(self, article):
        if not article.cover_image:
            return "Chưa có ảnh."
        return format_html(
            '<img src="{}" alt="{}" style="max-width: 320px; height: auto; border: 1px solid #ccc">',
            article.cover_image.url, article.cover_alt,
        )

    @admin.display(description="xem trước")
    def preview_link(self, article):
        if not article.pk:
            return "Lưu bài trước khi xem trước."
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">Xem bài như người đọc sẽ thấy</a>',
            reverse("news:preview", args=[article.pk]),
        )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "plans":
            kwargs["queryset"] = Plan.objects.published()
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "locality":
            kwargs["queryset"] = scoped(Locality.objects.all(), request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
