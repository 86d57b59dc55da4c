"""A clock the tests move forward, patched in where the code under test reads the time."""

import time
from datetime import timedelta

from django.utils import timezone


class MovedClock:
    """``module.now`` answers the real time plus ``offset``; ``advance`` moves it on."""

    def __init__(self, monkeypatch, module):
        self.offset = timedelta()
        monkeypatch.setattr(module, "now", lambda: timezone.now() + self.offset)

    def advance(self, delta):
        self.offset += delta


class MonotonicClock:
    """``time.monotonic`` answers ``now``, moved by hand; it starts far past any real reading, so
    nothing the code kept from an earlier test counts as recent."""

    def __init__(self, monkeypatch):
        self.now = time.monotonic() + 10_000
        monkeypatch.setattr(time, "monotonic", lambda: self.now)
