"""Article views are counted for every reader's GET, cached page or not, and reach the article's
``view_count`` at the next fold, each exactly once; bots, HEAD requests, the author and previews
never count (news/view_counts.py). Each test runs on the workers' own memory cache and, when
``REDIS_URL`` is set (.ci/run sets it), on Redis."""

import os
import random
import threading

import pytest
import redis
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import DatabaseError, close_old_connections, connection, connections
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from news import view_counts
from news.models import FoldedViewBatch, PendingArticleView
from publishing import redis_cache
from publishing.cache import invalidate
from publishing.redis_cache import run_command
from tests.clock import MonotonicClock
from tests.news.factories import ArticleFactory, CategoryFactory
from tests.operations.redis_faults import use_redis_at

BROWSER = "Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120 Mobile Safari/537.36"
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
REDIS_DOWN = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def redis_url():
    """The machine's Redis (.ci/run sets REDIS_URL), or the test is skipped."""
    if not os.environ.get("REDIS_URL"):
        pytest.skip("REDIS_URL not set; .ci/run sets it to the machine's Redis")
    return os.environ["REDIS_URL"]


def use_memory_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "views"}}


@pytest.fixture(params=["memory", "redis"])
def page_cache(request, settings, monkeypatch, db):
    """The page cache on, in each worker's memory or in Redis; its name."""
    if request.param == "redis":
        use_redis_at(redis_url(), settings, monkeypatch)
    else:
        use_memory_cache(settings)
        settings.PUBLIC_PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield request.param
    cache.clear()


def read(client, article, agent=BROWSER):
    return client.get(article.get_absolute_url(), headers={"User-Agent": agent})


def views_of(article):
    article.refresh_from_db()
    return article.view_count


def test_readers_count_and_bots_link_checkers_the_author_and_previews_do_not(page_cache, client, editor, district):
    article = ArticleFactory(created_by=editor, locality=district)

    read(client, article)
    read(client, article)  # from the cache
    read(client, article, agent=GOOGLEBOT)
    read(client, article, agent="")
    client.head(article.get_absolute_url(), headers={"User-Agent": BROWSER})
    client.get(reverse("news:detail", args=["khong-co-tin-nay"]), headers={"User-Agent": BROWSER})
    client.force_login(editor)
    read(client, article)
    client.get(reverse("news:preview", args=[article.pk]), headers={"User-Agent": BROWSER})

    assert views_of(article) == 0  # a view never writes the article's row
    assert view_counts.fold_views() == 2
    assert views_of(article) == 2


def test_views_after_the_fold_equal_the_human_requests_sent(page_cache, client):
    articles = ArticleFactory.create_batch(3)
    rng = random.Random(20)
    sent = dict.fromkeys(articles, 0)
    for step in range(120):
        article = rng.choice(articles)
        kind = rng.choice(["reader", "reader", "reader", "bot", "head"])
        if kind == "head":
            response = client.head(article.get_absolute_url(), headers={"User-Agent": BROWSER})
        else:
            response = read(client, article, agent=BROWSER if kind == "reader" else GOOGLEBOT)
        assert response.status_code == 200
        sent[article] += kind == "reader"
        if step % 25 == 24:
            invalidate()  # a publication elsewhere: the next reads are misses
        if step == 60:
            view_counts.fold_views()  # a fold halfway changes nothing to the total

    view_counts.fold_views()
    assert {article: views_of(article) for article in articles} == sent


def test_a_cached_article_page_is_served_without_its_view_and_its_count_still_rises(page_cache, client):
    article = ArticleFactory(title="Tin đọc từ bộ đệm")
    read(client, article)

    with CaptureQueriesContext(connection) as queries:
        response = read(client, article)

    assert "Tin đọc từ bộ đệm" in response.content.decode()
    # At most the content version, and without Redis the view's one-row INSERT: no article is read or written.
    statements = [query["sql"] for query in queries.captured_queries]
    assert not any('"news_article"' in sql for sql in statements)
    beside_the_version = [sql for sql in statements if "publishing_contentversion" not in sql]
    assert len(beside_the_version) == (page_cache == "memory")
    assert all(sql.startswith('INSERT INTO "news_pendingarticleview"') for sql in beside_the_version)
    assert len(statements) <= 2

    view_counts.fold_views()
    assert views_of(article) == 2
    # The cached page keeps the count it was rendered with (the fold invalidates nothing) until it expires.
    assert "Lượt xem: 0" in read(client, article).content.decode()
    invalidate()
    assert "Lượt xem: 2" in read(client, article).content.decode()  # what was folded, not the view unfolded


def test_the_fold_invalidates_no_cached_page(page_cache, client):
    article = ArticleFactory()
    read(client, article)

    with CaptureQueriesContext(connection) as queries:
        view_counts.fold_views()

    assert not any("publishing_contentversion" in q["sql"] for q in queries.captured_queries)


