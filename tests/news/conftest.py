import datetime

import pytest
from django.utils import timezone


@pytest.fixture
def clock(monkeypatch):
    """Django's clock, which ``published()`` and the month tallies read, moved forward on demand:
    ``clock.move(hours=2)``."""

    class Clock:
        offset = datetime.timedelta()

        def move(self, **delta):
            self.offset += datetime.timedelta(**delta)

    clock = Clock()
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() + clock.offset)
    return clock
