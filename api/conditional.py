"""ETag and Last-Modified for every API answer, and 304 Not Modified without reading any row.

Everything the API shows changes only with the content version (any write to public content
raises it, ``publishing.cache``) or when a scheduled item's time comes (which writes nothing,
so the moment of the next scheduled publication is part of the tag). The ETag is therefore
that pair plus the address asked, and costs the one query that reads the version.

``Last-Modified`` is the moment this state of the content was first served, kept beside the
cached pages for the content version: never earlier than the change that made it, so an
``If-Modified-Since`` check cannot answer 304 for content that changed since (HTTP dates count
whole seconds: two states within one second share it, hence the ETag, which clients send too
and which takes precedence). Each item's own last change is in its ``updated_at`` field.
"""

import hashlib

from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from publishing.cache import content_version, next_scheduled
from publishing.remember import remember


def validators(request):
    """(ETag, Last-Modified as a timestamp) of the answer to ``request``."""
    version = content_version()
    upcoming = next_scheduled()
    renderer = getattr(request, "accepted_media_type", "")
    state = f"{version}|{upcoming.isoformat() if upcoming else ''}|{renderer}|{request.get_full_path()}"
    etag = f'W/"{hashlib.sha256(state.encode("utf-8", "surrogateescape")).hexdigest()[:32]}"'
    # Rounded up: the second the header names is never before the moment itself.
    first_served = remember("api:first-served", lambda: int(timezone.now().timestamp()) + 1)
    return etag, first_served


def with_validators(response, etag, last_modified):
    response.headers["ETag"] = etag
    response.headers["Last-Modified"] = http_date(last_modified)
    # Kept by browsers and proxies, but checked with us (a cheap 304) before each reuse.
    patch_cache_control(response, public=True, no_cache=True)
    return response


class ConditionalMixin:
    """A read-only viewset whose list and detail answers carry validators and honour
    ``If-None-Match`` / ``If-Modified-Since`` before any row is read."""

    def list(self, request, *args, **kwargs):
        return self._conditionally(super().list, request, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        return self._conditionally(super().retrieve, request, *args, **kwargs)

    def _conditionally(self, handler, request, *args, **kwargs):
        etag, last_modified = validators(request)
        response = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if response is None:
            response = handler(request, *args, **kwargs)
            if response.status_code != 200:
                return response
        return with_validators(response, etag, last_modified)
