"""A Redis that is down or hangs, for the tests of what the portal does without its cache."""

import pytest

from tests.operations.redis_faults import HangingServer, use_redis_at


@pytest.fixture
def hanging_redis():
    server = HangingServer()
    yield server
    server.close()


@pytest.fixture(params=["down", "hanging"])
def broken_redis(request, settings, monkeypatch):
    """A Redis that refuses connections (nothing listens on port 1), or one that never answers;
    the hanging server, or None."""
    server = request.getfixturevalue("hanging_redis") if request.param == "hanging" else None
    use_redis_at(server.url if server else "redis://127.0.0.1:1/0", settings, monkeypatch)
    return server
