"""The public forms' selects (``publishing.filters.PublicSelect``) write what Django's own select
writes, option for option, so a reader, a screen reader and the HTML checker see no difference."""

from html import unescape

import pytest
from django import forms
from django.forms.renderers import Jinja2

from publishing.filters import PublicForm, PublicSelect

PROVINCES = [
    ("", "Cả nước"),
    ("ha-noi", "Thành phố Hà Nội"),
    ("tra-vinh", "Tỉnh Trà Vinh"),
    ("Tỉnh, thành phố trước 2025", [("kon-tum", "Tỉnh Kon Tum (đến 30/06/2025)"), ("ha-tay", "Tỉnh Hà Tây")]),
]
HOSTILE = [("", "Tất cả"), ('"><script>alert(1)</script>', "<b>Báo & đài</b>"), (2024, "Năm 2024"), (None, "Không")]


def both(choices, value, attrs=None):
    # Django's Jinja2 widget templates: its Django-template ones write a blank line after each option.
    django_select = forms.Select(choices=choices).render("locality", value, attrs, renderer=Jinja2())
    ours = PublicSelect(choices=choices).render("locality", value, attrs)
    return ours, django_select


@pytest.mark.parametrize("choices", [PROVINCES, HOSTILE])
@pytest.mark.parametrize("value", [None, "", "tra-vinh", "kon-tum", "2024", 2024, '"><script>alert(1)</script>', "unknown"])
def test_a_public_select_writes_what_djangos_select_writes(choices, value):
    ours, django_select = both(choices, value, {"id": "id_locality", "required": True, "disabled": False,
                                                "aria-describedby": "id_locality_helptext"})

    assert unescape(ours) == unescape(django_select)  # Django writes " as &quot;, Jinja2 as &#34;
    assert "<script>" not in ours and "<b>" not in ours


def test_only_the_first_matching_option_is_selected():
    ours, django_select = both([("a", "A"), ("a", "A again"), ("b", "B")], "a")

    assert unescape(ours) == unescape(django_select)
    assert ours.count(" selected") == 1


class AreaForm(PublicForm):
    locality = forms.ChoiceField(label="Địa bàn", choices=PROVINCES, widget=forms.Select, help_text="Chọn tỉnh.")


def test_a_public_forms_select_is_drawn_by_it_with_the_fields_own_attributes():
    form = AreaForm({"locality": "nowhere"})
    assert not form.is_valid()

    html = str(form["locality"])

    assert type(form.fields["locality"].widget) is PublicSelect
    opening = html.split(">", 1)[0]
    for attribute in ('name="locality"', 'id="id_locality"', 'aria-invalid="true"', " required",
                      'aria-describedby="id_locality_helptext id_locality_error"'):
        assert attribute in opening
    assert '<optgroup label="Tỉnh, thành phố trước 2025">' in html and '<option value="" selected>' not in html
    assert type(AreaForm.base_fields["locality"].widget) is forms.Select  # the declaration is left as it was
