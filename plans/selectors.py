"""Reads for the archive: the plans a query matches, in its order, with their count and facets.

The path is straight: the view validates the parameters with ``PlanFilter``, turns them
into an ``ArchiveQuery`` and calls ``archive(query)``, which builds everything from
queryset methods. Counts and facet numbers are kept in the cache per filter combination
for the current content version (see ``publishing.cache``): publishing or withdrawing
anything starts them afresh, and the first reader of a combination computes them: from the
plan tallies (``PlanTally``, see ``plans.tally``), unless the query has words or an issuer.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from urllib.parse import quote_plus

from django.db.models import Count, F, Value
from django.db.models.functions import Coalesce
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.http import urlencode

from plans.models import MAX_SEARCH_WORDS, UNKNOWN_YEAR, UNKNOWN_YEAR_LABEL, Agency, Channel, Locality, Plan
from plans.models.tally import NO_YEAR, PlanTally, province_path
from plans.search import query_words
from plans.unit_lookup import locality_label
from publishing.cache import shown
from publishing.remember import reference, remember
from publishing.text import fold

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

    def scopes(self):
        """What a page or figure over this query shows (``publishing.cache``): the plans of the
        chosen unit's province and of those merged into it, or of the chosen agency's province;
        every plan without either filter."""
        paths = [*(self.locality.lineage_paths if self.locality else ())]
        if self.agency is not None:
            paths.append(self.agency.locality.path)
        return shown("plans", paths)

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
        url = _archive_path(get_script_prefix())
        params = self.params(**changes)
        return f"{url}?{urlencode(params)}" if params else url

    def links(self, name):
        """``lambda value: self.url(**{name: value})`` for the items of a facet: the other
        parameters are spelled once, not once per item (a page has about eighty)."""
        path = _archive_path(get_script_prefix())
        others = self.params(**{name: None})
        order = list(_DEFAULTS)
        head = urlencode({key: value for key, value in others.items() if order.index(key) < order.index(name)})
        tail = urlencode({key: value for key, value in others.items() if order.index(key) > order.index(name)})

        def link(value):
            spelled = f"{name}={quote_plus(str(value))}" if value is not None and value != _DEFAULTS[name] else ""
            query = "&".join(part for part in (head, spelled, tail) if part)
            return f"{path}?{query}" if query else path

        return link


_DEFAULTS = {field.name: field.default for field in fields(ArchiveQuery)}


@lru_cache(maxsize=16)
def _archive_path(script_prefix):
    """The archive's path under ``script_prefix``: reversed once, not for each of the hundred facet
    links of a page (3 ms of its 20)."""
    return reverse("plans:list")


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
    return Archive(ordered.for_cards(), count, complete, archive_facets(query, counted=complete))


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


def tallied(query):
    """Whether the plan tallies can count ``query``: they keep no words and no issuers."""
    return not query.q and query.agency is None


def tally_rows(query, *, per_unit=False):
    """The tally rows of the plans ``query`` matches, but for its year and channel (each count
    takes the rows of one year and channel, or of each); ``per_unit``: see ``in_locality``."""
    rows = PlanTally.objects.public(withdrawn=query.withdrawn).in_locality(query.locality, per_unit=per_unit)
    return rows.on_topic(query.topic) if query.topic else rows


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
    return reference("channels", lambda: {channel.slug: channel for channel in Channel.objects.all()})


def plan_years():
    """The years public plans cover, newest first, kept for the content version."""
    return _year_summary()[0]


def some_plan_without_year():
    """Whether a public plan states no year (the archive then offers "Chưa rõ năm")."""
    return _year_summary()[1]


def _year_summary():
    # Read off the provinces' tallies (a few hundred rows, not 100,000 plans: 15–22 ms after each
    # publication at national size). Published plans only: a year whose only plans were withdrawn
    # is still reached with withdrawn=on.
    def compute():
        rows = tally_rows(ArchiveQuery()).with_channel(None).each_year().order_by()
        years = set(rows.values_list("year", flat=True).distinct())
        unknown = NO_YEAR in years
        return sorted(years - {NO_YEAR}, reverse=True), unknown

    return remember("plan-year-summary", compute, scopes=shown("plans"))


def provinces():
    """(today's provinces, the former ones marked "(trước 2025)") as (slug, label), kept for the content version."""
    def compute():
        units = sorted(Locality.objects.filter(level=Locality.Level.PROVINCE), key=lambda unit: fold(unit.name))
        today = timezone.localdate()
        return ([(unit.slug, unit.name) for unit in units if unit.is_current(today)],
                [(unit.slug, locality_label(unit)) for unit in units if unit.valid_until and unit.valid_until < today])

    return reference("provinces:current-and-former", compute)


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
    return remember(summary_key(query, part), compute, brief=bool(query.q), scopes=query.scopes())


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
    elif tallied(query):
        def compute():
            return tally_rows(query).for_year(query.year).with_channel(query.channel).total(), True
    else:
        def compute():
            return plans.order_by().count(), True
    return remember_summary(query, "count", compute)


def year_facet(query, ignored=()):
    """Years with their plan counts, newest first, then "Chưa rõ năm"; a 2019–2020 plan counts in both years."""
    over = query.without(*ignored, "year")

    def compute():
        if tallied(over):
            counts = tally_rows(over).with_channel(over.channel).each_year().sum_by("year")
            unknown = counts.pop(NO_YEAR, 0)
        else:
            counts, unknown = Counter(), 0
            rows = matching_plans(over).values("period_start", "period_end").annotate(n=Count("pk"))
            for row in rows:
                if row["period_start"] is None:
                    unknown += row["n"]
                    continue
                for year in range(row["period_start"], row["period_end"] + 1):
                    counts[year] += row["n"]
        return [*sorted(counts.items(), reverse=True), *([(UNKNOWN_YEAR, unknown)] if unknown else [])]

    link = query.links("year")
    return [
        FacetItem(year_label(year), count, link(year), year == query.year)
        for year, count in remember_summary(over, "years", compute)
    ]


def year_label(year):
    """How a ``year`` value reads: ``2024``, or "Chưa rõ năm"."""
    return UNKNOWN_YEAR_LABEL if year == UNKNOWN_YEAR else str(year)


def channel_facet(query, ignored=()):
    over = query.without(*ignored, "channel")

    def compute():
        if tallied(over):
            counts = tally_rows(over).for_year(over.year).each_channel().sum_by("channel")
        else:
            # Grouped on the channel's id (81 ms for the whole archive, 132 on its slug and name), named
            # from the reference list.
            rows = matching_plans(over).filter(channels__isnull=False).values_list("channels").annotate(n=Count("pk"))
            counts = dict(rows.order_by())
        by_pk = {channel.pk: channel for channel in channels().values()}
        named = [(by_pk[pk], n) for pk, n in counts.items() if pk in by_pk]
        return [(channel.name, channel.slug, n) for channel, n in sorted(named, key=lambda item: (item[0].position, item[0].name))]

    chosen, link = query.channel, query.links("channel")
    return [
        FacetItem(name, count, link(slug), chosen is not None and chosen.slug == slug)
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
        if tallied(over):
            # Without a unit, the provinces' totals: a row per province path.
            rows = tally_rows(over, per_unit=chosen is not None).for_year(over.year).with_channel(over.channel)
            paths = rows.sum_by("path")
        else:
            paths = dict(matching_plans(over).values_list("locality__path").annotate(n=Count("pk")))
        if chosen is None:
            return _province_counts(paths)
        counts = Counter()
        for path, n in paths.items():
            child = _child_path(chosen, path)
            if child:
                counts[child] += n
        units = Locality.objects.filter(path__in=counts)
        return sorted(
            ((_unit_label(unit), unit.slug, counts[unit.path]) for unit in units),
            key=lambda item: (item[0].endswith(")"), fold(item[0])),
        )

    link = query.links("locality")
    return [
        FacetItem(label, count, link(slug))
        for label, slug, count in remember_summary(over, "localities", compute)
    ]


def _province_counts(paths):
    """{province: plans} from {path: plans}."""
    provinces = list(Locality.objects.filter(level=Locality.Level.PROVINCE))
    by_path = {unit.path: unit for unit in provinces}
    by_pk = {unit.pk: unit for unit in provinces}
    counts = Counter()
    for path, n in paths.items():
        province = by_path.get(province_path(path))
        if province is not None:
            # A former province's plans count under the province that took it over.
            counts[by_pk.get(province.successor_id, province)] += n
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
