"""Whole-page caching of the public pages for anonymous readers, and what invalidates it.

Every cached page and remembered value (``publishing.remember``) is kept with the *versions of the scopes* it was made
from. A scope is a name for a part of the public content: ``reference`` (units, agencies,
channels, categories: every entry depends on it), ``*`` (anything: raised by every write, and
what an entry that names no scopes depends on), and the ones the apps name, such as ``plans``
(any public plan anywhere) and ``plans@79`` (the public plans of one province, by the first part
of its locality path). Each app registers, in its ``ready()``, the models whose rows public pages
show (``invalidated_by``) with the scopes a change of a row touches: a publication in one province
raises ``*``, ``plans`` and that province's scope, so the cached pages of every other province
stay (issue #20). Bulk writers (``update()``, COPY, the locality importer) call ``invalidate()``
themselves. A scheduled item becomes public without any write: a cached page therefore never
outlives the next scheduled publication.

What is kept stays bounded whatever readers send: a page only at its canonical address
(``cache_if_canonical``), and what a typed text or an unknown name brings (a search, a
lookup that found nothing) only for ``SEARCH_CACHE_SECONDS``. Each page and value has one
entry, overwritten when made anew: superseded versions leave nothing behind.

The versions are database rows (``ContentVersion``, one per scope), not cache entries: every
worker on every machine reads the same ones, whether the cache is Redis or each worker's own
memory, so a change is seen by all of them with their next request. ``invalidate()`` raises them
with ``UPDATE … SET value = value + 1`` inside the writer's transaction, so new versions become
visible to others exactly when the new rows do, never before: a request reads the versions
before it reads any rows, so whatever it stores under them was rendered from rows at least
that new. (A request that read the old versions and then the new rows stores a newer page under
versions already passed: it is made again at the next request, never kept stale.) When public
reads go to a replica (``portal.db_router``), the versions are read there too, and so stay in
step with the rows read beside them. The price: every writer holds the ``*`` row's lock from its
first public change to its commit, so writers of public content queue for each other (briefly:
publishing is rare); and one query per request, since a request reads the versions once and keeps
them (``request_started`` and ``request_finished`` bound it; outside a request every call reads
them afresh). ``invalidate()`` forgets the kept ones, so the writer's own next read sees its change.
A cache hit does not pay even that query: it is checked against the versions its worker read at
most ``PUBLIC_PAGE_LAG_MS`` ago (``recent_versions``), so an anonymous reader may be served a
page up to that long after a change in another worker made it stale, and its worker keeps a copy of
each page it served from the cache that long (``RecentCopies``: with Redis, no round trip either);
what is computed or stored is made under versions read afresh.

While one worker makes a page or value anew after a change, the others serve the previous one
(``_claim``): a publication costs one computation of each page, not one per waiting reader.
"""

import hashlib
import threading
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.core.signals import request_finished, request_started
from django.db import router
from django.db.models import F
from django.db.models.signals import m2m_changed, post_save, pre_delete, pre_save
from django.utils import timezone
from django.utils.http import urlencode

from publishing.models import ContentVersion, Status
from publishing.recent_copies import RecentCopies

REFERENCE_TIMEOUT = 24 * 3600
# How long a worker may take to compute a value anew before another one tries (a worker that died
# mid-way must not leave its page stale for longer).
RECOMPUTE_CLAIM_SECONDS = 30
# The scope every write raises (an entry naming no scopes depends on it), and the one of the
# reference lists every entry depends on.
ANY = "*"
REFERENCE = "reference"
# Publishable models registered by the apps: the next scheduled publication is looked up in them.
_SCHEDULABLE = []
# Model → function giving the scopes a change of one of its public rows touches.
_SCOPES = {}


def written(kind, paths=()):
    """The scopes a change of a public item of ``kind`` ("plans", "news") located at ``paths``
    touches: every list of that kind, and the pages of each path's province."""
    return {kind, *shown(kind, paths)} if paths else {kind}


