"""Values computed from public content (a count, a facet, a reference list), kept in the cache
with the versions of the scopes they were made from, as the pages are (``publishing.cache``)."""

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from publishing.cache import (
    REFERENCE_TIMEOUT,
    _claim,
    _digest,
    _is_current,
    _release,
    _seconds_until,
    made_under,
    next_scheduled,
    versions,
)


def remember(name, compute, *, brief=False, scopes=None):
    """A value computed from public content (a reference list, a count), kept while the content
    it comes from is unchanged, and at most until the next scheduled publication, which may change it.

    ``name`` may be any text (it is hashed into the key). ``scopes``: what the value depends on
    (``shown``; a function of the value, when only the value tells, as for a page found by its
    slug); everything by default, the reference lists only for ``()``. A ``brief`` value (its name
    holds words a reader typed: a search) and a None (a name that found nothing, and readers can
    make up endless ones) are kept ``SEARCH_CACHE_SECONDS`` at most.
    """
    current = versions()
    key = _remembered_key(name)
    value, claim = _reuse(key, cache.get(key), current)
    if value is not _MAKE:
        return value
    try:
        value = compute()
        until, timeout = _lifetime(current, brief=brief or value is None)
        depends = scopes(value) if callable(scopes) else scopes
        cache.set(key, (made_under(depends, current), value, until), timeout)
    finally:
        if claim:
            _release(key, claim)
    return value


def reference(name, compute):
    """``remember(name, compute, scopes=())`` for a small reference list many pages read (the
    channels, the provinces), kept in this process as well while the reference lists are unchanged:
    read back from the cache, the channels' list was unpickled two or three times for each archive
    page. The value is shared by the requests of the process: callers read it, never change it."""
    current = versions()
    key = _remembered_key(name)
    entry = _in_process.get(key)
    if _usable(entry, current):
        return entry[1]
    value = remember(name, compute, scopes=())
    entry = cache.get(key)
    if _usable(entry, current):  # not a previous value served while another worker makes it anew
        _in_process[key] = entry
    return value


def forget_in_process():
    """Drop what ``reference`` keeps in this process (a test's rolled-back versions may come again)."""
    _in_process.clear()


# {key: entry} of ``reference``: a handful of lists, each replaced when its version moves.
_in_process = {}


def remember_each(names, compute):
    """``remember`` for many values at once, in one cache read and one write: ``names`` maps each
    value's name to its scopes; ``compute(stale)`` makes the values of the names in ``stale`` (those
    not current, a list) and returns them as {name: value}. Returns {name: value} for every name.

    For a figure made of parts that depend on different scopes (a country's, from its provinces'):
    a publication in one province makes that province's part anew, in one computation, not all.
    """
    if not names:
        return {}
    current = versions()
    keys = {name: _remembered_key(name) for name in names}
    found = cache.get_many(list(keys.values()))
    values, claims = {}, {}
    for name, key in keys.items():
        value, claim = _reuse(key, found.get(key), current)
        if value is _MAKE:
            claims[name] = claim
        else:
            values[name] = value
    if not claims:
        return values
    try:
        made = compute(list(claims))
        until, timeout = _lifetime(current)
        cache.set_many(
            {keys[name]: (made_under(names[name], current), made[name], until) for name in claims}, timeout,
        )
    finally:
        for name, claim in claims.items():
            if claim:
                _release(keys[name], claim)
    return values | {name: made[name] for name in claims}


# What ``_reuse`` answers when the value is to be made anew.
_MAKE = object()


def _remembered_key(name):
    return f"remembered:{_digest(name)}"  # holds (made, value, until)


def _reuse(key, entry, current):
    """What a request does with ``entry``, found under ``key`` (None: nothing): ``(value, None)`` to
    serve its value (current, or the previous one while another worker makes it anew), or
    ``(_MAKE, claim)`` to make it, ``claim`` being the claim to release afterwards (None: none taken)."""
    if _usable(entry, current):
        return entry[1], None
    claim = entry is not None and made_under([scope for scope, _ in entry[0]], current)
    claimed = bool(claim) and _claim(key, claim)
    if entry is not None and not claimed:
        return entry[1], None  # another worker is computing it for the new version
    return _MAKE, claim if claimed else None


def _usable(entry, current):
    """Whether ``entry`` (made, value, until) may be served as it is: current, and not past the
    next scheduled publication it was made before."""
    return entry is not None and _is_current(entry[0], current) and (entry[2] is None or timezone.now() < entry[2])


def _lifetime(current, *, brief=False):
    """(until, timeout) of a value made now: kept until the next scheduled publication, a day at
    most, ``SEARCH_CACHE_SECONDS`` at most if ``brief``."""
    until = next_scheduled(current)
    timeout = min(_seconds_until(until) or REFERENCE_TIMEOUT, REFERENCE_TIMEOUT)
    return until, min(timeout, settings.SEARCH_CACHE_SECONDS) if brief else timeout
