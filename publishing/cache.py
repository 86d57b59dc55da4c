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

The content version is a database row (``ContentVersion``), not a cache entry: every worker
on every machine reads the same one, whether the cache is Redis or each worker's own memory,
so a change is seen by all of them with their next request. ``invalidate()`` raises it with
``UPDATE … SET value = value + 1`` inside the writer's transaction, so the new version becomes
visible to others exactly when the new rows do, never before: a request reads the version
before it reads any rows, so whatever it stores under a version was rendered from rows at least
that new. (A request that read the old version and then the new rows stores a newer page under
a version nobody asks for any more: harmless.) When public reads go to a replica
(``portal.db_router``), the version is read there too, and so stays in step with the rows read
beside it. The price: every writer holds that row's lock from its first public change to its
commit, so writers of public content queue for each other (briefly: publishing is rare); and
one query per request, since a request reads the version once and keeps it (``request_started``
and ``request_finished`` bound it; outside a request every call reads it afresh). ``invalidate()``
forgets the kept value, so the writer's own next read sees its new version.
"""

import hashlib
import threading
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.core.signals import request_finished, request_started
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django.utils.http import urlencode

from publishing.models import ContentVersion, Status

_MISSING = object()
REFERENCE_TIMEOUT = 24 * 3600
# How long a worker may take to compute a value anew before another one tries (a worker that died
# mid-way must not leave its page stale for longer).
RECOMPUTE_CLAIM_SECONDS = 30
# Publishable models registered by the apps: the next scheduled publication is looked up in them.
_SCHEDULABLE = []


def invalidated_by(*models, through=(), owner=None):
    """Register ``models`` (and the many-to-many ``through`` tables) as shown on public pages: a
    save or delete of any of them, or a change to those lists, invalidates the cache, unless it
    concerns an item nobody outside the admin can see (``shown_publicly``). ``owner`` names the
    foreign key of parts (a plan's targets, say) to the item whose visibility they follow."""
    for model in models:
        receiver = _parts_receiver(owner) if owner else _invalidate_if_shown
        # weak=False: a receiver made here for ``owner`` has no other reference to keep it alive.
        post_save.connect(receiver, sender=model, weak=False, dispatch_uid=f"invalidate-{model._meta.label}-save")
        post_delete.connect(receiver, sender=model, weak=False, dispatch_uid=f"invalidate-{model._meta.label}-delete")
        if hasattr(model.objects, "scheduled") and model not in _SCHEDULABLE:
            _SCHEDULABLE.append(model)
    for table in through:
        m2m_changed.connect(_invalidate_if_list_shown, sender=table, dispatch_uid=f"invalidate-{table._meta.label}")


def shown_publicly(instance):
    """Whether public pages may show ``instance``: a row of reference data (no workflow state), or
    an item published (scheduled ones included) or withdrawn. Saving a draft, submitting it or
    returning it changes nothing a reader sees, so it keeps every cached page."""
    status = getattr(instance, "status", None)
    return status is None or status in (Status.PUBLISHED, Status.WITHDRAWN)


def _invalidate_if_shown(sender, instance, **signal_kwargs):
    if shown_publicly(instance):
        invalidate()


def _parts_receiver(owner):
    def invalidate_if_owner_shown(sender, instance, **signal_kwargs):
        try:
            item = getattr(instance, owner)
        except ObjectDoesNotExist:  # the part of an item being deleted with it
            item = None
        if item is None or shown_publicly(item):
            invalidate()

    return invalidate_if_owner_shown


def _invalidate_if_list_shown(sender, instance, action, **signal_kwargs):
    # Once per change (not for its pre_ signal too), and only for a list a reader can see: a draft
    # that names a published plan does not appear on that plan's page until it is published.
    if action.startswith("post_") and shown_publicly(instance):
        invalidate()


class _RequestVersion(threading.local):
    """The content version read by the request this thread serves (None: not read yet, or no request)."""

    in_request = False
    value = None


_request_version = _RequestVersion()


def _request_begins(**signal_kwargs):
    _request_version.in_request, _request_version.value = True, None


def _request_ends(**signal_kwargs):
    _request_version.in_request, _request_version.value = False, None


request_started.connect(_request_begins, dispatch_uid="publishing-content-version-begins")
request_finished.connect(_request_ends, dispatch_uid="publishing-content-version-ends")


def content_version():
    """The version every cached public page and remembered value is keyed by (see the module's docstring)."""
    if _request_version.value is not None:
        return _request_version.value
    version = ContentVersion.objects.filter(pk=ContentVersion.ROW).values_list("value", flat=True).first()
    if version is None:  # the row is made by a migration; a flushed database has lost it
        version = ContentVersion.objects.get_or_create(pk=ContentVersion.ROW)[0].value
    if _request_version.in_request:
        _request_version.value = version
    return version


def invalidate(**signal_kwargs):
    """Invalidate every cached public page and remembered value (as a signal receiver it ignores the signal's arguments).

    Raises the content version inside the writer's transaction: others see the new version when
    they see the new rows, and the writer at its next read.
    """
    rows = ContentVersion.objects.filter(pk=ContentVersion.ROW)
    if not rows.update(value=F("value") + 1):
        ContentVersion.objects.get_or_create(pk=ContentVersion.ROW)
        rows.update(value=F("value") + 1)
    _request_version.value = None


def next_scheduled(version=None):
    """When the next scheduled item of a registered model goes public, or None.

    Looked up once per content version (``version``: the current one by default), and again
    once that moment has passed.
    """
    now, version = timezone.now(), version or content_version()
    key = "public-pages:next-scheduled"  # holds (version, moment)
    entry = cache.get(key)
    if entry is not None and entry[0] >= version and (entry[1] is None or entry[1] > now):
        return entry[1]
    first, *others = (
        model.objects.scheduled().order_by().values_list("published_at", flat=True) for model in _SCHEDULABLE
    )
    moment = first.union(*others).order_by("published_at").first()
    cache.set(key, (version, moment), REFERENCE_TIMEOUT)
    return moment


def seconds_until_next_scheduled(version=None):
    """Seconds until the next scheduled plan or article goes public, or None."""
    return _seconds_until(next_scheduled(version))


def _seconds_until(moment):
    return max(1, int((moment - timezone.now()).total_seconds())) if moment else None


def _digest(text):
    """A short key part for any text (a URL, a filter's parameters, a slug a reader typed)."""
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def _page_key(request):
    # The parsed address: "a+b", "a%20b" and "%61+b" are one page, and one entry.
    address = f"{request.path}?{request.GET.urlencode()}"
    return f"public-pages:{request.method == 'HEAD'}:{_digest(address)}"


def _is_current(entry, version):
    """Whether a kept (version, ...) entry was made under ``version`` or a later one (a request that
    read the version just before a publication may read a value made just after: newer is fine)."""
    return entry is not None and entry[0] >= version


def _claim(key, version):
    """Whether this worker is the one to compute ``key`` anew for ``version``: the first to ask
    is, and the others serve the previous value meanwhile instead of computing it too."""
    return cache.add(f"computing:{version}:{key}", True, RECOMPUTE_CLAIM_SECONDS)


def _release(key, version):
    cache.delete(f"computing:{version}:{key}")


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
        version = content_version()
        key = _page_key(request)  # holds (version, response)
        entry = cache.get(key)
        if _is_current(entry, version):
            return entry[1]
        claimed = entry is not None and _claim(key, version)
        if entry is not None and not claimed:
            return entry[1]  # another worker is rendering this page for the new version
        try:
            response = view(request, *args, **kwargs)
            timeout = getattr(response, "public_cache_seconds", 0)
            if timeout and response.status_code in (200, 400, 404) and not response.streaming:
                if hasattr(response, "render"):
                    response.render()
                until_scheduled = seconds_until_next_scheduled(version)
                if until_scheduled:
                    timeout = min(timeout, until_scheduled)
                cache.set(key, (version, response), timeout)
        finally:
            if claimed:
                _release(key, version)
        return response

    return wrapper


def remember(name, compute, *, brief=False):
    """A value computed from public content (a reference list, a count), kept for the current
    content version and at most until the next scheduled publication, which may change it.

    ``name`` may be any text (it is hashed into the key). A ``brief`` value (its name holds
    words a reader typed: a search) and a None (a name that found nothing, and readers can
    make up endless ones) are kept ``SEARCH_CACHE_SECONDS`` at most.
    """
    version = content_version()
    key = f"remembered:{_digest(name)}"  # holds (version, value, until)
    entry = cache.get(key)
    fresh = _is_current(entry, version) and (entry[2] is None or timezone.now() < entry[2])
    if fresh:
        return entry[1]
    claimed = entry is not None and _claim(key, version)
    if entry is not None and not claimed:
        return entry[1]  # another worker is computing it for the new version
    try:
        value = compute()
        until = next_scheduled(version)
        timeout = min(_seconds_until(until) or REFERENCE_TIMEOUT, REFERENCE_TIMEOUT)
        if brief or value is None:
            timeout = min(timeout, settings.SEARCH_CACHE_SECONDS)
        cache.set(key, (version, value, until), timeout)
    finally:
        if claimed:
            _release(key, version)
    return value
