"""Public pages come from the cache for anonymous readers, and never outlive a change."""

import datetime
import os

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from publishing import cache as page_cache
from publishing.models import Status
from publishing.workflow import publish, withdraw
from tests.clock import MonotonicClock
from tests.factories import PlanFactory


@pytest.fixture(autouse=True)
def page_cache_on(settings, empty_cache):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300


def fetch(client, url, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    return response, len(queries)


def test_a_second_anonymous_visit_costs_one_query(client, unit_a):
    PlanFactory(agency=unit_a, title="Kế hoạch của xã An Trường")
    archive = reverse("plans:list")

    first, first_queries = fetch(client, archive, year="2024")
    second, second_queries = fetch(client, archive, year="2024")

    # The one query of a cached page is the content version (publishing/cache.py), read for every hit
    # with PUBLIC_PAGE_LAG_MS = 0 (tests/conftest.py; a hit within the lag costs none, below).
    assert first_queries > 1 and second_queries == 1
    assert second.content == first.content
    assert "Kế hoạch của xã An Trường" in second.content.decode()


def test_publishing_and_withdrawing_show_at_once(client, unit_a, approver):
    archive = reverse("plans:list")
    fetch(client, archive)
    plan = PlanFactory(agency=unit_a, title="Kế hoạch vừa công bố", status=Status.SUBMITTED, published_at=None)
    assert "Kế hoạch vừa công bố" not in fetch(client, archive)[0].content.decode()

    publish(item=plan, by=approver)
    assert "Kế hoạch vừa công bố" in fetch(client, archive)[0].content.decode()

    withdraw(item=plan, by=approver, comment="Ban hành nhầm")
    assert "Kế hoạch vừa công bố" not in fetch(client, archive)[0].content.decode()


def test_a_change_to_a_plans_channels_shows_at_once(client, unit_a):
    from plans.models import Channel

    plan = PlanFactory(agency=unit_a)
    fetch(client, plan.get_absolute_url())
    plan.channels.set([Channel.objects.get(slug="mang-xa-hoi")])

    assert "Mạng xã hội (Zalo, Fanpage)" in fetch(client, plan.get_absolute_url())[0].content.decode()


def test_a_cached_page_never_outlives_the_next_scheduled_publication(client, unit_a, monkeypatch):
    PlanFactory(agency=unit_a, published_at=timezone.now() + datetime.timedelta(seconds=90))
    timeouts = []
    real_set = cache.set
    monkeypatch.setattr(cache, "set", lambda key, value, timeout=None: (timeouts.append((key, timeout)), real_set(key, value, timeout))[1])

    fetch(client, reverse("plans:list"))

    page_timeouts = [timeout for key, timeout in timeouts if ":next-scheduled" not in key]
    assert page_timeouts and 0 < page_timeouts[0] <= 90


def test_signed_in_users_always_get_a_fresh_page(client, officer_a):
    client.force_login(officer_a)
    archive = reverse("plans:list")

    fetch(client, archive)
    assert fetch(client, archive)[1] > 0


def test_article_pages_are_cached_and_still_count_every_view(client, db):
    from news.view_counts import fold_views
    from tests.news.factories import ArticleFactory

    article = ArticleFactory()
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            client.get(article.get_absolute_url(), HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0")
        counts.append(len(queries))

    # The content version, and the view (one INSERT without Redis; an HINCRBY with it).
    assert counts[0] > 2 and counts[1] <= 2
    fold_views()
    article.refresh_from_db()
    assert article.view_count == 2


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL not set; .ci/run sets it to the machine's Redis")
def test_the_cache_is_the_shared_redis_when_redis_url_is_set(client, unit_a):
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    assert isinstance(caches["default"], RedisCache)
    PlanFactory(agency=unit_a)
    assert fetch(client, reverse("plans:list"))[1] > 1
    assert fetch(client, reverse("plans:list"))[1] == 1  # the content version
    version = page_cache.content_version()
    page_cache.invalidate()
    assert page_cache.content_version() == version + 1


def publish_in_another_worker(plan, approver):
    """A publication as a worker that did not make it sees it: new rows and raised content
    versions, with the versions it read and the pages it copied before still its recent ones
    (``invalidate()`` forgets them only in the worker that made the change)."""
    seen, copies = page_cache._recent_versions.read, dict(page_cache.recent_copies.pages)
    publish(item=plan, by=approver)
    page_cache._recent_versions.read = seen
    page_cache.recent_copies.pages.update(copies)


def test_within_the_lag_a_hit_costs_no_query_and_another_workers_publication_shows_after_it(
    client, settings, monkeypatch, unit_a, approver
):
    settings.PUBLIC_PAGE_LAG_MS = 500
    clock = MonotonicClock(monkeypatch)
    archive = reverse("plans:list")
    plan = PlanFactory(agency=unit_a, title="Kế hoạch công bố ở máy khác", status=Status.SUBMITTED, published_at=None)
    fetch(client, archive)

    publish_in_another_worker(plan, approver)
    clock.now += 0.4
    during, during_queries = fetch(client, archive)
    clock.now += 0.2
    after, after_queries = fetch(client, archive)

    assert during_queries == 0 and "Kế hoạch công bố ở máy khác" not in during.content.decode()
    assert after_queries > 1 and "Kế hoạch công bố ở máy khác" in after.content.decode()


def test_with_the_lag_a_change_made_through_this_worker_shows_at_once(client, settings, monkeypatch, unit_a, approver):
    settings.PUBLIC_PAGE_LAG_MS = 500
    MonotonicClock(monkeypatch)
    archive = reverse("plans:list")
    plan = PlanFactory(agency=unit_a, title="Kế hoạch vừa công bố", status=Status.SUBMITTED, published_at=None)
    fetch(client, archive)
    assert fetch(client, archive)[1] == 0

    publish(item=plan, by=approver)

    assert "Kế hoạch vừa công bố" in fetch(client, archive)[0].content.decode()


def test_within_the_lag_a_hit_reads_no_cache_and_each_reader_gets_a_response_of_its_own(
    client, settings, monkeypatch, unit_a
):
    settings.PUBLIC_PAGE_LAG_MS = 500
    MonotonicClock(monkeypatch)
    PlanFactory(agency=unit_a, title="Kế hoạch của xã An Trường")
    archive = reverse("plans:list")
    fetch(client, archive)  # made and kept
    fetch(client, archive)  # read from the cache, copied
    reads = []
    real_get = cache.get
    monkeypatch.setattr(cache, "get", lambda *args, **kwargs: (reads.append(args), real_get(*args, **kwargs))[1])

    first, first_queries = fetch(client, archive)
    second, second_queries = fetch(client, archive)

    assert (first_queries, second_queries, reads) == (0, 0, [])
    assert first.content == second.content and "Kế hoạch của xã An Trường" in second.content.decode()
    # The request log's id, written into each answer: the copy itself stays as it was kept.
    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_a_page_written_piece_by_piece_is_served_from_the_cache_in_one_piece(client, unit_a):
    PlanFactory(agency=unit_a, title="Kế hoạch trong nguồn tin")
    feed = reverse("plans:feed")
    client.get(feed)

    kept, queries = fetch(client, feed)

    # The feed's XML writer wrote it in hundreds of pieces: each would be a socket write per reader.
    assert queries == 1 and len(list(kept)) == 1
    assert "Kế hoạch trong nguồn tin" in kept.content.decode()
