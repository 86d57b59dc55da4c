"""The admin site: Django's, with two doors narrowed to what the user may see.

- "Xem trên trang web" (``/quan-tri/r/<content type>/<id>/``) redirects only to objects in
  the user's scope: Django's shortcut gives any staff user the address (slug with the
  number and issuer) of every unit's drafts.
- The autocomplete endpoint answers 400 to a request naming anything but a forward
  relation (Django's view fails with a 500 on a reverse relation's name).
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path

from publishing.access import is_scoped, scoped
from publishing.models import NoticePreference, Publishable
from publishing.queues import queues_for

BAD_AUTOCOMPLETE = "Yêu cầu gợi ý không hợp lệ."


def names_a_forward_relation(params):
    """Whether the autocomplete parameters name a foreign key or many-to-many field of a known model."""
    try:
        model = ContentType.objects.get_by_natural_key(params.get("app_label", ""), params.get("model_name", ""))
        field = model.model_class()._meta.get_field(params.get("field_name", ""))
    except (ObjectDoesNotExist, FieldDoesNotExist, AttributeError):
        return False
    return field.is_relation and not field.auto_created and getattr(field, "remote_field", None) is not None


class StrictAutocompleteJsonView(AutocompleteJsonView):
    def get(self, request, *args, **kwargs):
        if not names_a_forward_relation(request.GET):
            return HttpResponseBadRequest(BAD_AUTOCOMPLETE)
        return super().get(request, *args, **kwargs)


class NoticePreferenceForm(forms.ModelForm):
    class Meta:
        model = NoticePreference
        fields = ["email_notices"]


class PortalAdminSite(admin.AdminSite):
    def autocomplete_view(self, request):
        return StrictAutocompleteJsonView.as_view(admin_site=self)(request)

    def view_on_site(self, request, content_type_id, object_id):
        """Django's shortcut, for objects of a scoped model only when they are in the user's scope."""
        try:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
        except ObjectDoesNotExist:
            raise Http404("Không tìm thấy mục này.") from None
        if model is not None and is_scoped(model):
            try:
                in_reach = scoped(model._default_manager.filter(pk=object_id), request.user).exists()
            except (ValueError, TypeError):
                in_reach = False
            if not in_reach:
                raise Http404("Không tìm thấy mục này hoặc bạn không có quyền xem.")
        return shortcut(request, content_type_id, object_id)

    def index(self, request, extra_context=None):
        """The admin home starts with what waits for the user (``publishing.queues``)."""
        models = [model for model in self._registry if issubclass(model, Publishable)]
        extra_context = {**(extra_context or {}), "queues": queues_for(request.user, models)}
        return super().index(request, extra_context)

    def notice_settings(self, request):
        """Each user turns the workflow's e-mail notices and reminders on or off for themselves."""
        preference = NoticePreference.objects.filter(user=request.user).first() or NoticePreference(user=request.user)
        form = NoticePreferenceForm(request.POST if request.method == "POST" else None, instance=preference)
        if request.method == "POST" and form.is_valid():
            form.save()
            state = "sẽ nhận" if preference.email_notices else "sẽ không nhận"
            messages.success(request, f"Đã lưu: bạn {state} thư thông báo.")
            return redirect("admin:notice-settings")
        context = {
            **self.each_context(request), "title": "Thư thông báo", "form": form,
            "address": request.user.email,
        }
        return TemplateResponse(request, "admin/publishing/notice_settings.html", context)

    def get_urls(self):
        urls = super().get_urls()
        for index, pattern in enumerate(urls):
            if getattr(pattern, "name", None) == "view_on_site":
                urls[index] = path(
                    "r/<int:content_type_id>/<path:object_id>/", self.admin_view(self.view_on_site),
                    name="view_on_site",
                )
        return [path("thong-bao/", self.admin_view(self.notice_settings), name="notice-settings"), *urls]
