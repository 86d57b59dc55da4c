"""Each worker's copies of the pages it has just served from the cache (``publishing.cache``)."""

import pickle
import threading
import time
from collections import OrderedDict

from django.conf import settings


class RecentCopies:
    """This process's copies of the pages it last served from the cache, each with the moment it
    read it: within ``PUBLIC_PAGE_LAG_MS`` a hit is answered from here, without a cache read (with
    Redis: a round trip and the page's bytes) nor a query. Kept pickled, as the local memory cache
    keeps them: the middleware above writes into the response it returns (a request id, a closer),
    so each reader gets a response of its own. At most ``size`` pages, the least recently read
    dropped first; ``invalidate()`` forgets them all, like the recent versions."""

    def __init__(self, size):
        self.size = size
        self.lock = threading.Lock()
        self.pages = OrderedDict()  # key → (made, pickled response, read at)

    def get(self, key):
        """(made, response) read from the cache at most ``PUBLIC_PAGE_LAG_MS`` ago, or None."""
        with self.lock:
            found = self.pages.get(key)
            if found is None:
                return None
            made, payload, read_at = found
            if (time.monotonic() - read_at) * 1000 >= settings.PUBLIC_PAGE_LAG_MS:
                del self.pages[key]
                return None
            self.pages.move_to_end(key)
        return made, pickle.loads(payload)  # noqa: S301 (pickled by this process, below)

    def put(self, key, made, response):
        if not settings.PUBLIC_PAGE_LAG_MS:
            return
        copy = (made, pickle.dumps(response, pickle.HIGHEST_PROTOCOL), time.monotonic())
        with self.lock:
            self.pages[key] = copy
            self.pages.move_to_end(key)
            while len(self.pages) > self.size:
                self.pages.popitem(last=False)

    def clear(self):
        with self.lock:
            self.pages.clear()
