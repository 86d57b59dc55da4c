"""Sitemap sections of published items, split into files by id range.

A file holds the items whose id falls in one range of ``SITEMAP_MAX_URLS`` ids, so it can never
list more than the protocol's 50,000 addresses, its rows are one indexed range read (no OFFSET
through a million articles), and its address stays the same as items are added.
"""

from django.db.models import CharField, F, Func, Max
from django.db.models.functions import Greatest
from django.urls import reverse

from publishing.links import absolute_url
from publishing.opendata import SITEMAP_MAX_URLS


def last_change():
    """An item's last public change: its last save, or its publication if that came later (scheduled)."""
    return Greatest("updated_at", "published_at")


class W3CDateTime(Func):
    """A moment as a sitemap's ``lastmod`` text (W3C datetime, UTC, to the second), written by the
    database: turning 50,000 timestamps into Python datetimes costs more than the rest of a file."""

    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra):
        template = """to_char(%(expressions)s AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')"""
        return self.as_sql(compiler, connection, template=template, **extra)

    def as_sqlite(self, compiler, connection, **extra):
        # Django stores SQLite datetimes as UTC text; "%%%%" reaches SQLite as "%".
        return self.as_sql(compiler, connection, template="strftime('%%%%Y-%%%%m-%%%%dT%%%%H:%%%%M:%%%%SZ', %(expressions)s)", **extra)


class PagedSection:
    """The published items of a model, by id range. ``items`` gives the published queryset,
    ``url_name`` the detail view reversed with the item's ``slug``."""

    def __init__(self, items, url_name):
        self.items = items
        self.url_name = url_name

    def pages(self):
        """[(file number from 1, last change of its items)] for the files that list something; one query."""
        rows = (
            self.items().order_by().annotate(page=F("pk") / SITEMAP_MAX_URLS + 1)
            .values("page").annotate(lastmod=Max(last_change())).order_by("page")
        )
        return [(row["page"], row["lastmod"]) for row in rows]

    def entries(self, page):
        """(absolute URL, last change) of the items in file ``page``, read as tuples in one query."""
        start = (page - 1) * SITEMAP_MAX_URLS
        prefix, suffix = absolute_url(reverse(self.url_name, kwargs={"slug": "SLUG"})).split("SLUG")
        rows = (
            self.items().filter(pk__gte=start, pk__lt=start + SITEMAP_MAX_URLS)
            .order_by("pk").values_list("slug", W3CDateTime(last_change()))
        )
        for slug, lastmod in rows.iterator(chunk_size=5000):
            yield f"{prefix}{slug}{suffix}", lastmod
