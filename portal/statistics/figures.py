"""The numbers behind /thong-ke/: each computed with one or two grouped queries over the same
public plans the archive lists (``plans.selectors.matching_plans``, or the plan tallies the
archive's facets read), so a figure here equals the archive's facet for the same year and
locality, and kept for the content version. The country's figures are sums of per-province
parts, each kept with its province's scope: a publication counts one province again."""

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Sum
from django.urls import reverse
from django.utils.http import urlencode

from news.selectors import month_url, months_with_articles
from plans.coverage import LEVEL_LABELS, coverage
from plans.models import Locality
from plans.models.locality import under_paths
from plans.models.tally import NO_YEAR, province_path_of
from plans.selectors import ArchiveQuery, channel_facet, matching_plans, tally_rows
from publishing.cache import shown
from publishing.remember import remember, remember_each

LEVELS = [Locality.Level.PROVINCE, Locality.Level.DISTRICT, Locality.Level.COMMUNE]


@dataclass(frozen=True)
class Row:
    """One bar: its label, its value, how the value reads, and where it leads."""

    label: str
    value: float
    shown: str
    url: str = ""
    parts: tuple = ()  # (label, value) of a stacked bar's segments
    count: int = 0  # of a share: how many...
    total: int = 0  # ...out of how many


def _province_paths():
    """Every province's path, today's and former ones: the parts a country-wide figure adds up."""
    return remember(
        "stats:province-paths",
        lambda: list(Locality.objects.filter(level=Locality.Level.PROVINCE).values_list("path", flat=True)),
        scopes=(),
    )


def _country(name, count):
    """A country-wide ``Counter`` as the sum of its provinces' parts, each kept with its own
    province's scope: after a publication only that province's plans are counted again, not the
    country's 100,000 (issue #20). ``count(paths)`` gives {province path: Counter} over the plans
    under ``paths`` (None: everywhere, when every part is to be made)."""
    names = {f"{name}:{path}": path for path in _province_paths()}

    def compute(stale):
        wanted = [names[part] for part in stale]
        counted = count(None if len(wanted) == len(names) else wanted)
        return {part: counted.get(names[part], Counter()) for part in stale}

    total = Counter()
    for counted in remember_each({part: shown("plans", [path]) for part, path in names.items()}, compute).values():
        total.update(counted)
    return total


def _years_by_level(rows, paths=None):
    """{province path: Counter{(year, level): plans}} from the plan tallies ``rows`` of single units
    (those under ``paths`` only, if given), plans without a year left out."""
    if paths is not None:
        rows = rows.filter(under_paths(paths))
    grouped = (rows.with_channel(None).each_year().exclude(year=NO_YEAR).order_by()
               .annotate(root=province_path_of("path")).values_list("root", "year", "locality__level").annotate(plans=Sum("n")))
    counted = defaultdict(Counter)
    for root, year, level, plans in grouped:
        counted[root][year, level] += plans
    return counted


def plans_per_year(locality=None):
    """Plans per plan year, split by the level of their locality (a 2019–2020 plan counts in both
    years): summed from the plan tallies, as the archive's year facet is."""
    query = ArchiveQuery(locality=locality)
    if locality is None:
        counts = _country("stats:years", lambda paths: _years_by_level(tally_rows(query, per_unit=True), paths))
    else:
        counts = remember(
            f"stats:years:{locality.path}",
            lambda: sum(_years_by_level(tally_rows(query, per_unit=True)).values(), Counter()),
            scopes=query.scopes(),
        )
    by_year = defaultdict(dict)
    for (year, level), plans in counts.items():
        by_year[year][level] = plans
    return [
        Row(str(year), sum(by_level.values()), f"{sum(by_level.values()):,}".replace(",", "."),
            query.url(year=year), tuple((LEVEL_LABELS[level], by_level.get(level, 0)) for level in LEVELS))
        for year, by_level in sorted(by_year.items())
    ]