def shown(kind, paths=()):
    """The scopes of a page showing items of ``kind`` located at ``paths`` only (a province's
    archive, a plan's page), or every item of that kind when ``paths`` is empty."""
    areas = {f"{kind}@{path.split('/', 1)[0]}" for path in paths if path}
    return areas or {kind}


def invalidated_by(*models, through=(), owner=None, scopes=None):
    """Register ``models`` (and the many-to-many ``through`` tables) as shown on public pages: a
    save or delete of any of them, or a change to those lists, invalidates what they appear in,
    unless it concerns an item nobody outside the admin can see (``shown_publicly``).

    ``scopes(row)`` names the scopes a change of a public row touches (``written``), before the
    change and after it; without it, a change touches everything (reference data). ``owner`` names
    the foreign key of parts (a plan's targets, say) to the item whose visibility and scopes they
    follow."""
    for model in models:
        if scopes is not None:
            _SCOPES[model] = scopes
            pre_save.connect(_scopes_before_save, sender=model, dispatch_uid=f"scopes-{model._meta.label}-pre-save")
        receiver = _parts_receiver(owner) if owner else _invalidate_if_shown
        # weak=False: a receiver made here for ``owner`` has no other reference to keep it alive.
        post_save.connect(receiver, sender=model, weak=False, dispatch_uid=f"invalidate-{model._meta.label}-save")
        # Before the delete: the rows an item's scopes are read from (its links) go with it.
        pre_delete.connect(receiver, sender=model, weak=False, dispatch_uid=f"invalidate-{model._meta.label}-delete")
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


def touched_by(instance):
    """The scopes a change of ``instance`` touches now (none if nobody outside the admin sees it)."""
    if not shown_publicly(instance):
        return set()
    scopes = _SCOPES.get(type(instance))
    return set(scopes(instance)) if scopes else {REFERENCE}


def _scopes_before_save(sender, instance, raw=False, **signal_kwargs):
    # An edit may move a public item (another unit, its withdrawal): the pages it left change too.
    before = None
    if instance.pk is not None and not raw and not instance._state.adding:
        before = sender._base_manager.filter(pk=instance.pk).first()
    instance._public_scopes_before = touched_by(before) if before is not None else set()


def _invalidate_if_shown(sender, instance, **signal_kwargs):
    scopes = touched_by(instance) | getattr(instance, "_public_scopes_before", set())
    instance._public_scopes_before = set()
    if scopes:
        invalidate(*scopes)


def _parts_receiver(owner):
    def invalidate_if_owner_shown(sender, instance, **signal_kwargs):
        try:
            item = getattr(instance, owner)
        except ObjectDoesNotExist:  # the part of an item being deleted with it
            item = None
        if item is None:
            invalidate()
        elif scopes := touched_by(item):
            invalidate(*scopes)

    return invalidate_if_owner_shown


def _invalidate_if_list_shown(sender, instance, action, model=None, pk_set=None, **signal_kwargs):
    # Once per change (not for its pre_ signal too), and only for a list a reader can see: a draft
    # that names a published plan does not appear on that plan's page until it is published. The
    # items added or removed show the list too (a plan's page lists the news about it).
    if not action.startswith("post_") or not (scopes := touched_by(instance)):
        return
    if action == "post_clear":  # which items were on the list is not known any more
        scopes.add(REFERENCE)
    elif pk_set and model in _SCOPES:
        for item in model._base_manager.filter(pk__in=pk_set):
            scopes |= touched_by(item)
    invalidate(*scopes)


class _RequestVersions(threading.local):
    """The scopes' versions read by the request this thread serves (None: not read yet, or no request)."""

    in_request = False
    value = None


_request_versions = _RequestVersions()


class _RecentVersions:
    """The versions this process read last, with the moment (``time.monotonic()``) just before it
    asked: one tuple, replaced whole, so any thread sees a pair that belongs together."""

    read = (None, float("-inf"))


