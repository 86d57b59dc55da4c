"""Reads for the archive: the plans a query matches, in its order, with their count and facets.

The path is straight: the view validates the parameters with ``PlanFilter``, turns them
into an ``ArchiveQuery`` and calls ``archive(query)``, which builds everything from
queryset methods. Counts and facet numbers are kept in the cache per filter combination
for the current content version (see ``publishing.cache``): publishing or withdrawing
anything starts them afresh, and the first reader of a combination computes them.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, fields, replace

from django.db.models import Count, F, Q, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from plans.models import MAX_SEARCH_WORDS, UNKNOWN_YEAR, UNKNOWN_YEAR_LABEL, Agency, Channel, Locality, Plan
from plans.search import query_words
from publishing.cache import remember
from publishing.text import fold, slugify_vi

# A search counts its matches up to this many; past it the page says "more than".
SEARCH_COUNT_CAP = 1000

SORTS = {
    "newest": ("Mới ban hành trước", [F("issue_date").desc(nulls_last=True), "-published_at", "-id"]),
    "oldest": ("Ban hành lâu nhất trước", [F("issue_date").asc(nulls_last=True), "published_at", "id"]),
    "number": ("Theo số ký hiệu", ["number_key", "-issue_date", "id"]),
}
SORT_CHOICES = [(key, label) for key, (label, _) in SORTS.items()]


@dataclass(frozen=True)
class ArchiveQuery:
    """The archive's valid parameters, in the order links spell them."""

    q: str = ""
    year: int | str | None = None  # a year, or UNKNOWN_YEAR
    locality: Locality | None = None
    agency: Agency | None = None
    channel: Channel | None = None
    topic: str = ""
    withdrawn: bool = False
    sort: str = "newest"

    def without(self, *names):
        return replace(self, **{name: _DEFAULTS[name] for name in names})

    def params(self, **changes):
        """The parameters as query-string values, with ``changes`` applied (None drops one).

        A row by its slug, a ticked box as "on"; defaults left out. Links are built from
        cleaned values, so a facet link never carries a bad parameter along.
        """
        query = replace(self, **{name: _DEFAULTS[name] if value is None else value for name, value in changes.items()})
        params = {}
        for name in _DEFAULTS:
            value = getattr(query, name)
            if value != _DEFAULTS[name]:
                params[name] = "on" if value is True else value.slug if hasattr(value, "slug") else str(value)
        return params

    def url(self, **changes):
        url = reverse("plans:list")
        params = self.params(**changes)
        return f"{url}?{urlencode(params)}" if params else url


_DEFAULTS = {field.name: field.default for field in fields(ArchiveQuery)}


@dataclass(frozen=True)
class FacetItem:
    label: str
    count: int | None  # None: not counted (a search too broad to count)
    url: str
    selected: bool = False


@dataclass(frozen=True)
class Archive:
    plans: object  # the matching plans, ordered, with what a card shows
    count: int
    complete: bool  # False: more than ``count`` plans match (a broad search)
    facets: dict


def archive(query):
    """The plans ``query`` matches in its order, their count and the three facets."""
    plans = matching_plans(query)
    count, complete = archive_count(query, plans)
    ordered = in_order(plans, query.sort, few=bool(query.q) and complete)
    return Archive(ordered.with_listing_relations(), count, complete, archive_facets(query, counted=complete))


def matching_plans(query):
    """Public plans matching ``query`` (unordered); withdrawn ones only on request, the search last.

    PostgreSQL tests conditions of equal cost in the order written, and a plan's words
    are the dearest to read: with the year tested first, a search in one year reads the
    words of that year's plans only (see ``make bench``).
    """
    plans = Plan.objects.public(withdrawn=query.withdrawn)
    if query.year == UNKNOWN_YEAR:
        plans = plans.without_year()
    elif query.year is not None:
        plans = plans.for_year(query.year)
    if query.locality is not None:
        plans = plans.in_locality(query.locality)
    if query.agency is not None:
        plans = plans.issued_by(query.agency)
    if query.channel is not None:
        plans = plans.with_channel(query.channel)
    if query.topic:
        plans = plans.on_topic(query.topic)
    if query.q:
        plans = plans.search(query.q)
    return plans.order_by()


def in_order(plans, sort, *, few=False):
    """``plans`` in the chosen order.

    For a search known to match ``few`` plans, the newest-first order is written so no
    index can give it: PostgreSQL then reads the matches off the search index and sorts
    them. Given the plain order, it may walk the archive's order index through every
    plan looking for them (0.9 s for a word in 10 plans). Missing issue dates sort last.
    """
    if few and sort == "newest":
        return plans.order_by(Coalesce("issue_date", Value(datetime.date.min)).desc(), "-published_at", "-id")
    return plans.order_by(*SORTS[sort][1])


