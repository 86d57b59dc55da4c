"""A Redis that is down or hangs slows the site a little, never breaks it: pages are served uncached,
one request per worker every few seconds waits for it (CACHE_TIMEOUT_MS), a warning is logged at most
once a minute, and staff can still log in (sessions fall back to the database)."""

import logging
import time

import pytest
from django.urls import reverse

from publishing import redis_cache
from tests.factories import PlanFactory
from tests.news.factories import ArticleFactory
from tests.operations.redis_faults import use_redis_at

# Today's pages answer in tens of milliseconds; a Redis without a timeout would hold them for ever
# (a hanging server) or for seconds. Deliberately loose: this is no benchmark.
ANSWERED_WITHIN_SECONDS = 2.0
PASSWORD = "mat-khau-thu-nghiem-2024"  # UserFactory's


@pytest.fixture
def public_pages(unit_a):
    plan = PlanFactory(agency=unit_a, title="Kế hoạch tuyên truyền của xã An Trường")
    ArticleFactory(title="Xã An Trường ban hành kế hoạch")
    return {
        reverse("home"): plan.title,
        reverse("plans:list"): plan.title,
        plan.get_absolute_url(): plan.title,
        reverse("news:list"): "Xã An Trường ban hành kế hoạch",
    }


def timed_get(client, url):
    started = time.monotonic()
    response = client.get(url)
    return response, time.monotonic() - started


def test_public_pages_are_served_uncached(broken_redis, visitor, public_pages):
    for _ in range(2):
        for url, shown in public_pages.items():
            response, seconds = timed_get(visitor, url)

            assert response.status_code == 200, url
            assert shown in response.content.decode()
            assert seconds < ANSWERED_WITHIN_SECONDS, (url, seconds)


def test_only_one_request_every_few_seconds_waits_for_a_hanging_redis(hanging_redis, settings, monkeypatch, visitor,
                                                                        public_pages):
    use_redis_at(hanging_redis.url, settings, monkeypatch)

    for url in public_pages:
        assert visitor.get(url).status_code == 200

    # The first request's first cache operation timed out; every other one left the cache alone.
    assert len(hanging_redis.connections) == 1


def test_the_cache_is_tried_again_after_a_few_seconds_and_the_warning_repeats_once_a_minute(
    broken_redis, visitor, public_pages, monkeypatch, caplog,
):
    now = [1000.0]
    monkeypatch.setattr(redis_cache.time, "monotonic", lambda: now[0])
    home = reverse("home")

    def warnings_after_requests(seconds_later, requests=3):
        now[0] += seconds_later
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="publishing.redis_cache"):
            for _ in range(requests):
                assert visitor.get(home).status_code == 200
        return [record.getMessage() for record in caplog.records if record.name == "publishing.redis_cache"]

    first = warnings_after_requests(0)
    assert len(first) == 1 and "pages are served uncached" in first[0]
    assert "127.0.0.1:" in first[0]
    assert warnings_after_requests(redis_cache.RETRY_SECONDS + 1) == []  # tried again, failed again: no new line
    if broken_redis:
        assert len(broken_redis.connections) == 2  # the second try
    assert len(warnings_after_requests(60)) == 1


def test_staff_can_log_in(broken_redis, client, officer_a):
    response = client.post(reverse("admin:login"), {"username": officer_a.username, "password": PASSWORD,
                                                    "next": reverse("admin:index")})

    assert response.status_code == 302
    assert "_auth_user_id" in client.session
    assert client.get(reverse("admin:index")).status_code == 200
