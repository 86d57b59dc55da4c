"""Pagination for the public lists: a bounded number of pages, id-first reads, a page for any number."""

from django.core.paginator import Paginator
from django.db.models import QuerySet

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
