"""Article views: counted without writing the article's row, folded into ``Article.view_count`` every minute.

A cached article page is answered without running its view, so views are counted from the answer
(``news.middleware.ArticleViewMiddleware``): every 200 answer to a GET of an article page by a
reader (not a bot, not the article's author) adds one view to a buffer:

- with Redis, one ``HINCRBY`` into the hash of pending views (article id → views);
- without Redis, or while it fails, one INSERT of a ``PendingArticleView`` row.

``fold_views()`` adds the buffer to the articles, each view exactly once however many folds run
at once (the ``fold_article_views`` command from cron, and a request of each worker at most once
a minute, ``ARTICLE_VIEWS_FOLD_SECONDS``):

- Redis: the pending hash is renamed to a batch of its own and listed in a set of batches, in one
  MULTI (``RENAME`` is atomic: a view counted meanwhile goes to a new pending hash, never to two
  batches). A batch is added in one transaction that also records its name (``FoldedViewBatch``,
  unique), then deleted. Every fold goes through every listed batch, so one left by a fold that
  died is folded by the next: a recorded name stops a second addition, and a missing one means
  the first addition was rolled back.
- The table: rows are taken with ``DELETE … RETURNING`` and added in the same transaction: a row
  is deleted once, so counted once, and a fold that fails gives its rows back.

A fold writes ``view_count`` with ``update()``: a view count is not content, so no cached page is
invalidated; the count a page shows may be up to a minute (the fold) plus its cache lifetime old.
"""

import logging
import re
import threading
import time
import uuid
from collections import Counter, defaultdict
from datetime import timedelta
from itertools import islice

from django.conf import settings
from django.core.cache import cache, caches
from django.db import DEFAULT_DB_ALIAS, DatabaseError, IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from news.models import Article, FoldedViewBatch, PendingArticleView
from publishing.redis_cache import CacheUnavailable, SignedRedisCache, run_command

logger = logging.getLogger(__name__)

PENDING = "article-views:pending"
BATCH_PREFIX = "article-views:batch:"
BATCHES = "article-views:batches"  # the set of the batches' keys
FOLD_LOCK = "article-views:fold-lock"
BATCH_RECORDS_KEPT = timedelta(days=7)
TABLE_ROWS_PER_TRANSACTION = 10_000
IDS_PER_QUERY = 1_000  # well under SQLite's limit on a statement's parameters


# Crawlers, link-preview fetchers and scripts announce themselves in the User-Agent.
NOT_A_READER = re.compile(
    r"bot|crawl|spider|slurp|facebookexternalhit|embedly|preview|headless|lighthouse|curl|wget|"
    r"python|java/|go-http|httpclient|okhttp|monitor|uptime",
    re.IGNORECASE,
)


def is_counted_reader(request, author_id):
    """A person reading, not a bot and not the article's own author (``author_id``)."""
    agent = request.headers.get("User-Agent", "")
    if not agent or NOT_A_READER.search(agent):
        return False
    # An answer given before authentication ran (from the cache, say) is an anonymous reader's.
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated and user.pk == author_id)


def counted_article(request, response):
    """The id of the article whose page ``response`` shows, if this answer counts as a reader's view:
    a 200 answer to a GET of the public page (not a HEAD, not a preview) by a reader."""
    viewed = getattr(response, "article_viewed", None)
    if viewed is None or request.method != "GET" or response.status_code != 200:
        return None
    article_id, author_id = viewed
    return article_id if is_counted_reader(request, author_id) else None


def record_view(article_id):
    """Add one view of the article to the buffer (see the module's docstring); never writes the article."""
    redis = _redis()
    if redis is not None:
        try:
            run_command(redis, lambda client: client.hincrby(redis.make_key(PENDING), str(article_id), 1))
            return
        except CacheUnavailable:
            pass  # kept in the database instead: Redis down loses no view
    try:
        PendingArticleView.objects.create(article_id=article_id)
    except DatabaseError:
        # The page is rendered (perhaps from the cache): the reader gets it, the view is lost and said so.
        logger.warning("Article view not counted (the database refused it): article %s", article_id, exc_info=True)


def fold_views():
    """Add every buffered view to its article's ``view_count``, once, and return how many were added.

    Safe to run from any number of processes at the same time (see the module's docstring).
    """
    added = _fold_redis() + _fold_table()
    FoldedViewBatch.objects.filter(folded_at__lt=timezone.now() - BATCH_RECORDS_KEPT).delete()
    return added


