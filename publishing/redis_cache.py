"""Django's Redis cache, with every value signed before it is stored and checked before it is unpickled.

The cache holds pickles (whole pages, model instances), and unpickling runs code the
pickle names: without the signature, whoever can write to Redis runs code in the portal.
A value whose signature does not match (planted, truncated, or written under another
``SECRET_KEY``) is logged and read as a miss. Integers stay plain, as in Django's
serializer, so ``incr()`` keeps working; an integer runs no code.

A Redis that is down, hangs or refuses a command degrades the site, never breaks it: every
operation waits at most ``CACHE_TIMEOUT_MS`` (to connect, and for an answer), a failure is
read as a miss (a write as not done), and the worker then leaves the cache alone for
``RETRY_SECONDS`` before trying again. A request therefore loses at most one timeout, and only
one request per worker every few seconds does; the pages are rendered from the database
meanwhile. A warning says so at most once a minute per worker.
"""

import hmac
import logging
import pickle
import threading
import time
from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache.backends.redis import RedisCache, RedisCacheClient, RedisSerializer
from django.utils.crypto import salted_hmac
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

SALT = "publishing.redis_cache"
SIGNATURE_BYTES = 32  # HMAC-SHA256
RETRY_SECONDS = 5
WARNING_INTERVAL_SECONDS = 60


class UntrustedCacheValue(Exception):
    """A value in Redis that the portal did not write."""


def _signature(payload):
    return salted_hmac(SALT, payload, algorithm="sha256").digest()


class SignedPickleSerializer(RedisSerializer):
    """Pickles with an HMAC-SHA256 (key derived from ``SECRET_KEY``) in front; ``loads`` checks it first."""

    def dumps(self, obj):
        data = super().dumps(obj)
        if isinstance(data, int):
            return data
        return _signature(data) + data

    def loads(self, data):
        try:
            return int(data)
        except ValueError:
            pass
        signature, payload = data[:SIGNATURE_BYTES], data[SIGNATURE_BYTES:]
        if not hmac.compare_digest(signature, _signature(payload)):
            raise UntrustedCacheValue
        return pickle.loads(payload)


class SignedRedisCacheClient(RedisCacheClient):
    def __init__(self, servers, serializer=SignedPickleSerializer, **options):
        super().__init__(servers, serializer=serializer, **options)
        self._clients = {}  # connection pool → its redis.Redis

    def get_client(self, key=None, *, write=False):
        """One ``redis.Redis`` per connection pool, made once: Django makes one per command, and
        building its table of reply parsers took 0.24 ms of a 0.37 ms page cache hit. A client is
        safe to share between threads (each command takes a connection from the pool)."""
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    def get(self, key, default):
        return self.get_many([key]).get(key, default)

    def get_many(self, keys):
        if not keys:
            return {}  # an MGET of no keys costs a round trip and an error reply (redis-py answers [] for it)
        found = {}
        for key, value in zip(keys, self.get_client(None).mget(keys), strict=True):
            if value is None:
                continue
            try:
                found[key] = self._serializer.loads(value)
            except UntrustedCacheValue:
                logger.warning("Cache value with a bad signature ignored (read as a miss): %s", key)
        return found


class _Outage:
    """Per process and Redis address: until when the cache is left alone, and when a warning was last logged."""

    def __init__(self):
        self.lock = threading.Lock()
        self.retry_at = {}
        self.warned_at = {}

    def ongoing(self, address):
        return time.monotonic() < self.retry_at.get(address, 0)

    def begin(self, address, error):
        now = time.monotonic()
        with self.lock:
            self.retry_at[address] = now + RETRY_SECONDS
            warn = now >= self.warned_at.get(address, -WARNING_INTERVAL_SECONDS) + WARNING_INTERVAL_SECONDS
            if warn:
                self.warned_at[address] = now
        if warn:
            logger.warning(
                "Cache at %s failed (%s: %s): pages are served uncached, the cache is tried again every %d s",
                address, type(error).__name__, error, RETRY_SECONDS,
            )


_outage = _Outage()


def _tolerant(method, fallback):
    """``method``, answered by ``fallback`` (a miss, a write not done) while Redis fails."""

    @wraps(method)
    def tolerant(self, *args, **kwargs):
        if _outage.ongoing(self.address):
            return fallback(*args, **kwargs)
        try:
            return method(self, *args, **kwargs)
        except (RedisError, OSError) as error:
            _outage.begin(self.address, error)
            return fallback(*args, **kwargs)

    return tolerant


def _address(url):
    """For the log: host and port (or a socket's path), never the password in the URL."""
    parts = urlsplit(url)
    return f"{parts.hostname}:{parts.port or 6379}" if parts.hostname else parts.path


def _not_found(key, *args, **kwargs):
    raise ValueError(f"Key '{key}' not found")


class SignedRedisCache(RedisCache):
    """``RedisCache`` whose values are signed, and which a failing Redis slows down briefly but
    never breaks (see the module's docstring); configured like it."""

    def __init__(self, server, params):
        seconds = settings.CACHE_TIMEOUT_MS / 1000
        options = {"socket_connect_timeout": seconds, "socket_timeout": seconds, **params.get("OPTIONS", {})}
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = SignedRedisCacheClient
        self.address = ", ".join(_address(url) for url in self._servers)

    get = _tolerant(RedisCache.get, lambda key, default=None, version=None: default)
    get_many = _tolerant(RedisCache.get_many, lambda *args, **kwargs: {})
    has_key = _tolerant(RedisCache.has_key, lambda *args, **kwargs: False)
    add = _tolerant(RedisCache.add, lambda *args, **kwargs: False)
    set = _tolerant(RedisCache.set, lambda *args, **kwargs: None)
    set_many = _tolerant(RedisCache.set_many, lambda data, *args, **kwargs: list(data))
    touch = _tolerant(RedisCache.touch, lambda *args, **kwargs: False)
    incr = _tolerant(RedisCache.incr, _not_found)
    delete = _tolerant(RedisCache.delete, lambda *args, **kwargs: False)
    delete_many = _tolerant(RedisCache.delete_many, lambda *args, **kwargs: None)
    clear = _tolerant(RedisCache.clear, lambda *args, **kwargs: False)


class CacheUnavailable(Exception):
    """Redis failed just now, or failed a moment ago and is being left alone (``RETRY_SECONDS``)."""


def run_command(cache, command):
    """``command(client)`` on the redis-py client behind ``cache`` (a ``SignedRedisCache``), for what
    Django's cache has no method for (a hash, a rename), under the same rule as the cache's own
    operations: while Redis fails it is not called, and any failure raises ``CacheUnavailable`` and
    starts that back-off. The caller decides what to do instead; nothing is signed here."""
    if _outage.ongoing(cache.address):
        raise CacheUnavailable
    try:
        return command(cache._cache.get_client(write=True))
    except (RedisError, OSError) as error:
        _outage.begin(cache.address, error)
        raise CacheUnavailable from error
