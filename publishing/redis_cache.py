"""Django's Redis cache, with every value signed before it is stored and checked before it is unpickled.

The cache holds pickles (whole pages, model instances), and unpickling runs code the
pickle names: without the signature, whoever can write to Redis runs code in the portal.
A value whose signature does not match (planted, truncated, or written under another
``SECRET_KEY``) is logged and read as a miss. Integers stay plain, as in Django's
serializer, so ``incr()`` keeps working; an integer runs no code.
"""

import hmac
import logging
import pickle

from django.core.cache.backends.redis import RedisCache, RedisCacheClient, RedisSerializer
from django.utils.crypto import salted_hmac

logger = logging.getLogger(__name__)

SALT = "publishing.redis_cache"
SIGNATURE_BYTES = 32  # HMAC-SHA256


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

    def get(self, key, default):
        return self.get_many([key]).get(key, default)

    def get_many(self, keys):
        found = {}
        for key, value in zip(keys, self.get_client(None).mget(keys), strict=True):
            if value is None:
                continue
            try:
                found[key] = self._serializer.loads(value)
            except UntrustedCacheValue:
                logger.warning("Cache value with a bad signature ignored (read as a miss): %s", key)
        return found


class SignedRedisCache(RedisCache):
    """``RedisCache`` whose values are signed (see the module's docstring); configured like it."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SignedRedisCacheClient
