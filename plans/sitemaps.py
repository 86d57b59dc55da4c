"""The plans' sitemap sections: each published plan, and the landing pages (years, localities)."""

from django.db.models import Max
from django.urls import reverse

from plans.models import UNKNOWN_YEAR, Locality, Plan
from publishing.links import absolute_url
from publishing.sitemaps import PagedSection, last_change

plans = PagedSection(lambda: Plan.objects.published(), "plans:detail")


def landing_entries():
    """(absolute URL, last change) of the year pages and of the locality pages that list a
    published plan: its unit, the units above it, and the unit a merged one went into.
    Two queries: plans grouped by period and unit, then every unit's path and slug."""
    rows = (
        Plan.objects.published().order_by()
        .values("period_start", "period_end", "locality__path").annotate(lastmod=Max(last_change()))
    )
    years, paths = {}, {}
    for row in rows:
        lastmod = row["lastmod"]
        period = (
            [UNKNOWN_YEAR] if row["period_start"] is None else range(row["period_start"], row["period_end"] + 1)
        )
        for year in period:
            years[year] = max(years.get(year, lastmod), lastmod)
        parts = row["locality__path"].split("/")[:-1]
        for depth in range(1, len(parts) + 1):
            prefix = "/".join(parts[:depth]) + "/"
            paths[prefix] = max(paths.get(prefix, lastmod), lastmod)

    units = {pk: (path, slug, successor) for pk, path, slug, successor in
             Locality.objects.order_by().values_list("pk", "path", "slug", "successor_id")}
    slugs = {}
    for path, slug, successor in units.values():
        if path in paths:
            slugs[slug] = max(slugs.get(slug, paths[path]), paths[path])
            # Today's unit covers the plans of those merged into it (Locality.covering).
            if successor in units:
                heir = units[successor][1]
                slugs[heir] = max(slugs.get(heir, paths[path]), paths[path])

    entries = []
    for year, lastmod in sorted(years.items(), key=lambda item: str(item[0]), reverse=True):
        if year == UNKNOWN_YEAR:
            url = reverse("plans:list-unknown-year")
        else:
            url = reverse("plans:list-year", kwargs={"year": year})
        entries.append((absolute_url(url), lastmod))
    for slug, lastmod in sorted(slugs.items()):
        entries.append((absolute_url(reverse("plans:list-locality", kwargs={"locality": slug})), lastmod))
    return entries
