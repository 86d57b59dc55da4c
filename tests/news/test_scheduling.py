"""A scheduled article appears everywhere at its time, without a job to run."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from news.selectors import months_with_articles
from tests.news.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch):
    """Django's clock, which ``published()`` reads, moved forward on demand: ``clock.move(hours=2)``."""

    class Clock:
        offset = datetime.timedelta()

        def move(self, **delta):
            self.offset += datetime.timedelta(**delta)

    clock = Clock()
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() + clock.offset)
    return clock


def everywhere(client, article):
    """Where a reader could meet the article: its page, the news list, its month, the month counts."""
    when = timezone.localtime(article.published_at)
    month = client.get(reverse("news:month", kwargs={"year": when.year, "month": when.month}))
    return {
        "page": client.get(article.get_absolute_url()).status_code == 200,
        "list": article in client.get(reverse("news:list")).context["articles"],
        "month": month.status_code == 200 and article in month.context["articles"],
        "counts": any(item.count for item in months_with_articles()),
    }


def test_a_scheduled_article_is_hidden_until_its_time_then_shown(client, db, clock):
    article = ArticleFactory(title="Tin hẹn giờ", published_at=timezone.now() + datetime.timedelta(hours=1))

    assert everywhere(client, article) == {"page": False, "list": False, "month": False, "counts": False}
    assert "Tin hẹn giờ" not in client.get(reverse("news:list")).content.decode()

    clock.move(hours=1, minutes=1)

    assert everywhere(client, article) == {"page": True, "list": True, "month": True, "counts": True}

