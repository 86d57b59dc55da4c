"""A clock the tests move forward, patched in where the code under test reads the time."""

from datetime import timedelta

from django.utils import timezone


class MovedClock:
    """``module.now`` answers the real time plus ``offset``; ``advance`` moves it on."""

    def __init__(self, monkeypatch, module):
        self.offset = timedelta()
        monkeypatch.setattr(module, "now", lambda: timezone.now() + self.offset)

    def advance(self, delta):
        self.offset += delta
