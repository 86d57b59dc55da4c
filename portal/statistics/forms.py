"""The parameters of /thong-ke/ and /thong-ke/bao-phu/: validated here, with the archive's messages."""

from django import forms
from django.utils import timezone

from plans import selectors, unit_lookup
from plans.coverage import AGENCY_LEVEL
from plans.filters import province_choices
from plans.models import MAX_PLAN_YEAR, MIN_PLAN_YEAR, Locality
from publishing.filters import NO_NULL_CHARACTERS, LookupField, PublicForm

YEAR_ERRORS = {
    "invalid": "Năm phải là một số, ví dụ 2024.",
    "min_value": "Năm phải từ %(limit_value)s trở đi.",
    "max_value": "Năm phải trước %(limit_value)s.",
}
CHARTS = {
    "nam": "Kế hoạch theo năm",
    "bao-phu": "Mức độ bao phủ",
    "hinh-thuc": "Hình thức tuyên truyền",
    "so-hinh-thuc": "Số hình thức mỗi kế hoạch",
    "tin-bai": "Tin bài theo tháng",
}
LEVEL_CHOICES = [
    ("", "Tất cả các cấp"), *((str(value), label) for value, label in Locality.Level.choices),
    (str(AGENCY_LEVEL), "Sở, ban, ngành"),
]
SORT_CHOICES = [("ten", "Theo tên"), ("cap", "Theo cấp"), ("ngay", "Theo ngày ban hành"), ("ty-le", "Theo tỷ lệ")]


def _find_one_locality(value):
    """A unit, or a ValidationError naming the units a shared name could mean (never a guess)."""
    found = unit_lookup.find_locality(value)
    if isinstance(found, unit_lookup.Namesakes):
        names = "; ".join(label for label, _ in found.units[:5])
        raise forms.ValidationError(f"“{value}” là tên của nhiều đơn vị ({names}). Hãy chọn trong danh sách.")
    return found


class AreaYearForm(PublicForm):
    """A year (this year by default) and an area (the whole country by default)."""

    year = forms.IntegerField(
        label="Năm kế hoạch", required=False, min_value=MIN_PLAN_YEAR, max_value=MAX_PLAN_YEAR,
        widget=forms.Select, error_messages=YEAR_ERRORS,
    )
    locality = LookupField(
        label="Địa bàn", required=False, lookup=_find_one_locality, widget=forms.Select,
        not_found="Không tìm thấy địa bàn “%(value)s”. Hãy chọn tỉnh, thành phố trong danh sách.",
    )

    def __init__(self, data=None, *args, years=None, **kwargs):
        """``years``: those to offer (the years with public plans by default)."""
        super().__init__(data, *args, **kwargs)
        for field in self.fields.values():
            field.validators = [NO_NULL_CHARACTERS, *field.validators]
        self.offer_years(selectors.plan_years() if years is None else years)
        self.fields["locality"].widget.choices = province_choices(self.cleaned_value("locality"))

    def offer_years(self, years):
        """The year list: ``years``, this year and the chosen one, newest first."""
        chosen = self.cleaned_value("year")
        years = sorted({*years, timezone.localdate().year, *([chosen] if chosen else [])}, reverse=True)
        self.fields["year"].widget.choices = [(str(year), str(year)) for year in years]

    def cleaned_value(self, name):
        """The valid value of ``name`` (None when absent or invalid), the form validated once."""
        if not self.is_bound:
            return None
        self.errors  # noqa: B018 - validates the form once
        return self.cleaned_data.get(name)

    @property
    def chosen_year(self):
        return self.cleaned_value("year") or timezone.localdate().year

    @property
    def chosen_area(self):
        return self.cleaned_value("locality")

    def params(self):
        """The valid parameters as the canonical address spells them, in field order."""
        params = {}
        for name in self.fields:
            value = self.cleaned_value(name)
            if value not in (None, "", False):
                params[name] = "on" if value is True else value.slug if hasattr(value, "slug") else str(value)
        return params


class StatisticsForm(AreaYearForm):
    format = forms.ChoiceField(
        label="Định dạng", required=False, choices=[("", "Trang web"), ("csv", "CSV")], widget=forms.HiddenInput,
        error_messages={"invalid_choice": "Chỉ có định dạng csv."},
    )
    chart = forms.ChoiceField(
        label="Biểu đồ", required=False, choices=[("", "")] + list(CHARTS.items()), widget=forms.HiddenInput,
        error_messages={"invalid_choice": "Không có biểu đồ này."},
    )


class CoverageForm(AreaYearForm):
    level = forms.ChoiceField(
        label="Cấp", required=False, choices=LEVEL_CHOICES, error_messages={"invalid_choice": "Không có cấp này."},
    )
    missing = forms.BooleanField(label="Chỉ đơn vị chưa có kế hoạch", required=False)
    sort = forms.ChoiceField(
        label="Sắp xếp", required=False, choices=SORT_CHOICES,
        error_messages={"invalid_choice": "Không có cách sắp xếp này."},
    )
    format = forms.ChoiceField(
        label="Định dạng", required=False, choices=[("", "Trang web"), ("csv", "CSV")], widget=forms.HiddenInput,
        error_messages={"invalid_choice": "Chỉ có định dạng csv."},
    )
