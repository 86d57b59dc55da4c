"""Whole-page caching of the public pages for anonymous readers, and what invalidates it.

Every cached page and remembered value is keyed by a *content version*. Each app
registers, in its ``ready()``, the models whose rows public pages show
(``invalidated_by``): any save or delete of them, and any change to the listed
many-to-many tables, calls ``invalidate()``. Bulk writers (``update()``, COPY, the
locality importer) call ``invalidate()`` themselves. A scheduled item becomes public
without any write: a cached page therefore never outlives the next scheduled publication.

What is kept stays bounded whatever readers send: a page only at its canonical address
(``cache_if_canonical``), and what a typed text or an unknown name brings (a search, a
lookup that found nothing) only for ``SEARCH_CACHE_SECONDS``.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django.utils.http import urlencode

VERSION_KEY = "public-pages:version"
_MISSING = object()
REFERENCE_TIMEOUT = 24 * 3600
# Publishable models registered by the apps: the next scheduled publication is looked up in them.
_SCHEDULABLE = []


def invalidated_by(*models, through=()):
    """Register ``models`` (and the many-to-many ``through`` tables) as shown on public pages:
    a save or delete of any of them, or a change to those lists, invalidates the cache."""
    for model in models:
        post_save.connect(invalidate, sender=model, dispatch_uid=f"invalidate-{model._meta.label}-save")
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"invalidate-{model._meta.label}-delete")
        if hasattr(model.objects, "scheduled") and model not in _SCHEDULABLE:
            _SCHEDULABLE.append(model)
    for table in through:
        m2m_changed.connect(invalidate, sender=table, dispatch_uid=f"invalidate-{table._meta.label}")


def content_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, None)
        version = cache.get(VERSION_KEY, 1)
    return version


def invalidate(**signal_kwargs):
    """Invalidate every cached public page and remembered value (as a signal receiver it ignores the signal's arguments).

    Bumped at once, for the writer's own next read, and again once the transaction
    commits: a reader between the two saw the old rows and may have cached them.
    """
    _bump()
    transaction.on_commit(_bump)


def _bump():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


def next_scheduled():
    """When the next scheduled item of a registered model goes public, or None.

    Looked up once per content version (and again once that moment has passed).
    """
    now = timezone.now()
    key = f"public-pages:{content_version()}:next-scheduled"
    moment = cache.get(key, _MISSING)
    if moment is _MISSING or (moment is not None and moment <= now):
        first, *others = (
            model.objects.scheduled().order_by().values_list("published_at", flat=True) for model in _SCHEDULABLE
        )
        moment = first.union(*others).order_by("published_at").first() if others else first.order_by("published_at").first()
        cache.set(key, moment, REFERENCE_TIMEOUT)
    return moment


def seconds_until_next_scheduled():
    """Seconds until the next scheduled plan or article goes public, or None."""
    moment = next_scheduled()
    return max(1, int((moment - timezone.now()).total_seconds())) if moment else None


def _digest(text):
    """A short key part for any text (a URL, a filter's parameters, a slug a reader typed)."""
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def _page_key(request):
    # The parsed address: "a+b", "a%20b" and "%61+b" are one page, and one entry.
    address = f"{request.path}?{request.GET.urlencode()}"
    return f"public-pages:{content_version()}:{request.method == 'HEAD'}:{_digest(address)}"


def cache_if_canonical(request, response, params=None, *, path=None, page=None, search=False):
    """Let ``cache_public_page`` keep ``response`` only if ``request`` asked for the page's
    canonical address: ``path`` (the request's own by default) with exactly ``params``, in
    that order, then ``page`` as the pagination links spell it (absent, or the page shown).

    Any other spelling (an unknown, repeated or empty parameter, a default written out, a
    unit by its name, a bad value) is answered but not kept, so random values cannot fill
    the cache. A ``search`` page (its words typed by a reader) is kept ``SEARCH_CACHE_SECONDS``.
    """
    params = dict(params or {})
    if page is not None and "page" in request.GET:
        params["page"] = str(page.number)
    canonical = request.path == (path or request.path) and request.GET.urlencode() == urlencode(params)
    seconds = settings.SEARCH_CACHE_SECONDS if search else settings.PUBLIC_PAGE_CACHE_SECONDS
    response.public_cache_seconds = seconds if canonical else 0
    return response


def cache_public_page(view):
    """Serve anonymous GET/HEAD requests of ``view`` from the cache.

    Only answers the view vouched for with ``cache_if_canonical`` are kept (200, 400 and
    404 ones), for the time it gave and never past the next scheduled publication.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if (
            not settings.PUBLIC_PAGE_CACHE_SECONDS
            or request.method not in ("GET", "HEAD")
            or request.user.is_authenticated
        ):
            return view(request, *args, **kwargs)
        key = _page_key(request)
        cached = cache.get(key)
        if cached is not None:
            return cached
        response = view(request, *args, **kwargs)
        timeout = getattr(response, "public_cache_seconds", 0)
        if timeout and response.status_code in (200, 400, 404) and not response.streaming:
            if hasattr(response, "render"):
                response.render()
            until_scheduled = seconds_until_next_scheduled()
            if until_scheduled:
                timeout = min(timeout, until_scheduled)
            cache.set(key, response, timeout)
        return response

    return wrapper


def remember(name, compute, *, brief=False):
    """A value computed from public content (a reference list, a count), kept for the current
    content version and at most until the next scheduled publication, which may change it.

    ``name`` may be any text (it is hashed into the key). A ``brief`` value (its name holds
    words a reader typed: a search) and a None (a name that found nothing, and readers can
    make up endless ones) are kept ``SEARCH_CACHE_SECONDS`` at most.
    """
    key = f"remembered:{content_version()}:{_digest(name)}"  # holds (value, until)
    entry = cache.get(key)
    if entry is not None:
        value, until = entry
        if until is None or timezone.now() < until:
            return value
    value = compute()
    until = next_scheduled()
    timeout = min(seconds_until_next_scheduled() or REFERENCE_TIMEOUT, REFERENCE_TIMEOUT)
    if brief or value is None:
        timeout = min(timeout, settings.SEARCH_CACHE_SECONDS)
    cache.set(key, (value, until), timeout)
    return value
