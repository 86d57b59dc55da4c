"""Admin behaviour shared by plans and articles: scoping, workflow buttons, no deleting the record."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django_prose_editor.fields import ProseEditorField
from js_asset.media import Media as AssetMedia

from publishing.access import can_publish, scoped
from publishing.models import Status
from publishing.queues import last_return
from publishing.richtext import sanitize_rich_text
from publishing.workflow import SERVICES, STEPS, WorkflowError, available_steps

WORKFLOW_FIELDS = ["status", "published_at", "withdrawn_at", "withdrawn_reason"]


class WorkflowForm(forms.Form):
    comment = forms.CharField(widget=forms.Textarea(attrs={"rows": 4, "cols": 60}), required=False)
    publish_at = forms.SplitDateTimeField(
        label="Hẹn giờ công bố", required=False, widget=AdminSplitDateTime,
        help_text="Để trống để công bố ngay. Ngày theo dạng ngày/tháng/năm, giờ Việt Nam (GMT+7).",
    )

    def __init__(self, *args, action, **kwargs):
        super().__init__(*args, **kwargs)
        self.step = STEPS[action]
        self.fields["comment"].label = self.step.comment_label
        self.fields["comment"].required = self.step.comment_required
        if action != "publish":
            del self.fields["publish_at"]

    def clean_publish_at(self):
        value = self.cleaned_data["publish_at"]
        if value and value < timezone.now():
            raise forms.ValidationError("Thời điểm hẹn giờ đã qua. Để trống để công bố ngay.")
        return value


def autocomplete_target(request):
    """(model, field) whose autocomplete widget asks, or None for other requests."""
    if request.resolver_match and request.resolver_match.url_name == "autocomplete":
        return request.GET.get("model_name"), request.GET.get("field_name")
    return None


def editable_by(user, item):
    """Drafts are edited by their authors; approvers may also correct what they review or published."""
    return item is None or item.status == Status.DRAFT or can_publish(user, type(item))


RENDERED_SUFFIX = "_rendered"


class RichTextReadOnlyMixin:
    """Where the user may only look (a submitted plan, for its officer), rich text reads as the public
    page shows it, not as escaped markup (``<ul><li><p>…``).

    Django's read-only field escapes a model field's value, and a model field's name wins over any
    admin method of that name, so each rich-text field is shown through a ``<name>_rendered`` method
    instead. The stored HTML was sanitized on save, but rows may also come from imports, the demo
    loader or older code: it is sanitized again here (nh3 takes microseconds) before being marked safe.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.rich_text_fields = [
            field for field in self.model._meta.fields if isinstance(field, ProseEditorField)
        ]
        for field in self.rich_text_fields:
            setattr(self, field.name + RENDERED_SUFFIX, _rendered_rich_text(field))

    def _renamed_when_read_only(self, request, obj, names):
        if self.has_change_permission(request, obj) or not self.rich_text_fields:
            return names
        rich = {field.name for field in self.rich_text_fields}
        # An inline's default fields list its readonly fields after the form's: each name once.
        return list(dict.fromkeys(_renamed(name, rich) for name in names))

    def get_fieldsets(self, request, obj=None):
        return [
            (title, {**options, "fields": self._renamed_when_read_only(request, obj, options["fields"])})
            for title, options in super().get_fieldsets(request, obj)
        ]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if self.has_change_permission(request, obj):
            return readonly
        # An inline's view-only form keeps its fields: the renamed ones are not model fields.
        return [*readonly, *(field.name + RENDERED_SUFFIX for field in self.rich_text_fields)]


def _renamed(name, rich):
    if isinstance(name, (list, tuple)):  # a row of fields
        return type(name)(_renamed(part, rich) for part in name)
    return name + RENDERED_SUFFIX if name in rich else name


def _rendered_rich_text(field):
    def rendered(obj):
        html = getattr(obj, field.name)
        return mark_safe(f'<div class="rich-text-readonly">{sanitize_rich_text(html)}</div>') if html else "-"

    rendered.short_description = field.verbose_name
    return rendered


class FollowsParentMixin(RichTextReadOnlyMixin):
    """An inline of a Publishable item: editable exactly when the item is."""

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and editable_by(request.user, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and editable_by(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and editable_by(request.user, obj)


class WorkflowAdminMixin(RichTextReadOnlyMixin):
    """For a Publishable model: scoped querysets, 404 for objects out of scope, workflow
    steps as buttons with their own confirmation page, and no deleting once published."""

    change_form_template = "admin/publishing/workflow_change_form.html"

    def get_queryset(self, request):
        return scoped(super().get_queryset(request), request.user)

    def get_object(self, request, object_id, from_field=None):
        # Another unit's object, even guessed by id, is a 404, never a redirect or a form.
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404("Không tìm thấy mục này hoặc bạn không có quyền xem.")
        return obj

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), *WORKFLOW_FIELDS, "workflow_log"]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and editable_by(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        # The public record stays: a published item can only be withdrawn.
        return allowed and (obj is None or obj.status == Status.DRAFT and not obj.was_published)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.display(description="các bước duyệt")
    def workflow_log(self, obj):
        if obj.pk is None:
            return "Chưa lưu."
        return render_to_string("admin/publishing/workflow_log.html", {
            "item": obj, "transitions": obj.transitions.select_related("user"),
        })

    def render_change_form(self, request, context, *args, **kwargs):
        # The rich-text editor's import map is an inline script: under our Content-Security-Policy
        # it runs only with this request's nonce.
        context["media"] = AssetMedia.from_media(context["media"], nonce=request.csp_nonce)
        return super().render_change_form(request, context, *args, **kwargs)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        obj = self.get_object(request, unquote(object_id))
        extra_context["workflow_buttons"] = [
            (STEPS[name].label, reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_workflow",
                                          args=[obj.pk, name]))
            for name in available_steps(request.user, obj)
        ]
        # A returned draft opens with what the approver asked to change, not a bare "Bản nháp".
        extra_context["returned"] = last_return(obj)
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_workflow"
        return [
            path("<path:object_id>/quy-trinh/<str:action>/", self.admin_site.admin_view(self.workflow_view), name=name),
            *super().get_urls(),
        ]

    def workflow_view(self, request, object_id, action):
        """A confirmation page for one step (with its comment, reason or schedule), then the step."""
        obj = self.get_object(request, unquote(object_id))
        if action not in STEPS:
            raise Http404("Không có thao tác này.")
        if action not in available_steps(request.user, obj):
            raise PermissionDenied
        form = WorkflowForm(request.POST if request.method == "POST" else None, action=action)
        if request.method == "POST" and form.is_valid():
            try:
                options = {"at": form.cleaned_data.get("publish_at")} if action == "publish" else {}
                SERVICES[action](item=obj, by=request.user, comment=form.cleaned_data["comment"], **options)
            except WorkflowError as error:
                form.add_error(None, str(error))
            else:
                self.message_user(request, f"Đã thực hiện “{STEPS[action].label}”: {obj}.", messages.SUCCESS)
                return redirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": obj,
            "form": form,
            "action": STEPS[action],
            "title": f"{STEPS[action].label}: {obj}",
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/publishing/workflow_form.html", context)
