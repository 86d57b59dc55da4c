"""The news list's parameters: one FilterSet owns their names, validation and messages."""

import django_filters
from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.db.models import Q

from news.models import Article, Category
from plans.filters import NO_NULL_CHARACTERS, LookupFilter
from plans.models import Locality


class ArticleFilter(django_filters.FilterSet):
    """Filters over published articles; apply it to ``Article.objects.published()``."""

    category = LookupFilter(
        label="Chuyên mục", method="filter_category", lookup=None,  # set in __init__ from the categories' choices
        not_found="Không có chuyên mục “%(value)s”. Hãy chọn một chuyên mục trong danh sách.", widget=forms.Select,
    )
    locality = LookupFilter(
        label="Địa bàn", method="filter_locality", lookup=Locality.objects.lookup,
        not_found="Không tìm thấy địa bàn “%(value)s”. Hãy chọn tỉnh, thành phố trong danh sách.",
        widget=forms.Select,
    )

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        for field in self.form.fields.values():
            field.validators = [
                NO_NULL_CHARACTERS if isinstance(validator, ProhibitNullCharactersValidator) else validator
                for validator in field.validators
            ]
        # One query gives both the choices and the lookup: there are a handful of categories.
        categories = list(Category.objects.all())
        category = self.form.fields["category"]
        category.lookup = {item.slug: item for item in categories}.get
        category.widget.choices = [("", "Tất cả chuyên mục"), *((item.slug, item.name) for item in categories)]
        # The choices show the chosen value, so they are built after validating it.
        self.form.fields["locality"].widget.choices = self._locality_choices()

    def _locality_choices(self):
        """Today's provinces, plus the unit a link chose (a district, a former province)."""
        provinces = Locality.objects.current().filter(level=Locality.Level.PROVINCE).order_by("name")
        choices = [("", "Cả nước"), *((unit.slug, unit.name) for unit in provinces)]
        chosen = self.cleaned.get("locality")
        if chosen is not None and chosen.slug not in {slug for slug, _ in choices}:
            choices.append((chosen.slug, str(chosen)))
        return choices

    @property
    def cleaned(self):
        """The valid parameters (an invalid one is left out and reported in ``errors``)."""
        if not self.is_bound:
            return {}
        self.errors  # noqa: B018 - validates the form once
        return self.form.cleaned_data

    def filter_category(self, queryset, name, value):
        return queryset.filter(category=value) if value is not None else queryset

    def filter_locality(self, queryset, name, value):
        """Articles about ``value``, about any unit inside it, or about a unit merged into it."""
        if value is None:
            return queryset
        condition = Q()
        for path in value.lineage_paths:
            condition |= Q(locality__path__startswith=path)
        return queryset.filter(condition)

    class Meta:
        model = Article
        fields = []
