"""Answers anonymous readers from the page cache before the rest of the middleware runs."""

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import DatabaseError

from publishing.cache import (
    _claim,
    _is_current,
    _release,
    keep_page,
    made_under,
    page_key,
    recent_copies,
    recent_versions,
    versions,
)


class PublicPageCacheMiddleware:
    """Serves a kept public page (``publishing.cache``) before sessions, CSRF, authentication and
    the rest are set up, and keeps the answers of views marked with ``cache_public_page`` as they
    leave, with every header the middleware below added (security headers, CSP, language).

    Only requests that carry no session or messages cookie are answered or kept: nobody is signed
    in and no message waits for them, so every such reader gets the same page. Placed below
    ``SecurityMiddleware`` (its HTTPS redirect comes first) and WhiteNoise, and below
    ``news.middleware.ArticleViewMiddleware``, which counts the article views answered here.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.anonymous_read(request):
            return self.get_response(request)
        using = "replica" if "replica" in settings.DATABASES else None  # where the rows will be read
        key = page_key(request)
        try:
            # Current as of at most PUBLIC_PAGE_LAG_MS ago: a hit costs no query, and within that
            # time no cache read either (this worker's recent copy).
            recent = recent_versions(using)
            copy = recent_copies.get(key)
            if copy is not None and _is_current(copy[0], recent):
                return copy[1]
            entry = cache.get(key)  # (made, response)
            if entry is not None and _is_current(entry[0], recent):
                recent_copies.put(key, *entry)
                return entry[1]
            current = versions(using)  # read before any row (see publishing.cache)
        except DatabaseError:  # the database is down: the views below answer as they do then
            return self.get_response(request)
        claimed = False
        if entry is not None:
            made, kept = entry
            if _is_current(made, current):
                return kept
            made = made_under([scope for scope, _ in made], current)  # the versions to make it for
            claimed = _claim(key, made)
            if not claimed:
                return kept  # another worker is making this page anew; until then, the previous one
        try:
            response = self.get_response(request)
            if not getattr(request, "user", None) or not request.user.is_authenticated:
                keep_page(request, response, current)
        finally:
            if claimed:
                _release(key, made)
        return response

    @staticmethod
    def anonymous_read(request):
        return (
            settings.PUBLIC_PAGE_CACHE_SECONDS
            and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and CookieStorage.cookie_name not in request.COOKIES
        )
