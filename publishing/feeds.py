"""Atom feeds of a public list, taking the list's own filter parameters.

Built on ``django.contrib.syndication``. Links are absolute from ``SITE_URL`` (``absolute_url``),
so the syndication framework's request-host domain is never used: a cached feed carries its
links to every reader.
"""

import mimetypes

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import urlencode

from publishing.cache import cache_if_canonical
from publishing.history import last_public_change
from publishing.links import absolute_url
from publishing.opendata import refuse

FEED_ITEMS = 50


def with_params(path, params):
    """``path`` on the public site with the query string of ``params`` (none when empty)."""
    return absolute_url(path + (f"?{urlencode(params)}" if params else ""))


class PortalAtomFeed(Atom1Feed):
    """Atom, plus an entry's picture as ``<link rel="enclosure">`` without a length: RFC 4287 makes
    it optional, and measuring each picture would mean opening 50 files (or 50 requests to S3)."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("image_url"):
            kind = mimetypes.guess_type(item["image_url"])[0] or "image/jpeg"
            handler.addQuickElement("link", "", {"rel": "enclosure", "href": item["image_url"], "type": kind})


class FilteredFeed(Feed):
    """A feed whose parameters are a list's: ``filter_request(request)`` returns (state, canonical
    parameters, messages); any message answers 400 with them, as the list would show them.

    The instance serves every request: the validated state travels on the request, not on ``self``.
    """

    feed_type = PortalAtomFeed
    language = "vi"

    def filter_request(self, request):
        raise NotImplementedError

    def __call__(self, request, *args, **kwargs):
        state, params, messages = self.filter_request(request)
        if messages:
            return refuse(messages)
        request.feed_state = state
        response = super().__call__(request, *args, **kwargs)
        # Words a reader typed (``q``) make endless addresses: such a feed is kept briefly, as the list is.
        return cache_if_canonical(request, response, params, search=bool(params.get("q")))

    def get_object(self, request, *args, **kwargs):
        return request.feed_state

    def author_name(self):
        return settings.SITE_OWNER or settings.SITE_NAME

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return last_public_change(item)

    def item_extra_kwargs(self, item):
        return {"image_url": self.item_image_url(item)}

    def item_image_url(self, item):
        return None