def plans_in_year(years, year):
    """How many plans ``plans_per_year`` counted in ``year``: the archive's count for that year (a
    plan's period includes it), read off the figures already at hand rather than counted again."""
    return next((int(row.value) for row in years if row.label == str(year)), 0)


def channel_use(year, total, locality=None):
    """The share of the year's ``total`` plans that use each channel, most used first."""
    query = ArchiveQuery(year=year, locality=locality)
    rows = [
        Row(item.label, item.count / total if total else 0.0, f"{item.count / total:.0%} ({item.count})" if total else "0",
            item.url, count=item.count, total=total)
        for item in channel_facet(query)
    ]
    return sorted(rows, key=lambda row: -row.value)


def channel_variety(year, total, locality=None):
    """(mean distinct channels per plan, rows): how many of the year's ``total`` plans use 0, 1, 2… channels."""
    query = ArchiveQuery(year=year, locality=locality)
    if locality is None:
        counts = _country(f"stats:variety:{year}", lambda paths: _channels_per_plan(query, paths))
    else:
        counts = remember(f"stats:variety:{year}:{locality.path}",
                          lambda: sum(_channels_per_plan(query).values(), Counter()), scopes=query.scopes())
    counts = dict(counts)
    counts[0] = total - sum(counts.values())
    total = sum(counts.values())
    mean = sum(n * plans for n, plans in counts.items()) / total if total else 0.0
    rows = [Row(f"{n} hình thức", plans, f"{plans}") for n, plans in sorted(counts.items()) if plans or n]
    return mean, rows


def _channels_per_plan(query, paths=None):
    """{province path: Counter{channels: plans}}: how many of the plans ``query`` matches (those
    under ``paths`` only, if given) use 1, 2… distinct channels."""
    plans = matching_plans(query)
    if paths is not None:
        plans = plans.filter(under_paths(paths, "locality__path"))
    # From the plans to their channels (a plan's channels by the plan's index), not the other way
    # round: half the time for the country, a third for a province.
    per_plan = (plans.values("pk").annotate(root=province_path_of("locality__path"), n=Count("channels"))
                .filter(n__gt=0).values("root", "n"))
    sql, params = per_plan.query.sql_with_params()
    counted = defaultdict(Counter)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT root, n, COUNT(*) FROM ({sql}) per_plan GROUP BY root, n", params)
        for root, n, plans in cursor.fetchall():
            counted[root][n] += plans
    return counted


def coverage_rows(year, locality=None):
    """(coverage, rows): the share of expected units that published a plan for ``year``: per
    province for the country, per level inside a unit."""
    found = coverage(year, locality)
    if locality is None:
        rows = [Row(area.name, area.share, f"{area.share:.0%} ({area.covered}/{area.expected})",
                    coverage_url(year, area.slug), count=area.covered, total=area.expected)
                for area in found.by_province()]
        return found, rows
    by_level = defaultdict(lambda: [0, 0])
    for unit in found.units:
        by_level[unit.level][0] += 1
        by_level[unit.level][1] += unit.covered
    rows = [
        Row(LEVEL_LABELS[level], covered / expected, f"{covered / expected:.0%} ({covered}/{expected})",
            coverage_url(year, locality.slug, level=level), count=covered, total=expected)
        for level, (expected, covered) in sorted(by_level.items(), key=lambda item: item[0] or 9)
        if expected
    ]
    return found, rows


def coverage_url(year, slug, **more):
    return f"{reverse('coverage')}?{urlencode({'year': year, 'locality': slug, **more})}"


def news_per_month(year):
    """Published articles in each month of ``year`` (in the portal's time zone): the news list's
    month figures (``news.selectors.months_with_articles``), no article counted again."""
    counts = {item.month.month: item.count for item in months_with_articles() if item.month.year == year}
    if not counts:
        return []
    return [
        Row(f"{month:02d}/{year}", counts.get(month, 0), str(counts.get(month, 0)),
            month_url(year, month))
        for month in range(1, 13)
    ]