class _NextFold:
    """When this process folds next (``time.monotonic()``); a lock for threaded servers."""

    lock = threading.Lock()
    at = 0.0


_next_fold = _NextFold()


def fold_views_if_due():
    """Fold at most once every ``ARTICLE_VIEWS_FOLD_SECONDS`` per process, and (with a shared cache)
    once for all workers; a failure is logged, never shown to the reader whose request ran it."""
    seconds = settings.ARTICLE_VIEWS_FOLD_SECONDS
    with _next_fold.lock:
        now = time.monotonic()
        if not seconds or now < _next_fold.at:
            return
        _next_fold.at = now + seconds
    # Only a throttle: the fold itself stays exact if two workers run it together.
    if not cache.add(FOLD_LOCK, True, seconds):
        return
    try:
        fold_views()
    except DatabaseError:
        logger.exception("Folding the article views failed; they stay buffered for the next fold")


def _redis():
    backend = caches["default"]
    return backend if isinstance(backend, SignedRedisCache) else None


def _fold_redis():
    redis = _redis()
    if redis is None:
        return 0
    pending, batches = redis.make_key(PENDING), redis.make_key(BATCHES)

    def take_pending(client):
        # One MULTI: the renamed hash is always listed in the set of batches, even if this fold dies
        # next. A failed RENAME (no such key: nothing counted since) lists a batch that reads empty.
        transaction = client.pipeline(transaction=True)
        transaction.rename(pending, batch := f"{redis.make_key(BATCH_PREFIX)}{uuid.uuid4().hex}")
        transaction.sadd(batches, batch)
        transaction.execute(raise_on_error=False)
        # This fold's batch, and any left by a fold that died before deleting its own.
        return sorted(name.decode() for name in client.smembers(batches))

    def delete(client, batch):
        client.pipeline(transaction=True).delete(batch).srem(batches, batch).execute()

    added = 0
    try:
        for batch in run_command(redis, take_pending):
            counts = run_command(redis, lambda client, batch=batch: client.hgetall(batch))
            added += _add_batch(batch.rsplit(":", 1)[1], {int(pk): int(views) for pk, views in counts.items()})
            run_command(redis, lambda client, batch=batch: delete(client, batch))
    except CacheUnavailable:
        pass  # the batches wait in Redis for the next fold; views meanwhile go to the table
    return added


def _add_batch(name, counts):
    if not counts:
        return 0
    try:
        with transaction.atomic():
            FoldedViewBatch.objects.create(batch=name)
            _add_to_articles(counts)
    except IntegrityError:
        return 0  # another fold has added this batch
    return sum(counts.values())


def _fold_table():
    table = connection.ops.quote_name(PendingArticleView._meta.db_table)
    # DELETE … RETURNING (PostgreSQL, SQLite ≥ 3.35): of two folds at once, each gets only the rows it deleted.
    take = f"DELETE FROM {table} WHERE id IN (SELECT id FROM {table} ORDER BY id LIMIT %s) RETURNING article_id"
    added = 0
    while True:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(take, [TABLE_ROWS_PER_TRANSACTION])
            rows = cursor.fetchall()
            _add_to_articles(Counter(article_id for (article_id,) in rows))
        added += len(rows)
        if len(rows) < TABLE_ROWS_PER_TRANSACTION:
            return added


def batched(items, size):  # itertools.batched from Python 3.12
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _add_to_articles(counts):
    """One UPDATE per distinct number of views (a few, not one per article), rows locked in id order
    first, so that two folds at once wait for each other instead of deadlocking."""
    article_ids = sorted(counts)
    # On the primary, as the UPDATEs: never the replica anonymous reads may be routed to.
    articles = Article.objects.using(DEFAULT_DB_ALIAS)
    for chunk in batched(article_ids, IDS_PER_QUERY):
        list(articles.select_for_update(no_key=True).filter(pk__in=chunk).order_by("pk").values_list("pk"))
    articles_by_views = defaultdict(list)
    for article_id in article_ids:
        articles_by_views[counts[article_id]].append(article_id)
    for views, same_views in articles_by_views.items():
        for chunk in batched(same_views, IDS_PER_QUERY):
            articles.filter(pk__in=chunk).update(view_count=F("view_count") + views)
