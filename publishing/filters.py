"""Pieces every public filter form shares: lookups by slug, Vietnamese messages, safe echoes."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.forms.renderers import Jinja2

# Django's own message for this has no Vietnamese translation.
NO_NULL_CHARACTERS = ProhibitNullCharactersValidator(message="Dữ liệu nhập có ký tự không hợp lệ (ký tự null).")


# One engine for every public form (a renderer builds its engine once, on first use).
PUBLIC_FORM_RENDERER = Jinja2()


class PublicForm(forms.Form):
    """A form of the public pages. Its widgets are drawn by Django's own Jinja2 widget templates: an
    archive page's selects (a hundred provinces, the years, the channels) take 5 ms less to draw than
    with the Django template engine, which renders each option as a template of its own (issue #20)."""

    default_renderer = PUBLIC_FORM_RENDERER

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if type(field.widget) is forms.Select:  # not a subclass, which may draw its options otherwise
                field.widget.template_name = "publishing/select.html"


class LookupField(forms.CharField):
    """A text parameter naming one row (a slug, a code...), cleaned into that row."""

    def __init__(self, *, lookup, not_found, **kwargs):
        self.lookup = lookup
        self.not_found = not_found
        kwargs.setdefault("max_length", 200)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.Select):
            attrs.pop("maxlength", None)  # not an attribute of <select>
        return attrs

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        found = self.lookup(value)
        if found is None:
            raise ValidationError(self.not_found, code="not_found", params={"value": value})
        return found


class EchoSafeMixin:
    """Shows a refused value back without its null characters, which no HTML may contain."""

    def format_value(self, value):
        value = super().format_value(value)
        return value.replace("\x00", "\ufffd") if isinstance(value, str) else value


class SearchInput(EchoSafeMixin, forms.TextInput):
    input_type = "search"


class EchoSafeHiddenInput(EchoSafeMixin, forms.HiddenInput):
    pass


class LookupFilter(django_filters.Filter):
    field_class = LookupField


class YearFilter(django_filters.Filter):
    field_class = forms.IntegerField


class PortalFilterSet(django_filters.FilterSet):
    """A FilterSet whose messages are Vietnamese and whose cleaned values are easy to read."""

    def get_form_class(self):
        """The form class of this FilterSet class, built once with a field per filter (django-filter
        builds a class and its fields for every instance: a fifth of an uncached archive page's
        Python). The forms made from it each have their own copies of the fields, as any form."""
        form_class = type(self).__dict__.get("_form_class")
        if form_class is None:
            form_class = super().get_form_class()
            for field in form_class.base_fields.values():
                field.validators = [
                    NO_NULL_CHARACTERS if isinstance(validator, ProhibitNullCharactersValidator) else validator
                    for validator in field.validators
                ]
            type(self)._form_class = form_class
        return form_class

    @property
    def cleaned(self):
        """The valid parameters (an invalid one is left out and reported in ``errors``)."""
        if not self.is_bound:
            return {}
        self.errors  # noqa: B018 - validates the form once
        return self.form.cleaned_data

    def selected(self, name):
        """The cleaned value of a parameter, or None when absent or invalid."""
        return self.cleaned.get(name)

    def params(self):
        """The valid parameters as query-string values, in declaration order: a row by its
        slug, a ticked box as "on"; absent, empty and unticked ones left out."""
        params = {}
        for name in self.filters:
            value = self.cleaned.get(name)
            if value not in (None, "", False):
                params[name] = "on" if value is True else value.slug if hasattr(value, "slug") else str(value)
        return params
