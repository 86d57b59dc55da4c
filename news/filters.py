"""The news list's parameters: one FilterSet owns their names, validation and messages."""

from django import forms

from news.models import Article, Category
from news.selectors import published_count
from plans.filters import LocalityFilter, province_choices
from plans.models import Plan
from publishing.filters import EchoSafeHiddenInput, LookupFilter, PortalFilterSet, PublicForm
from publishing.remember import reference


class ArticleFilter(PortalFilterSet):
    """Filters over published articles; apply it to ``Article.objects.published()``."""

    category = LookupFilter(
        label="Chuyên mục", method="filter_category", lookup=None,  # set in __init__ from the categories' choices
        not_found="Không có chuyên mục “%(value)s”. Hãy chọn một chuyên mục trong danh sách.", widget=forms.Select,
    )
    locality = LocalityFilter(method="filter_locality")

    plan = LookupFilter(
        field_name="plans", label="Kế hoạch",
        lookup=lambda slug: Plan.objects.published().filter(slug=slug).only("slug", "title").first(),
        not_found="Không có kế hoạch “%(value)s”.", widget=EchoSafeHiddenInput,
    )

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        # One list gives both the choices and the lookup: there are a handful of categories.
        categories = reference("news:categories", lambda: list(Category.objects.all()))
        category = self.form.fields["category"]
        category.lookup = {item.slug: item for item in categories}.get
        category.widget.choices = [("", "Tất cả chuyên mục"), *((item.slug, item.name) for item in categories)]
        # The choices show the chosen value, so they are built after validating it.
        self.form.fields["locality"].widget.choices = province_choices(self.selected("locality"))

    def tallied_count(self):
        """How many articles ``qs`` holds, from the month tallies instead of counting them; None when
        they cannot tell (a category or a plan chosen, a unit below a province: ``published_count``)."""
        chosen = {name for name, value in self.cleaned.items() if value not in (None, "")}
        if chosen - {"locality"}:
            return None
        return published_count(self.selected("locality"))

    def filter_category(self, queryset, name, value):
        return queryset.filter(category=value) if value is not None else queryset

    def filter_locality(self, queryset, name, value):
        """Articles about ``value``, about any unit inside it, or about a unit merged into it."""
        return queryset.filter(value.covering()) if value is not None else queryset

    class Meta:
        model = Article
        fields = []
        form = PublicForm
