"""The public archive: /ke-hoach/ with its filters, facets and landing pages."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from plans.cards import cards
from plans.filters import PlanFilter
from plans.models import UNKNOWN_YEAR
from plans.selectors import archive, year_label
from publishing.cache import cache_if_canonical
from publishing.pagination import ArchivePaginator

PAGE_SIZE = 20


def plan_list(request, year=None, locality=None):
    """The archive. Landing pages (/ke-hoach/nam-2024/, /ke-hoach/chua-ro-nam/, /ke-hoach/dia-ban/<slug>/)
    only preset a parameter."""
    data = request.GET.copy()
    landing = {name: str(value) for name, value in (("year", year), ("locality", locality)) if value is not None}
    data.update(landing)
    filterset = PlanFilter(data)
    if landing and any(name in filterset.errors for name in landing):
        raise Http404("Không có trang này.")

    query = filterset.query()
    if filterset.namesakes is not None:
        return ask_which_locality(request, filterset, query)
    found = archive(query)
    page = ArchivePaginator(found.plans, PAGE_SIZE, count=found.count, complete=found.complete)
    page = page.get_page(data.get("page"))
    context = {
        "filterset": filterset,
        "form": filterset.form,
        "page_obj": page,
        "plans": cards(page.object_list),
        "facets": found.facets,
        "active_filters": active_filters(filterset, query),
        "locality": query.locality,
        "namesakes": [(label, query.url(locality=slug)) for label, slug in getattr(query.locality, "namesakes", ())],
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
        **data_links(query),
    }
    response = render(request, "plans/plan_list.html", context, status=400 if filterset.errors else 200)
    if filterset.errors:
        return response
    path, params = canonical_address(query, landing)
    return cache_if_canonical(
        request, response, params, path=path, page=page, search=bool(query.q), scopes=query.scopes(),
    )


def data_links(query):
    """The same plans as data: the Atom feed (newest first, so without ``sort``) and the downloads."""
    def with_params(name, params):
        return reverse(name) + (f"?{urlencode(params)}" if params else "")

    return {
        "feed_url": with_params("plans:feed", query.params(sort=None)),
        "csv_url": with_params("plans:data-csv", query.params()),
        "json_url": with_params("plans:data-json", query.params()),
    }


def ask_which_locality(request, filterset, query):
    """A name several units bear: the page lists them, with no plans, instead of guessing.

    Not kept in the page cache: the lookup behind it is (``unit_lookup.find_locality``)."""
    namesakes = filterset.namesakes
    context = {
        "filterset": filterset,
        "form": filterset.form,
        "asking": True,
        "namesakes": [(label, query.url(locality=slug)) for label, slug in namesakes.units],
        "namesakes_more": namesakes.more,
        "active_filters": active_filters(filterset, query),
    }
    return render(request, "plans/plan_list.html", context, status=400 if filterset.errors else 200)


def canonical_address(query, landing):
    """(path, parameters) of the archive page showing ``query``: a landing page keeps its
    preset parameter in the path, the others follow in the order links spell them."""
    params = query.params()
    if "year" in landing and query.year == UNKNOWN_YEAR:
        params.pop("year")
        return reverse("plans:list-unknown-year"), params
    if "year" in landing:
        return reverse("plans:list-year", kwargs={"year": params.pop("year")}), params
    if "locality" in landing:
        return reverse("plans:list-locality", kwargs={"locality": params.pop("locality")}), params
    return reverse("plans:list"), params


def active_filters(filterset, query):
    """(label, value, link without it) for each parameter in force, to show and remove."""
    chips = []
    for name, field in filterset.form.fields.items():
        value = getattr(query, name)
        if value in (None, "", False) or name == "sort":
            continue
        if name == "topic":
            shown = dict(field.choices).get(value, value)
        elif name == "year":
            shown = year_label(value)
        elif name == "locality":
            shown = value.label
        else:
            shown = "có" if value is True else value
        chips.append((field.label, str(shown), query.url(**{name: None})))
    return chips