def channels():
    """Every channel by slug, kept for the content version."""
    return remember("channels", lambda: {channel.slug: channel for channel in Channel.objects.all()})


def plan_years():
    """The years public plans cover, newest first, kept for the content version."""
    return _year_summary()[0]


def some_plan_without_year():
    """Whether a public plan states no year (the archive then offers "Chưa rõ năm")."""
    return _year_summary()[1]


def _year_summary():
    # The published rule, not public(): its condition matches the partial index (17 ms, not 40, at
    # national size); a year whose only plans were withdrawn is still reached with withdrawn=on.
    return remember("plan-year-summary", Plan.objects.published().year_summary)


def provinces():
    """(today's provinces, the former ones marked "(trước 2025)") as (slug, label), kept for the content version."""
    def compute():
        units = sorted(Locality.objects.filter(level=Locality.Level.PROVINCE), key=lambda unit: fold(unit.name))
        today = timezone.localdate()
        return ([(unit.slug, unit.name) for unit in units if unit.is_current(today)],
                [(unit.slug, locality_label(unit)) for unit in units if unit.valid_until and unit.valid_until < today])

    return remember("provinces:current-and-former", compute)


def locality_label(unit):
    """How the archive names a unit: with the units above it (read them with ``select_related``)
    and, for one no longer in force, the year it ended: "Tỉnh Vĩnh Phúc (trước 2025)"."""
    label = ", ".join(part.name for part in (unit, unit.parent, unit.parent and unit.parent.parent) if part)
    return f"{label} (trước {(unit.valid_until + datetime.timedelta(days=1)).year})" if unit.valid_until else label


# Kinds' words that begin a unit's full-name slug ("xa-vinh-phuc", "thanh-pho-vi-thanh").
KIND_SLUG_PREFIXES = ("tinh", "thanh-pho", "huyen", "quan", "thi-xa", "xa", "phuong", "thi-tran", "dac-khu")
NAMESAKES_SHOWN = 20


@dataclass(frozen=True)
class Namesakes:
    """A locality parameter that names several units: the archive asks which one was meant."""
    units: list  # (label, slug), current units and higher levels first, at most NAMESAKES_SHOWN
    more: int = 0  # how many more match


def find_locality(value):
    """The unit ``value`` means (with its ``label`` and other ``namesakes``), ``Namesakes``, or None.

    A slug or a GSO code is that unit. A name in any spelling, or a folded name nobody has as
    slug ("Vĩnh Phúc", "tinh-binh-dinh"), is a unit only if no other bears it: no guessing."""
    value = (value or "").strip()
    folded = slugify_vi(value)
    if not folded:
        return None
    as_slug = value == folded
    return remember(f"locality-choice:{'slug' if as_slug else 'name'}:{folded}", lambda: _find_locality(folded, as_slug))


def _find_locality(folded, as_slug):
    rows = _units_named_like(folded, code=folded if as_slug else None)
    exact = sorted(  # the slug, else the code (held by a unit before and after 2025: today's)
        (unit for unit in rows if as_slug and folded in (unit.slug, unit.code)),
        key=lambda unit: (unit.slug != folded, not unit.is_current()),
    )
    if exact:
        chosen = exact[0]
        name = _name_slug(chosen)
        namesakes = _bearing(rows if name == folded else _units_named_like(name), name)
    else:
        namesakes = _bearing(rows, folded)
        if len(namesakes) > 1:
            shown = namesakes[:NAMESAKES_SHOWN]
            return Namesakes([(locality_label(unit), unit.slug) for unit in shown], len(namesakes) - len(shown))
        if not namesakes:
            return None
        chosen = namesakes[0]
    chosen.label = locality_label(chosen)
    chosen.namesakes = [(locality_label(unit), unit.slug) for unit in namesakes if unit != chosen][:NAMESAKES_SHOWN]
    chosen.lineage_paths  # noqa: B018 - read now, so the cached unit holds it
    return chosen


def _units_named_like(folded, code=None):
    """Units whose slug may come from the name ``folded`` (and the one with ``code``): the slug rule
    (plans/localities.py) starts each slug of a unit named B with B or "<kind>-B", an indexed prefix."""
    bases = {folded, *(folded.removeprefix(f"{kind}-") for kind in KIND_SLUG_PREFIXES if folded.startswith(f"{kind}-"))}
    near = Q(code=code) if code else Q()
    for base in bases:
        near |= Q(slug=base) | Q(slug__startswith=f"{base}-truoc-")
        for kind in KIND_SLUG_PREFIXES:
            near |= Q(slug__startswith=f"{kind}-{base}")
    return list(Locality.objects.select_related("parent__parent").filter(near))


