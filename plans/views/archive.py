"""The public archive: /ke-hoach/ with its filters, facets and landing pages."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from plans.filters import PlanFilter
from plans.models import Plan
from plans.selectors import archive_facets, facet_link

PAGE_SIZE = 20
# Past this, an OFFSET scan costs more than a reader gains: narrowing the filters is the way on.
MAX_PAGES = 250


class ArchivePaginator(Paginator):
    @property
    def num_pages(self):
        return min(super().num_pages, MAX_PAGES)

    @property
    def is_capped(self):
        return self.count > MAX_PAGES * self.per_page

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

    page = ArchivePaginator(filterset.qs.with_listing_relations(), PAGE_SIZE).get_page(data.get("page"))
    context = {
        "filterset": filterset,
        "form": filterset.form,
        "page_obj": page,
        "plans": page.object_list,
        "facets": archive_facets(filterset),
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
