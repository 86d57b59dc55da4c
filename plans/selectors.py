"""Reads for the archive beyond a queryset method: counts, facets and their links.

Counts and facet numbers are kept in the cache per filter combination for the
current content version (see ``portal.cache``): publishing or withdrawing
anything starts them afresh, and the first reader of a combination computes them.
"""

from collections import Counter
from dataclasses import dataclass, replace

from django.db.models import Count
from django.urls import reverse
from django.utils.http import urlencode

from plans.models import MAX_SEARCH_WORDS, Locality
from plans.search import query_words
from portal.cache import remember
from portal.text import fold

# A search counts its matches up to this many; past it the page says "more than".
SEARCH_COUNT_CAP = 1000


@dataclass(frozen=True)
class FacetItem:
    label: str
    count: int | None  # None: not counted (a search too broad to count)
    url: str
    selected: bool = False


def canonical_params(filterset, **changes):
    """The valid parameters of ``filterset`` as strings, with ``changes`` applied (None drops one).

    Links are built from cleaned values, so a facet link never carries a bad
    parameter along, and repeated or unknown parameters disappear.
    """
    params = filterset.params()
    if params.get("sort") == "newest":
        del params["sort"]
    for name, value in changes.items():
        if value is None:
            params.pop(name, None)
        else:
            params[name] = str(value)
    return params


def archive_url(params):
    url = reverse("plans:list")
    return f"{url}?{urlencode(params)}" if params else url


def facet_link(filterset, **changes):
    return archive_url(canonical_params(filterset, **changes))


def summary_key(filterset, part, ignored=()):
    """Cache key of a count or facet over ``filterset``'s valid parameters minus ``ignored``.

    Sort and page do not change a count, and ``q`` is folded as the search folds it,
    so ``Cải cách`` and ``cai  cach`` share one entry.
    """
    params = canonical_params(filterset)
    for name in ("sort", *ignored):
        params.pop(name, None)
    if "q" in params:
        params["q"] = " ".join(query_words(params["q"], MAX_SEARCH_WORDS))
    return f"archive:{part}:{urlencode(sorted(params.items()))}"


def archive_count(filterset, queryset):
    """(number of plans, whether that is all of them).

    Kept per filter combination for the content version. A search counts at most
    ``SEARCH_COUNT_CAP`` matches: a common word matches most of the archive, and
    counting all of them costs seconds at national scale for a number nobody pages through.
    """
    if filterset.selected("q"):
        def compute():
            found = queryset.order_by()[:SEARCH_COUNT_CAP + 1].count()
            return min(found, SEARCH_COUNT_CAP), found <= SEARCH_COUNT_CAP
    else:
        def compute():
            return queryset.order_by().count(), True
    return remember(summary_key(filterset, "count"), compute)


def year_facet(filterset, ignored=()):
    """Years with their plan counts; a 2019–2020 plan counts in both years."""
    ignored = (*ignored, "year")

    def compute():
        counts = Counter()
        rows = filterset.queryset_without(*ignored).order_by().values("period_start", "period_end").annotate(n=Count("pk"))
        for row in rows:
            for year in range(row["period_start"], row["period_end"] + 1):
                counts[year] += row["n"]
        return sorted(counts.items(), reverse=True)

    chosen = filterset.selected("year")
    return [
        FacetItem(str(year), count, facet_link(filterset, year=year), year == chosen)
        for year, count in remember(summary_key(filterset, "years", ignored), compute)
    ]


def channel_facet(filterset, ignored=()):
    ignored = (*ignored, "channel")

    def compute():
        rows = (
            filterset.queryset_without(*ignored).order_by()
            .filter(channels__isnull=False)
            .values("channels__slug", "channels__name", "channels__position")
            .annotate(n=Count("pk"))
            .order_by("channels__position", "channels__name")
        )
        return [(row["channels__name"], row["channels__slug"], row["n"]) for row in rows]

    chosen = filterset.selected("channel")
    return [
        FacetItem(name, count, facet_link(filterset, channel=slug), chosen is not None and chosen.slug == slug)
        for name, slug, count in remember(summary_key(filterset, "channels", ignored), compute)
    ]


def locality_facet(filterset, ignored=()):
    """The units one level below the chosen one (or today's provinces), with plan counts.

    Two queries whatever the size: the plans grouped by locality path, then the
    units those paths fall under. Today's province lists its communes and the
    former provinces merged into it; a former province lists its districts.
    """
    chosen = filterset.selected("locality")

    def compute():
        rows = filterset.queryset_without(*ignored).order_by().values("locality__path").annotate(n=Count("pk"))
        if chosen is None:
            return _province_counts(rows)
        counts = Counter()
        for row in rows:
            child = _child_path(chosen, row["locality__path"])
            if child:
                counts[child] += row["n"]
        units = Locality.objects.filter(path__in=counts)
        return sorted(
            ((_unit_label(unit), unit.slug, counts[unit.path]) for unit in units),
            key=lambda item: (item[0].endswith(")"), fold(item[0])),
        )

    return [
        FacetItem(label, count, facet_link(filterset, locality=slug))
        for label, slug, count in remember(summary_key(filterset, "localities", ignored), compute)
    ]


def _province_counts(rows):
    provinces = list(Locality.objects.filter(level=Locality.Level.PROVINCE))
    by_path = {unit.path: unit for unit in provinces}
    by_pk = {unit.pk: unit for unit in provinces}
    counts = Counter()
    for row in rows:
        province = by_path.get(row["locality__path"].split("/", 1)[0] + "/")
        if province is not None:
            # A former province's plans count under the province that took it over.
            counts[by_pk.get(province.successor_id, province)] += row["n"]
    return sorted(((_unit_label(unit), unit.slug, n) for unit, n in counts.items()), key=lambda item: fold(item[0]))


def _child_path(chosen, path):
    if path.startswith(chosen.path):
        rest = path[len(chosen.path):]
        return chosen.path + rest.split("/", 1)[0] + "/" if rest else None
    for prefix in chosen.lineage_paths[1:]:
        if path.startswith(prefix):
            return prefix
    return None


def _unit_label(unit):
    if unit.valid_until:
        return f"{unit.name} (đến {unit.valid_until:%d/%m/%Y})"
    return unit.name


def archive_facets(filterset, counted=True):
    """The three facets. Under a search too broad to count (``counted`` false) they list
    what the other filters give, without numbers: each link still narrows the search."""
    ignored = () if counted else ("q",)
    facets = {
        "years": year_facet(filterset, ignored),
        "localities": locality_facet(filterset, ignored),
        "channels": channel_facet(filterset, ignored),
    }
    if not counted:
        facets = {name: [replace(item, count=None) for item in items] for name, items in facets.items()}
    return facets