def _bearing(units, folded):
    """The ``units`` whose short or full name is ``folded``, today's and higher levels first."""
    return sorted(
        (unit for unit in units if folded in (_name_slug(unit), slugify_vi(unit.name))),
        key=lambda unit: (not unit.is_current(), unit.level, fold(unit.name), unit.path),
    )


def _name_slug(unit):
    """The short name folded, or the full one for a bare number: "quan-9", never "9"."""
    return slugify_vi(unit.name if unit.short_name.isdigit() else unit.short_name)


def summary_key(query, part):
    """Cache key of a count or facet over ``query``.

    Sort and page do not change a count, and ``q`` is folded as the search folds it,
    so ``Cải cách`` and ``cai  cach`` share one entry.
    """
    params = query.params(sort=None)
    if "q" in params:
        params["q"] = " ".join(query_words(params["q"], MAX_SEARCH_WORDS))
    return f"archive:{part}:{urlencode(sorted(params.items()))}"


def remember_summary(query, part, compute):
    """A count or facet over ``query``; one over a search (words a reader typed) is kept briefly."""
    return remember(summary_key(query, part), compute, brief=bool(query.q))


def archive_count(query, plans):
    """(number of plans, whether that is all of them).

    Kept per filter combination for the content version. A search counts at most
    ``SEARCH_COUNT_CAP`` matches: a common word matches most of the archive, and
    counting all of them costs seconds at national scale for a number nobody pages through.
    """
    if query.q:
        def compute():
            found = plans.order_by()[:SEARCH_COUNT_CAP + 1].count()
            return min(found, SEARCH_COUNT_CAP), found <= SEARCH_COUNT_CAP
    else:
        def compute():
            return plans.order_by().count(), True
    return remember_summary(query, "count", compute)


def year_facet(query, ignored=()):
    """Years with their plan counts, newest first, then "Chưa rõ năm"; a 2019–2020 plan counts in both years."""
    over = query.without(*ignored, "year")

    def compute():
        counts, unknown = Counter(), 0
        rows = matching_plans(over).values("period_start", "period_end").annotate(n=Count("pk"))
        for row in rows:
            if row["period_start"] is None:
                unknown += row["n"]
                continue
            for year in range(row["period_start"], row["period_end"] + 1):
                counts[year] += row["n"]
        return [*sorted(counts.items(), reverse=True), *([(UNKNOWN_YEAR, unknown)] if unknown else [])]

    return [
        FacetItem(year_label(year), count, query.url(year=year), year == query.year)
        for year, count in remember_summary(over, "years", compute)
    ]


def year_label(year):
    """How a ``year`` value reads: ``2024``, or "Chưa rõ năm"."""
    return UNKNOWN_YEAR_LABEL if year == UNKNOWN_YEAR else str(year)


def channel_facet(query, ignored=()):
    over = query.without(*ignored, "channel")

    def compute():
        # Grouped on the channel's id (81 ms for the whole archive, 132 on its slug and name), named
        # from the reference list.
        rows = matching_plans(over).filter(channels__isnull=False).values("channels").annotate(n=Count("pk")).order_by()
        by_pk = {channel.pk: channel for channel in channels().values()}
        named = [(by_pk[row["channels"]], row["n"]) for row in rows if row["channels"] in by_pk]
        return [(channel.name, channel.slug, n) for channel, n in sorted(named, key=lambda item: (item[0].position, item[0].name))]

    chosen = query.channel
    return [
        FacetItem(name, count, query.url(channel=slug), chosen is not None and chosen.slug == slug)
        for name, slug, count in remember_summary(over, "channels", compute)
    ]


def locality_facet(query, ignored=()):
    """The units one level below the chosen one (or today's provinces), with plan counts.

    Two queries whatever the size: the plans grouped by locality path, then the
    units those paths fall under. Today's province lists its communes and the
    former provinces merged into it; a former province lists its districts.
    """
    chosen = query.locality
    over = query.without(*ignored)

    def compute():
        rows = matching_plans(over).values("locality__path").annotate(n=Count("pk"))
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
        FacetItem(label, count, query.url(locality=slug))
        for label, slug, count in remember_summary(over, "localities", compute)
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


def archive_facets(query, counted=True):
    """The three facets. Under a search too broad to count (``counted`` false) they list
    what the other filters give, without numbers: each link still narrows the search."""
    ignored = () if counted else ("q",)
    facets = {
        "years": year_facet(query, ignored),
        "localities": locality_facet(query, ignored),
        "channels": channel_facet(query, ignored),
    }
    if not counted:
        facets = {name: [replace(item, count=None) for item in items] for name, items in facets.items()}
    return facets
