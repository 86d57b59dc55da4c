"""The numbers behind /thong-ke/: each computed with one or two grouped queries over the same
public plans the archive lists (``plans.selectors.matching_plans``), so a figure here equals the
archive's facet for the same year and locality, and kept for the content version."""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from news.models import Article
from plans.coverage import LEVEL_LABELS, coverage
from plans.models import Locality, Plan
from plans.selectors import ArchiveQuery, channel_facet, matching_plans
from publishing.cache import remember

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


def _area_key(locality):
    return locality.path if locality is not None else ""


def plans_per_year(locality=None):
    """Plans per plan year, split by the level of their locality (a 2019–2020 plan counts in both years)."""

    def compute():
        counts = defaultdict(Counter)
        rows = (matching_plans(ArchiveQuery(locality=locality)).filter(period_start__isnull=False)
                .values("period_start", "period_end", "locality__level").annotate(n=Count("pk")))
        for row in rows:
            for year in range(row["period_start"], row["period_end"] + 1):
                counts[year][row["locality__level"]] += row["n"]
        return sorted(counts.items())

    query = ArchiveQuery(locality=locality)
    return [
        Row(str(year), sum(by_level.values()), f"{sum(by_level.values()):,}".replace(",", "."),
            query.url(year=year), tuple((LEVEL_LABELS[level], by_level.get(level, 0)) for level in LEVELS))
        for year, by_level in remember(f"stats:years:{_area_key(locality)}", compute)
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

    def compute():
        plans = matching_plans(query)
        per_plan = (Plan.channels.through.objects.filter(plan__in=plans.values("pk")).order_by()
                    .values("plan_id").annotate(n=Count("channel_id")).values("n"))
        sql, params = per_plan.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT n, COUNT(*) FROM ({sql}) per_plan GROUP BY n", params)
            counts = dict(cursor.fetchall())
        counts[0] = total - sum(counts.values())
        return counts

    counts = remember(f"stats:variety:{year}:{_area_key(locality)}", compute)
    total = sum(counts.values())
    mean = sum(n * plans for n, plans in counts.items()) / total if total else 0.0
    rows = [Row(f"{n} hình thức", plans, f"{plans}") for n, plans in sorted(counts.items()) if plans or n]
    return mean, rows


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
    """Published articles in each month of ``year`` (in the portal's time zone), in one query: a
    count per month over the year's articles, which the publication index reads by range."""

    def compute():
        zone = timezone.get_current_timezone()
        starts = [datetime.datetime(year, month, 1, tzinfo=zone) for month in range(1, 13)]
        bounds = [*starts, datetime.datetime(year + 1, 1, 1, tzinfo=zone)]
        counts = Article.objects.published().filter(published_at__gte=bounds[0], published_at__lt=bounds[-1]).aggregate(
            **{f"m{month}": Count("pk", filter=Q(published_at__gte=bounds[month - 1], published_at__lt=bounds[month]))
               for month in range(1, 13)}
        )
        return [(month, counts[f"m{month}"]) for month in range(1, 13)]

    months = remember(f"stats:news-months:{year}", compute)
    if not any(count for _, count in months):
        return []
    return [
        Row(f"{month:02d}/{year}", count, str(count), reverse("news:month", kwargs={"year": year, "month": month}))
        for month, count in months
    ]