_recent_versions = _RecentVersions()
# The pages served from the cache within PUBLIC_PAGE_LAG_MS, each worker's own (publishing.recent_copies).
recent_copies = RecentCopies(size=64)


def _request_begins(**signal_kwargs):
    _request_versions.in_request, _request_versions.value = True, None


def _request_ends(**signal_kwargs):
    _request_versions.in_request, _request_versions.value = False, None


request_started.connect(_request_begins, dispatch_uid="publishing-content-version-begins")
request_finished.connect(_request_ends, dispatch_uid="publishing-content-version-ends")


def versions(using=None):
    """Every scope's version, read once per request (see the module's docstring): one query.

    ``using``: the database to read them from, where the caller will read the rows (the replica,
    for a public read decided before the router knows it is one)."""
    if _request_versions.value is not None:
        return _request_versions.value
    asked_at = time.monotonic()
    rows = ContentVersion.objects.using(using or router.db_for_read(ContentVersion))
    found = dict(rows.values_list("scope", "value"))
    if ANY not in found or REFERENCE not in found:  # made by a migration; a flushed database has lost them
        for scope in (ANY, REFERENCE):
            found.setdefault(scope, ContentVersion.objects.get_or_create(scope=scope)[0].value)
    if _request_versions.in_request:
        _request_versions.value = found
    _recent_versions.read = (found, asked_at)
    return found


def recent_versions(using=None):
    """The versions as this process read them at most ``PUBLIC_PAGE_LAG_MS`` ago, without a
    query (``versions()`` when they are older, or the lag is 0).

    Only for deciding whether a kept page may still be served: an anonymous reader may be given a
    page up to that long after a change made it stale, and a cache hit costs no query. Whatever is
    computed or stored is made under ``versions()``, read afresh."""
    found, asked_at = _recent_versions.read
    if found is not None and (time.monotonic() - asked_at) * 1000 < settings.PUBLIC_PAGE_LAG_MS:
        return found
    return versions(using)


def content_version(scope=ANY):
    """The version of one scope (of everything by default): raised by one with each change in it."""
    return versions().get(scope, 0)


def made_under(scopes=None, current=None):
    """What an entry made from the ``scopes`` (everything: None) records: each one's version
    (from ``current``, the versions read before any row was), the reference lists' included."""
    current = current if current is not None else versions()
    return tuple((scope, current.get(scope, 0)) for scope in sorted({REFERENCE, *(scopes or (ANY,))}))


def _is_current(made, current=None):
    """Whether an entry ``made`` under those versions is still current: none of its scopes has
    changed since (a request that read the versions just before a publication may store a value
    made just after: newer is fine)."""
    current = current if current is not None else versions()
    return all(current.get(scope, 0) <= version for scope, version in made)


def invalidate(*scopes, **signal_kwargs):
    """Invalidate what depends on ``scopes`` (everything when none are named); as a signal receiver
    it ignores the signal's arguments.

    Raises their versions inside the writer's transaction: others see the new versions when they
    see the new rows, and the writer at its next read. A scope's first change makes its row (at
    the clock's milliseconds: above anything an entry could have recorded for it).
    """
    scopes = sorted({ANY, *(scopes or (REFERENCE,))})
    rows = ContentVersion.objects.filter(scope__in=scopes)
    if rows.update(value=F("value") + 1) < len(scopes):
        missing = set(scopes) - set(rows.values_list("scope", flat=True))
        ContentVersion.objects.bulk_create([ContentVersion(scope=scope) for scope in missing], ignore_conflicts=True)
        # Raised even if another writer made the row meanwhile: ours must move when our rows show.
        ContentVersion.objects.filter(scope__in=missing).update(value=F("value") + 1)
    _request_versions.value = None
    _recent_versions.read = (None, float("-inf"))
    recent_copies.clear()


