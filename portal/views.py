import logging
import sys
import uuid

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from news.models import Article
from plans.cards import cards
from plans.filters import PlanFilter
from plans.models import Plan
from plans.selectors import plan_years, some_plan_without_year
from publishing.cache import cache_if_canonical

logger = logging.getLogger(__name__)

FEATURED_ARTICLES = 2
NEWEST_ARTICLES = 4
# What a client is asked to wait before trying again when the database cannot be reached.
RETRY_AFTER_SECONDS = 30


def home(request):
    articles = Article.objects.published().select_related("category").defer("body").newest_first()
    featured = list(articles.filter(featured=True)[:FEATURED_ARTICLES])
    context = {
        "featured_articles": featured,
        "newest_articles": articles.exclude(pk__in=[article.pk for article in featured])[:NEWEST_ARTICLES],
        "newest_plans": cards(Plan.objects.published().for_cards().order_by("-published_at", "-id")[:8]),
        "years": plan_years(),
        "some_plan_without_year": some_plan_without_year(),
        "search_form": PlanFilter().form,
    }
    return cache_if_canonical(request, render(request, "portal/home.html", context))


class CheckFailed(Exception):
    """A health check's own finding (not an exception of the thing it checked)."""


def _check_database():
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")


def _check_cache():
    key, token = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, token, 10)
    answered = cache.get(key)
    cache.delete(key)
    if answered != token:  # the cache answers a failure as a miss (publishing/redis_cache.py)
        raise CheckFailed("not answering")


def _check_media():
    name = default_storage.save(f"healthz/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    default_storage.delete(name)


class _MigrationsApplied:
    """Once every migration this code knows is applied, it stays so for this process's life (new
    migrations come with new code, and so a new process): the graph is not rebuilt at every probe."""

    seen = False


def _check_migrations():
    if _MigrationsApplied.seen:
        return
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    unapplied = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if unapplied:
        raise CheckFailed(f"{len(unapplied)} not applied")
    _MigrationsApplied.seen = True


HEALTH_CHECKS = {"database": _check_database, "cache": _check_cache, "media": _check_media,
                 "migrations": _check_migrations}
# The site still works without these (uncached): reported, but the instance stays in service.
OPTIONAL_CHECKS = {"cache"}


def _run_check(name, check):
    try:
        check()
    except CheckFailed as failure:
        reason = str(failure)
    except Exception as error:
        reason = f"failed ({type(error).__name__})"
    else:
        return "ok"
    logger.warning("Health check %s: %s", name, reason, exc_info=logger.isEnabledFor(logging.DEBUG))
    return reason


@require_safe
@never_cache
def healthz(request):
    """For load balancers: whether this instance can serve the portal.

    Checks the database (a query), the cache (writes and reads back a throw-away key), the
    media storage (saves and deletes a small file) and that every migration is applied. All
    well: 200 ``{"status": "ok", "checks": {...: "ok"}}``. A failing database, media storage or
    migration: 503 ``"status": "failing"``, the failing check giving a short reason (the
    exception's class only: the page is public; the log has the rest). A failing cache alone
    answers 200 ``"status": "degraded"``: pages are then served uncached, slower but correct,
    so the load balancer should keep sending this instance traffic rather than take every
    instance out at once when a shared Redis goes down.

    Never cached, and touches no session; it is not wrapped in ``cache_public_page``.
    """
    checks = {name: _run_check(name, check) for name, check in HEALTH_CHECKS.items()}
    failing = {name for name, result in checks.items() if result != "ok"}
    if failing - OPTIONAL_CHECKS:
        status, code = "failing", 503
    else:
        status, code = ("degraded" if failing else "ok"), 200
    return JsonResponse({"status": status, "checks": checks}, status=code)


def server_error(request):
    """The 500 page; but a database that cannot be reached or answer (down, refusing connections,
    out of connections, a lock or statement timeout) is a passing state, not a bug: a Vietnamese
    503 page with ``Retry-After``. Rendered without the request: no context processor, no query.

    Other database errors (an integrity or programming error) are bugs, and stay 500s.
    """
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return defaults.server_error(request)
