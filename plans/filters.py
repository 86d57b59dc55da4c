"""The archive's parameters: one FilterSet owns their names, validation and messages.

It only validates: ``plans.selectors.archive`` turns its cleaned values into plans,
counts and facets. ``LocalityFilter`` and ``province_choices`` serve the news list too.
"""

import django_filters
from django import forms

from plans import selectors, unit_lookup
from plans.models import MAX_PLAN_YEAR, MIN_PLAN_YEAR, UNKNOWN_YEAR, UNKNOWN_YEAR_LABEL, Agency, Locality, Plan
from publishing.filters import EchoSafeHiddenInput, LookupFilter, PortalFilterSet, PublicForm, SearchInput

MAX_QUERY_LENGTH = 200


class PlanYearField(forms.IntegerField):
    """A plan year, or ``chua-ro-nam``: the plans whose text states no year."""

    def to_python(self, value):
        if isinstance(value, str) and value.strip() == UNKNOWN_YEAR:
            return UNKNOWN_YEAR
        return super().to_python(value)

    def run_validators(self, value):
        if value != UNKNOWN_YEAR:
            super().run_validators(value)


class ArchiveYearFilter(django_filters.Filter):
    field_class = PlanYearField


def province_choices(chosen):
    """Today's provinces, then the former ones marked "(trước 2025)" in their own group, plus
    the unit chosen by a link or landing page (a district, a commune)."""
    current, former = selectors.provinces()
    choices = [("", "Cả nước"), *current, *([("Tỉnh, thành phố trước 2025", former)] if former else [])]
    listed = {slug for slug, _ in (*current, *former)}
    if isinstance(chosen, Locality) and chosen.slug not in listed:
        choices.append((chosen.slug, getattr(chosen, "label", None) or str(chosen)))
    return choices


def LocalityFilter(*, lookup=Locality.objects.remembered_lookup, **kwargs):  # noqa: N802 - declared like a filter class
    """The ``locality`` parameter of public lists: a slug, a GSO code or a name, shown as provinces."""
    return LookupFilter(
        label="Địa bàn", lookup=lookup, widget=forms.Select,
        not_found="Không tìm thấy địa bàn “%(value)s”. Hãy chọn tỉnh, thành phố trong danh sách.", **kwargs,
    )


class PlanFilter(PortalFilterSet):
    """The archive's parameters, validated; the order of declaration is the order in links."""

    q = django_filters.CharFilter(
        label="Từ khóa", max_length=MAX_QUERY_LENGTH,
        help_text="Tìm theo số ký hiệu, trích yếu, cơ quan, nội dung; gõ có dấu hay không dấu đều được.",
        widget=SearchInput(attrs={"placeholder": "Ví dụ: cai cach hanh chinh"}),
        error_messages={"max_length": "Từ khóa quá dài: tối đa %(limit_value)d ký tự (đã nhập %(show_value)d)."},
    )
    year = ArchiveYearFilter(
        label="Năm kế hoạch", min_value=MIN_PLAN_YEAR, max_value=MAX_PLAN_YEAR, widget=forms.Select,
        error_messages={
            "invalid": f"Năm phải là một số, ví dụ 2024, hoặc “{UNKNOWN_YEAR}” ({UNKNOWN_YEAR_LABEL.lower()}).",
            "min_value": "Năm phải từ %(limit_value)s trở đi.",
            "max_value": "Năm phải trước %(limit_value)s.",
        },
    )
    # A name several units bear is not guessed: the archive lists them (``namesakes``).
    locality = LocalityFilter(lookup=unit_lookup.find_locality)
    agency = LookupFilter(
        label="Cơ quan ban hành", lookup=lambda slug: Agency.objects.filter(slug=slug).first(),
        not_found="Không tìm thấy cơ quan “%(value)s”.", widget=EchoSafeHiddenInput,
    )
    channel = LookupFilter(
        label="Hình thức tuyên truyền", lookup=lambda slug: selectors.channels().get(slug),
        not_found="Không có hình thức tuyên truyền này.", widget=forms.Select,
    )
    topic = django_filters.ChoiceFilter(
        label="Chủ đề", choices=Plan.Topic.choices, empty_label="Tất cả chủ đề",
        error_messages={"invalid_choice": "Không có chủ đề này."},
    )
    withdrawn = django_filters.BooleanFilter(label="Hiện cả kế hoạch đã thu hồi", widget=forms.CheckboxInput)
    sort = django_filters.ChoiceFilter(
        label="Sắp xếp", choices=selectors.SORT_CHOICES, empty_label=None,
        error_messages={"invalid_choice": "Không có cách sắp xếp này."},
    )

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        # The choices show the chosen values, so they are built once these are validated.
        self.form.fields["channel"].widget.choices = [
            ("", "Tất cả hình thức"), *((slug, channel.name) for slug, channel in selectors.channels().items())
        ]
        self.form.fields["locality"].widget.choices = province_choices(self.selected("locality"))
        years = selectors.plan_years()
        chosen = self.selected("year")
        if isinstance(chosen, int) and chosen not in years:
            years = sorted([*years, chosen], reverse=True)
        if selectors.some_plan_without_year() or chosen == UNKNOWN_YEAR:
            years = [*years, UNKNOWN_YEAR]
        self.form.fields["year"].widget.choices = [
            ("", "Tất cả các năm"), *((str(year), selectors.year_label(year)) for year in years)
        ]

    @property
    def namesakes(self):
        """The units an ambiguous ``locality`` names (``unit_lookup.Namesakes``), or None."""
        chosen = self.selected("locality")
        return chosen if isinstance(chosen, unit_lookup.Namesakes) else None

    def query(self):
        """The valid parameters as the selector takes them (an invalid or ambiguous one is left out)."""
        return selectors.ArchiveQuery(**{
            name: value for name, value in self.cleaned.items()
            if value not in (None, "") and not isinstance(value, unit_lookup.Namesakes)
        })

    class Meta:
        model = Plan
        fields = []
        form = PublicForm