def next_scheduled(current=None):
    """When the next scheduled item of a registered model goes public, or None.

    Looked up once per version of the content (``current``: the versions read by this request
    by default), and again once that moment has passed.
    """
    now, current = timezone.now(), current if current is not None else versions()
    key = "public-pages:next-scheduled"  # holds (made, moment)
    entry = cache.get(key)
    if entry is not None and _is_current(entry[0], current) and (entry[1] is None or entry[1] > now):
        return entry[1]
    first, *others = (
        model.objects.scheduled().order_by().values_list("published_at", flat=True) for model in _SCHEDULABLE
    )
    moment = first.union(*others).order_by("published_at").first()
    cache.set(key, (made_under(None, current), moment), REFERENCE_TIMEOUT)
    return moment


def seconds_until_next_scheduled(current=None):
    """Seconds until the next scheduled plan or article goes public, or None."""
    return _seconds_until(next_scheduled(current))


def _seconds_until(moment):
    return max(1, int((moment - timezone.now()).total_seconds())) if moment else None


def _digest(text):
    """A short key part for any text (a URL, a filter's parameters, a slug a reader typed)."""
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def page_key(request):
    # The parsed address: "a+b", "a%20b" and "%61+b" are one page, and one entry.
    address = f"{request.path}?{request.GET.urlencode()}"
    return f"public-pages:{request.method == 'HEAD'}:{_digest(address)}"


def _claim(key, made):
    """Whether this worker is the one to compute ``key`` anew for the versions ``made``: the first
    to ask is, and the others serve the previous value meanwhile instead of computing it too."""
    return cache.add(f"computing:{_digest(repr(made))}:{key}", True, RECOMPUTE_CLAIM_SECONDS)


def _release(key, made):
    cache.delete(f"computing:{_digest(repr(made))}:{key}")


def cache_if_canonical(request, response, params=None, *, path=None, page=None, search=False, scopes=None):
    """Let the page cache keep ``response`` only if ``request`` asked for the page's canonical
    address: ``path`` (the request's own by default) with exactly ``params``, in that order, then
    ``page`` as the pagination links spell it (absent, or the page shown).

    Any other spelling (an unknown, repeated or empty parameter, a default written out, a
    unit by its name, a bad value) is answered but not kept, so random values cannot fill
    the cache. A ``search`` page (its words typed by a reader) is kept ``SEARCH_CACHE_SECONDS``.
    ``scopes``: what the page shows (``shown``), everything by default.
    """
    params = dict(params or {})
    if page is not None and "page" in request.GET:
        params["page"] = str(page.number)
    canonical = request.path == (path or request.path) and request.GET.urlencode() == urlencode(params)
    seconds = settings.SEARCH_CACHE_SECONDS if search else settings.PUBLIC_PAGE_CACHE_SECONDS
    response.public_cache_seconds = seconds if canonical else 0
    response.public_cache_scopes = scopes
    return response


def cache_public_page(view):
    """Mark ``view``'s answers as ones the page cache may keep (``publishing.middleware``): only
    those it vouched for with ``cache_if_canonical`` are kept, 200, 400 and 404 ones, for anonymous
    readers, for the time it gave and never past the next scheduled publication."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.public_page = True
        return response

    return wrapper


def keep_page(request, response, current):
    """Keep ``response`` for ``request`` if its view allowed it (``cache_public_page``), with the
    versions ``current`` read before the page was made."""
    timeout = getattr(response, "public_cache_seconds", 0)
    if not (
        timeout and getattr(response, "public_page", False)
        and response.status_code in (200, 400, 404) and not response.streaming and not response.cookies
    ):
        return
    until_scheduled = seconds_until_next_scheduled(current)
    if until_scheduled:
        timeout = min(timeout, until_scheduled)
    made = made_under(getattr(response, "public_cache_scopes", None), current)
    # Kept as one piece: a response written bit by bit (an Atom feed's XML writer) went out to each
    # reader in as many small socket writes (6–8 ms a hit for a 52 KB feed under gunicorn, 1 ms whole).
    response.content = response.content
    cache.set(page_key(request), (made, response), timeout)
