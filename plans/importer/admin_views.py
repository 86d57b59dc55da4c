""""Tạo kế hoạch từ văn bản" in the plan admin: upload the signed document (or paste a page's text),
get a draft plan of your unit whose every field read from the text is marked for checking.

The marks (``Plan.imported_fields``) stay until a person saves the plan in the admin form.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from plans.importer.drafts import READ_BY_OCR, DuplicatePlan, draft_from_facts
from plans.importer.reading import MAX_PAGES
from plans.importer.service import ImportRefused, extract_document
from plans.models import Agency
from publishing.access import scoped
from publishing.uploads import EMPTY_FILE_MESSAGE, refuse_oversize

IMPORTED_MARK = "đọc từ văn bản, hãy kiểm tra"
# Fields marked in the form, and the inlines (by their model) marked as a whole.
_PART_MODELS = {"content_groups": "contentgroup", "assignments": "assignment", "targets": "target", "results": "result"}


class ImportForm(forms.Form):
    agency = forms.ModelChoiceField(label="Cơ quan ban hành", queryset=Agency.objects.none(), empty_label=None)
    document = forms.FileField(
        label="Văn bản đã ký (DOCX hoặc PDF)", required=False,
        help_text=f"Tệp PDF quét được đọc bằng nhận dạng ký tự (OCR); chỉ đọc {MAX_PAGES} trang đầu.",
        error_messages={"empty": EMPTY_FILE_MESSAGE},
    )
    text = forms.CharField(
        label="Hoặc dán nội dung văn bản", required=False, widget=forms.Textarea(attrs={"rows": 12, "cols": 80}),
        help_text="Nội dung một trang tin hay một văn bản về kế hoạch, ở dạng chữ.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = scoped(Agency.objects.all(), user).select_related("locality")

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if document:
            # Read whole into memory afterwards: the attachment limit holds for text and web pages too.
            refuse_oversize(document, settings.ATTACHMENT_MAX_BYTES, what="Tệp", code="file_too_large")
        return document

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("document") and not (cleaned.get("text") or "").strip():
            raise forms.ValidationError("Hãy chọn tệp văn bản hoặc dán nội dung văn bản.")
        return cleaned


class ImportFromDocumentMixin:
    """For PlanAdmin: the import page, the marks on a draft read from a document, cleared on save."""

    def get_urls(self):
        return [
            path("tao-tu-van-ban/", self.admin_site.admin_view(self.import_view), name="plans_plan_import"),
            *super().get_urls(),
        ]

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
        if request.method == "POST" and form.is_valid():
            plan = self._draft(request, form)
            if plan is not None:
                return redirect(reverse("admin:plans_plan_change", args=[plan.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "form": form,
            "title": "Tạo kế hoạch từ văn bản",
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/plans/plan/import_form.html", context)

    def _draft(self, request, form):
        upload = form.cleaned_data.get("document")
        if upload:
            content, name = upload.read(), upload.name
        else:
            content, name = form.cleaned_data["text"].encode("utf-8"), "van-ban.txt"
        try:
            facts = extract_document(content, name)
            # Only what an attachment may be (a PDF or DOCX) becomes the signed original; pasted text does not.
            signed = upload and facts["reading"]["kind"] in ("pdf", "docx")
            plan = draft_from_facts(
                facts=facts, agency=form.cleaned_data["agency"], by=request.user,
                document=content if signed else None, document_name=name,
            )
        except (ImportRefused, DuplicatePlan) as refusal:
            form.add_error("document" if upload else "text", refusal.message)
            return None
        notes = facts["reading"]["notes"]
        self.message_user(
            request,
            f"Đã tạo bản nháp từ văn bản. Các trường có dấu “{IMPORTED_MARK}” cần được kiểm tra, sửa nếu cần, rồi lưu."
            + (" " + " ".join(notes) if notes else ""),
            messages.WARNING,
        )
        return plan

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        marked = set(obj.imported_fields) if obj is not None else set()
        for name, field in form.base_fields.items():
            if name in marked:
                field.help_text = format_html('<strong class="imported-mark">{}.</strong> {}', IMPORTED_MARK.capitalize(),
                                              field.help_text)
                field.widget.attrs["data-imported"] = "1"
        return form

    def get_formsets_with_inlines(self, request, obj=None):
        marked = set(obj.imported_fields) if obj is not None else set()
        models = {_PART_MODELS[name] for name in marked if name in _PART_MODELS}
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            # Inline instances are made anew for each request: the heading changes for this page only.
            if inline.opts.model_name in models:
                inline.verbose_name_plural = f"{inline.opts.verbose_name_plural} ({IMPORTED_MARK})"
            yield formset, inline

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            plan = self.get_object(request, unquote(object_id))
            if plan is not None and plan.imported_fields:
                # Said on every visit until the draft is saved, not only once after the upload.
                how = " bằng nhận dạng ký tự (OCR) từ bản quét" if READ_BY_OCR in plan.imported_fields else ""
                self.message_user(request, f"Bản nháp này được đọc{how} từ văn bản tải lên: hãy kiểm tra các trường "
                                           f"có dấu “{IMPORTED_MARK}” rồi lưu.", messages.INFO)
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        # A person has looked at the draft and saved it: the text's reading is now theirs.
        obj.imported_fields = []
        super().save_model(request, obj, form, change)
