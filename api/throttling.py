"""The anonymous rate limit: ``settings.API_ANON_RATE`` requests per client address.

Counted in the default cache: with Redis, across every worker and host; with the local-memory
cache (no ``REDIS_URL``), per worker. A Redis that is down reads as an empty count (see
``publishing.redis_cache``), so an outage lifts the limit rather than refusing readers.
"""

from django.conf import settings
from django.utils.module_loading import import_string
from rest_framework.exceptions import Throttled
from rest_framework.throttling import AnonRateThrottle


class AnonymousRateThrottle(AnonRateThrottle):
    def get_rate(self):
        # Read at each request, not when the class is defined: a test (or a reload) may change it.
        return settings.API_ANON_RATE

    def get_ident(self, request):
        """The client behind our trusted proxies, as the login lockout counts it (not the proxy's address)."""
        return import_string(settings.AXES_CLIENT_IP_CALLABLE)(request)


class TooManyRequests(Throttled):
    """The 429 in Vietnamese (REST framework's own says it in English); ``Retry-After`` carries the wait too."""

    default_detail = "Quá nhiều yêu cầu từ địa chỉ này."
    extra_detail_singular = extra_detail_plural = "Hãy thử lại sau {wait} giây."
