"""Pieces every public filter form shares: lookups by slug, Vietnamese messages, safe echoes."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.forms.renderers import Jinja2
from django.utils.safestring import mark_safe
from markupsafe import escape

# Django's own message for this has no Vietnamese translation.
NO_NULL_CHARACTERS = ProhibitNullCharactersValidator(message="Dữ liệu nhập có ký tự không hợp lệ (ký tự null).")


class PublicSelect(forms.Select):
    """A select whose options are written out in Python: the same HTML as Django's ``Select``
    (tests/test_public_select.py compares them), without a dictionary, a template and
    ``format_html`` for each option, which took 2 of the 13 ms of an uncached archive page for its
    hundred provinces. Escaped by markupsafe, as Jinja2 escapes."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            attrs["multiple"] = True
        chosen = self.format_value(value)
        html = [f'<select name="{escape(name)}"', *_attributes(attrs), ">"]
        has_selected = False
        for group_value, group_label in self.choices:
            grouped = isinstance(group_label, (list, tuple))
            if grouped:
                html.append(f'\n  <optgroup label="{escape("" if group_value is None else group_value)}">')
            for option_value, option_label in group_label if grouped else [(group_value, group_label)]:
                option_value = "" if option_value is None and not grouped else option_value
                selected = (not has_selected or self.allow_multiple_selected) and str(option_value) in chosen
                has_selected |= selected
                html.append(f'\n  <option value="{escape(option_value)}"{" selected" if selected else ""}>{escape(option_label)}</option>')
            if grouped:
                html.append("\n  </optgroup>")
        html.append("\n</select>")
        return mark_safe("".join(html))  # noqa: S308 - every value escaped


def _attributes(attrs):
    """Each attribute as Django's widget templates write it: a True one bare, a False one left out."""
    for name, value in attrs.items():
        if value is True:
            yield f" {escape(name)}"
        elif value is not False:
            yield f' {escape(name)}="{escape(value)}"'


class PublicForm(forms.Form):
    """A form of the public pages: its plain selects are ``PublicSelect``, its other widgets are
    drawn by Django's own Jinja2 widget templates (a third of the time of its Django-template ones)."""

    default_renderer = Jinja2()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if type(field.widget) is forms.Select:  # not a subclass, which may draw its options otherwise
                field.widget.__class__ = PublicSelect  # the same widget, drawn faster: it adds no state


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
