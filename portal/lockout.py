"""Who is trying to log in, for django-axes (settings ``AXES_CLIENT_IP_CALLABLE`` and ``AXES_HANDLER``).

- The client's address is the peer's, unless the peer is one of ``TRUSTED_PROXIES``: then it is the
  right-most ``X-Forwarded-For`` address that is not a trusted proxy. A proxy appends the address it
  heard from, so whatever a client writes into the header stays to the left and is never read.
- On top of the limit per (user name, address), a user name is locked for everyone once
  ``AXES_USERNAME_FAILURE_LIMIT`` wrong passwords came from several addresses within the cool-off.
"""

import ipaddress
from functools import lru_cache

from axes.attempts import get_cool_off_threshold
from axes.conf import settings
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.db.models import Sum

# gunicorn listening on a unix socket gives the proxy's requests an empty REMOTE_ADDR:
# the peer is a process on this host.
UNIX_SOCKET_PEER = ipaddress.ip_address("127.0.0.1")


@lru_cache(maxsize=8)
def _networks(trusted_proxies):
    return tuple(ipaddress.ip_network(value, strict=False) for value in trusted_proxies)


def _parse(value):
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    # ::ffff:10.0.0.1 is 10.0.0.1, as a dual-stack socket reports it.
    return getattr(address, "ipv4_mapped", None) or address


def client_address(request):
    """The address of the client behind our trusted proxies, never None."""
    trusted = _networks(tuple(settings.TRUSTED_PROXIES))
    client = _parse(request.META.get("REMOTE_ADDR", "")) or UNIX_SOCKET_PEER
    hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    while any(client in network for network in trusted) and hops:
        hop = _parse(hops.pop())
        if hop is None:
            # Only a client writes a malformed hop: the last proxy that heard it stands for it.
            break
        client = hop
    return str(client)


class LoginAttemptHandler(AxesDatabaseHandler):
    """django-axes' database handler with a ceiling per user name.

    Axes compares every lockout parameter with the one ``AXES_FAILURE_LIMIT``, so adding
    ``"username"`` to ``AXES_LOCKOUT_PARAMETERS`` would let anyone lock any account for everyone
    with five wrong passwords. Here the user name has its own, higher limit, and each address
    counts at most ``AXES_FAILURE_LIMIT`` towards it: hammering from one locked-out address adds
    nothing; only guesses spread over many addresses reach it.
    """

    def get_failures(self, request, credentials=None):
        failures = super().get_failures(request, credentials)
        limit = get_failure_limit(request, credentials)
        if failures < limit and self.username_failures(request, credentials, limit) >= settings.AXES_USERNAME_FAILURE_LIMIT:
            return limit
        return failures

    def username_failures(self, request, credentials, per_address):
        per_address_failures = (
            AccessAttempt.objects.filter(
                username=get_client_username(request, credentials),
                attempt_time__gte=get_cool_off_threshold(request),
            )
            .values("ip_address")
            .annotate(failures=Sum("failures_since_start"))
            .values_list("failures", flat=True)
        )
        return sum(min(failures, per_address) for failures in per_address_failures)
