"""Cursor pagination over a unique, non-null ordering (a keyset), so a harvester walking the
``next`` links sees every item once, even while new items are published.

DRF's own ``CursorPagination`` keeps only the first ordering field in the cursor and steps
over ties with an offset: items sharing a ``published_at`` (a bulk import) would make the
offset, and the query, grow. Here the cursor holds every ordering field of the item at the
edge of the page, and the next page starts strictly after that tuple, so the ordering must
be unique together and never null: (-published_at, -id) for plans and articles (public
items always have a ``published_at``), ``path`` for localities, ``slug`` for agencies,
(position, slug) for channels. The first field is also given as a plain bound, which an
index on it can serve.
"""

import json

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.db.models.functions import Coalesce
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination

from publishing.links import absolute_url

INVALID_CURSOR = "Con trỏ phân trang không hợp lệ: hãy dùng đúng liên kết next hoặc previous của trang trước."


class KeysetCursorPagination(CursorPagination):
    page_size = 20
    # Set by a view whose filter is known to match few rows: see _ordered().
    sort_after_filtering = False
    cursor_query_description = "Vị trí trang: lấy từ liên kết next hoặc previous của trang trước, không tự tạo."
    invalid_cursor_message = INVALID_CURSOR
    template = None  # no browsable page controls: the API answers JSON only

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.page_size = self.get_page_size(request)
        # Links on the configured site address, as every absolute link of the portal (publishing.links).
        self.base_url = absolute_url(request.get_full_path())
        self.ordering = self.get_ordering(request, queryset, view)
        self.cursor = self.decode_cursor(request)
        offset, reverse, position = self.cursor or (0, False, None)
        if offset:  # this pagination never writes one
            raise NotFound(self.invalid_cursor_message)
        ordering = _reversed(self.ordering) if reverse else self.ordering
        queryset = self._ordered(queryset, ordering)
        if position is not None:
            queryset = queryset.filter(self._after(queryset.model, ordering, position))

        results = list(queryset[: self.page_size + 1])
        self.page = results[: self.page_size]
        more = len(results) > self.page_size
        following = self._get_position_from_instance(results[-1], self.ordering) if more else None
        if reverse:
            self.page.reverse()
            self.has_next, self.has_previous = position is not None, following is not None
            self.next_position, self.previous_position = position, following
        else:
            self.has_next, self.has_previous = following is not None, position is not None
            self.next_position, self.previous_position = following, position
        return self.page

    def _ordered(self, queryset, ordering):
        """``queryset`` in ``ordering``; for few rows, the first field written so that no index gives its
        order (``COALESCE(f, f)``, the same values): PostgreSQL then finds the rows by the filter's index and
        sorts them, instead of walking the whole table in that order looking for them."""
        if not self.sort_after_filtering:
            return queryset.order_by(*ordering)
        first, *rest = ordering
        name = first.lstrip("-")
        unindexed = Coalesce(name, name)
        return queryset.order_by(unindexed.desc() if first.startswith("-") else unindexed.asc(), *rest)

    def _get_position_from_instance(self, instance, ordering):
        return json.dumps([_as_text(getattr(instance, name.lstrip("-"))) for name in ordering])

    def _after(self, model, ordering, position):
        """The items strictly after ``position`` in ``ordering``: (a, b) after (x, y) is a > x, or a = x and b > y."""
        try:
            texts = json.loads(position)
            if not isinstance(texts, list):
                raise ValueError
            fields = [model._meta.get_field(name.lstrip("-")) for name in ordering]
            values = [field.to_python(text) for field, text in zip(fields, texts, strict=True)]
        except (ValueError, TypeError, ValidationError):
            raise NotFound(self.invalid_cursor_message) from None
        names = [name.lstrip("-") for name in ordering]
        beyond = ["lt" if name.startswith("-") else "gt" for name in ordering]
        after, equal = Q(), Q()
        for name, lookup, value in zip(names, beyond, values, strict=True):
            after |= equal & Q(**{f"{name}__{lookup}": value})
            equal &= Q(**{name: value})
        bound = {f"{names[0]}__{beyond[0]}e": values[0]}
        return Q(**bound) & after


def _reversed(ordering):
    return tuple(name[1:] if name.startswith("-") else f"-{name}" for name in ordering)


def _as_text(value):
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


class PublishedCursorPagination(KeysetCursorPagination):
    """Plans and articles: the newest publication first."""

    ordering = ("-published_at", "-id")


class LocalityCursorPagination(KeysetCursorPagination):
    """Administrative units in tree order: a province, then the units inside it."""

    page_size = 100
    ordering = ("path",)


class AgencyCursorPagination(KeysetCursorPagination):
    page_size = 100
    ordering = ("slug",)


class ChannelCursorPagination(KeysetCursorPagination):
    page_size = 100
    ordering = ("position", "slug")
