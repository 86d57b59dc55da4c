"""Redis faults, real ones: a server that never answers, and the portal pointed at any Redis address."""

import socket
import threading

from publishing import redis_cache


class HangingServer:
    """A TCP server on loopback that accepts connections and never answers (a Redis that hangs)."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.connections = []
        threading.Thread(target=self.accept, daemon=True).start()

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.listener.getsockname()[1]}/0"

    def accept(self):
        while True:
            try:
                self.connections.append(self.listener.accept()[0])
            except OSError:
                return  # closed

    def close(self):
        self.listener.close()
        for connection in self.connections:
            connection.close()


def use_redis_at(url, settings, monkeypatch):
    """The portal configured as with ``REDIS_URL=url``: the signed Redis cache, sessions in
    ``cached_db``, the page cache on; and no outage remembered from another test."""
    monkeypatch.setattr(redis_cache, "_outage", redis_cache._Outage())
    # Assigning CACHES makes Django close and forget the cache connections it holds (django.test.signals).
    settings.CACHES = {"default": {"BACKEND": "publishing.redis_cache.SignedRedisCache", "LOCATION": url}}
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300