def test_a_redis_outage_loses_no_view_and_no_page(settings, monkeypatch, client, db):
    url = redis_url()
    article = ArticleFactory(title="Tin trong lúc Redis ngừng")
    use_redis_at(url, settings, monkeypatch)
    cache.clear()
    read(client, article)  # counted in Redis

    use_redis_at(REDIS_DOWN, settings, monkeypatch)
    for _ in range(3):
        response = read(client, article)
        assert response.status_code == 200
        assert "Tin trong lúc Redis ngừng" in response.content.decode()
    assert PendingArticleView.objects.filter(article=article).count() == 3
    view_counts.fold_views()  # Redis is still down: the table is folded, Redis's view waits
    assert views_of(article) == 3

    use_redis_at(url, settings, monkeypatch)
    read(client, article)
    view_counts.fold_views()
    assert views_of(article) == 5


def test_a_redis_that_is_down_from_the_start_counts_in_the_database(settings, monkeypatch, client, db):
    article = ArticleFactory()
    use_redis_at(REDIS_DOWN, settings, monkeypatch)

    assert read(client, article).status_code == 200
    call_command("fold_article_views")
    assert views_of(article) == 1


@pytest.fixture
def redis_page_cache(settings, monkeypatch, db):
    use_redis_at(redis_url(), settings, monkeypatch)
    cache.clear()
    yield
    cache.clear()


def test_a_batch_left_by_a_fold_that_died_after_adding_it_is_not_added_again(redis_page_cache, client, monkeypatch):
    article = ArticleFactory()
    read(client, article)
    read(client, article)

    def connection_lost(self, *keys):
        raise redis.exceptions.ConnectionError("connection lost")

    with monkeypatch.context() as patched:
        patched.setattr(redis.Redis, "delete", connection_lost)
        view_counts.fold_views()
    monkeypatch.setattr(redis_cache, "_outage", redis_cache._Outage())  # Redis is back
    assert views_of(article) == 2

    read(client, article)
    view_counts.fold_views()  # finds the old batch (already added) and a new one
    assert views_of(article) == 3
    assert run_command(cache, lambda client: list(client.scan_iter(match="*article-views:batch:*"))) == []


def test_a_fold_that_fails_gives_its_views_back(page_cache, client, monkeypatch):
    article = ArticleFactory()
    read(client, article)
    read(client, article)

    def database_gone(counts):
        raise DatabaseError("connection lost")

    with monkeypatch.context() as patched:
        patched.setattr(view_counts, "_add_to_articles", database_gone)
        with pytest.raises(DatabaseError):
            view_counts.fold_views()
    assert views_of(article) == 0

    view_counts.fold_views()
    assert views_of(article) == 2


def test_a_worker_folds_at_most_once_a_minute_and_only_one_worker_does(page_cache, settings, client, monkeypatch):
    settings.ARTICLE_VIEWS_FOLD_SECONDS = 60
    clock = MonotonicClock(monkeypatch)
    monkeypatch.setattr(view_counts._next_fold, "at", 0.0)
    article = ArticleFactory()

    read(client, article)
    assert views_of(article) == 1  # the first reader's request folded
    read(client, article)
    assert views_of(article) == 1  # not again within the minute

    clock.now += 61
    cache.delete(view_counts.FOLD_LOCK)
    read(client, article)
    assert views_of(article) == 3

    clock.now += 61  # another worker folded a moment ago: its lock is still in the shared cache
    cache.set(view_counts.FOLD_LOCK, True, 60)
    read(client, article)
    assert views_of(article) == 3


def test_the_fold_runs_once_the_answer_has_gone_out(page_cache, settings, monkeypatch):
    """A WSGI server closes a response after sending it: the reader whose request folds has the page by then."""
    settings.ARTICLE_VIEWS_FOLD_SECONDS = 60
    monkeypatch.setattr(view_counts._next_fold, "at", 0.0)
    article = ArticleFactory()
    environ = RequestFactory().get(article.get_absolute_url(), headers={"User-Agent": BROWSER}).environ
    # As the test client does: the request's signals must not close the test's own connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        response = WSGIHandler()(environ, lambda status, headers: None)
        assert response.status_code == 200 and article.title in b"".join(response).decode()
        assert views_of(article) == 0  # counted, not folded yet
        response.close()
        assert views_of(article) == 1
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent folds need PostgreSQL; CI runs it")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("store", ["table", "redis"])
def test_concurrent_folds_never_count_a_view_twice(store, settings, monkeypatch):
    if store == "redis":
        use_redis_at(redis_url(), settings, monkeypatch)
    else:
        use_memory_cache(settings)
    cache.clear()
    # A transactional test starts from an empty database, without the migrations' categories.
    articles = ArticleFactory.create_batch(20, category=CategoryFactory())
    rng = random.Random(7)
    sent = dict.fromkeys(articles, 0)
    folds = 6
    start = threading.Barrier(folds + 1)
    failures = []

    def fold():
        try:
            start.wait()
            for _ in range(5):
                view_counts.fold_views()
        except Exception as error:  # noqa: BLE001 - reported below
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=fold) for _ in range(folds)]
    for thread in threads:
        thread.start()
    start.wait()
    for _ in range(400):  # readers keep counting while the folds run
        article = rng.choice(articles)
        view_counts.record_view(article.pk)
        sent[article] += 1
    for thread in threads:
        thread.join()
    view_counts.fold_views()

    assert failures == []
    assert {article: views_of(article) for article in articles} == sent
    assert FoldedViewBatch.objects.count() <= folds * 5 + 1
    cache.clear()
