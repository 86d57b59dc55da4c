"""The admin site: Django's, with two doors narrowed to what the user may see.

- "Xem trên trang web" (``/quan-tri/r/<content type>/<id>/``) redirects only to objects in
  the user's scope: Django's shortcut gives any staff user the address (slug with the
  number and issuer) of every unit's drafts.
- The autocomplete endpoint answers 400 to a request naming anything but a forward
  relation (Django's view fails with a 500 on a reverse relation's name).
"""

from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.http import Http404, HttpResponseBadRequest
from django.urls import path

from publishing.access import is_scoped, scoped

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

    def get_urls(self):
        urls = super().get_urls()
        for index, pattern in enumerate(urls):
            if getattr(pattern, "name", None) == "view_on_site":
                urls[index] = path(
                    "r/<int:content_type_id>/<path:object_id>/", self.admin_view(self.view_on_site),
                    name="view_on_site",
                )
        return urls
