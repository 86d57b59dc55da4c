"""The public archive: /ke-hoach/ with its filters, facets and landing pages."""

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import render

from plans.filters import PlanFilter
from plans.models import Plan
from plans.selectors import archive_count, archive_facets, facet_link

PAGE_SIZE = 20
# Past this, an OFFSET scan costs more than a reader gains: narrowing the filters is the way on.
MAX_PAGES = 250


class ArchivePaginator(Paginator):
    """At most ``MAX_PAGES`` pages. ``count`` may be given (a cached or capped count), and
    ``complete=False`` says there are more items than ``count``."""

    def __init__(self, object_list, per_page, *, count=None, complete=True, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        if count is not None:
            self.__dict__["count"] = count  # Paginator.count is a cached_property
        self.complete = complete

    @property
    def num_pages(self):
        return min(super().num_pages, MAX_PAGES)

    @property
    def is_capped(self):
        return not self.complete or self.count > MAX_PAGES * self.per_page

    def page(self, number):
        """The page's rows in two steps when ``object_list`` is a queryset: their ids first
        (a narrow query PostgreSQL can answer from an index alone, however deep the page),
        then those rows with their relations. One SQL statement: the ids are a subquery.
        """
        if not isinstance(self.object_list, QuerySet):
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        ids = self.object_list.values("pk")[bottom:top]
        return self._get_page(self.object_list.filter(pk__in=ids), number, self)

    def get_page(self, number):
        """Every page parameter gets a page: junk or below 1 gives the first, past the end the last."""
        try:
            number = int(number)
        except (TypeError, ValueError):
            number = 1
        return self.page(min(max(number, 1), self.num_pages))


def plan_list(request, year=None, locality=None):
    """The archive. Landing pages (/ke-hoach/nam-2024/, /ke-hoach/dia-ban/<slug>/) only preset a parameter."""
    data = request.GET.copy()
    landing = {name: str(value) for name, value in (("year", year), ("locality", locality)) if value is not None}
    data.update(landing)
    filterset = PlanFilter(data, queryset=Plan.objects.public())
    if landing and any(name in filterset.errors for name in landing):
        raise Http404("Không có trang này.")

    plans = filterset.qs
    count, complete = archive_count(filterset, plans)
    if filterset.selected("q") and complete:
        plans = filterset.sorted_for_few(plans)
    page = ArchivePaginator(plans.with_listing_relations(), PAGE_SIZE, count=count, complete=complete)
    page = page.get_page(data.get("page"))
    context = {
        "filterset": filterset,
        "form": filterset.form,
        "page_obj": page,
        "plans": page.object_list,
        "facets": archive_facets(filterset, counted=complete),
        "active_filters": active_filters(filterset),
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
    }
    return render(request, "plans/plan_list.html", context, status=400 if filterset.errors else 200)


def active_filters(filterset):
    """(label, value, link without it) for each parameter in force, to show and remove."""
    chips = []
    for name, field in filterset.form.fields.items():
        value = filterset.selected(name)
        if value in (None, "", False) or name == "sort":
            continue
        shown = dict(field.choices).get(value, value) if name == "topic" else "có" if value is True else value
        chips.append((field.label, str(shown), facet_link(filterset, **{name: None})))
    return chips
